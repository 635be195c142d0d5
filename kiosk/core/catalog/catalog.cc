#include "kiosk/core/catalog/catalog.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

namespace kiosk {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const char* const kIdentificationMethods[] = {"social_security_card", "id_card",
                                              "e_social_security_qr", "medical_insurance_qr"};

class ItemParser {
 public:
  ItemParser(std::string file, std::vector<CatalogProblem>& problems)
      : file_(std::move(file)), problems_(problems) {}

  void Problem(const std::string& field, const std::string& message) {
    problems_.push_back({file_, item_id_, field, message});
  }

  std::string String(const json& object, const std::string& field, const std::string& path) {
    if (!object.contains(field) || !object[field].is_string() ||
        object[field].get<std::string>().empty()) {
      Problem(path + field, "missing or not a non-empty string");
      return {};
    }
    return object[field].get<std::string>();
  }

  std::vector<std::string> Strings(const json& object, const std::string& field,
                                   const std::string& path) {
    std::vector<std::string> values;
    if (!object.contains(field) || !object[field].is_array()) {
      Problem(path + field, "missing or not an array of strings");
      return values;
    }
    for (const auto& value : object[field]) {
      if (!value.is_string()) {
        Problem(path + field, "contains a value that is not a string");
        continue;
      }
      values.push_back(value.get<std::string>());
    }
    return values;
  }

  ServiceItem Parse(const json& document) {
    ServiceItem item;
    if (!document.is_object()) {
      Problem("", "not a JSON object");
      return item;
    }
    item.id = String(document, "id", "");
    item_id_ = item.id;
    if (document.contains("names") && document["names"].is_object()) {
      item.name_zh = String(document["names"], "zh", "names.");
      item.name_en = String(document["names"], "en", "names.");
    } else {
      Problem("names", "missing or not an object with zh and en");
    }
    item.category = String(document, "category", "");
    item.department = String(document, "department", "");
    item.regions = Strings(document, "regions", "");
    if (item.regions.empty()) Problem("regions", "an item is handled by at least one region");
    for (const auto& region : item.regions) {
      if (region.size() != 6 || region.find_first_not_of("0123456789") != std::string::npos) {
        Problem("regions", "\"" + region + "\" is not a 6-digit region code");
      }
    }
    ParseGuide(document, item.guide);
    item.identification = Strings(document, "identification", "");
    for (const auto& method : item.identification) {
      if (std::find(std::begin(kIdentificationMethods), std::end(kIdentificationMethods), method) ==
          std::end(kIdentificationMethods)) {
        Problem("identification", "unknown identification method \"" + method + "\"");
      }
    }
    ParseFlow(document, item);
    return item;
  }

 private:
  void ParseGuide(const json& document, ServiceGuide& guide) {
    if (!document.contains("guide") || !document["guide"].is_object()) {
      Problem("guide", "missing: every item shows its guide before it starts (一次性告知)");
      return;
    }
    const json& object = document["guide"];
    guide.conditions = Strings(object, "conditions", "guide.");
    if (object.contains("materials") && object["materials"].is_array()) {
      for (const auto& material : object["materials"]) {
        Material parsed;
        parsed.name = String(material, "name", "guide.materials[].");
        parsed.read_by_terminal = material.value("read_by_terminal", false);
        guide.materials.push_back(parsed);
      }
    } else {
      Problem("guide.materials", "missing or not an array");
    }
    guide.legal_basis = String(object, "legal_basis", "guide.");
    guide.time_limit = String(object, "time_limit", "guide.");
    guide.fee = String(object, "fee", "guide.");
    guide.online_depth = String(object, "online_depth", "guide.");
    if (!object.contains("trips") || !object["trips"].is_number_integer() ||
        object["trips"].get<int>() < 0) {
      Problem("guide.trips", "missing or not a non-negative integer");
    } else {
      guide.trips = object["trips"].get<int>();
    }
  }

  void ParseFlow(const json& document, ServiceItem& item) {
    if (!document.contains("flow") || !document["flow"].is_array() || document["flow"].empty()) {
      Problem("flow", "missing or empty");
      return;
    }
    for (std::size_t i = 0; i < document["flow"].size(); ++i) {
      const json& step = document["flow"][i];
      const std::string path = "flow[" + std::to_string(i) + "].";
      FlowStep parsed;
      std::string type = String(step, "type", path);
      if (!type.empty() && !StepTypeFromString(type, &parsed.type)) {
        Problem(path + "type", "unknown step type \"" + type + "\"");
        continue;
      }
      if (parsed.type == StepType::kQuery) parsed.query = String(step, "query", path);
      if (parsed.type == StepType::kPrint) parsed.template_id = String(step, "template", path);
      item.flow.push_back(parsed);
    }
  }

  std::string file_;
  std::string item_id_;
  std::vector<CatalogProblem>& problems_;
};

}  // namespace

const char* ToString(StepType type) {
  switch (type) {
    case StepType::kGuide: return "guide";
    case StepType::kIdentify: return "identify";
    case StepType::kQuery: return "query";
    case StepType::kResult: return "result";
    case StepType::kPrint: return "print";
    case StepType::kRate: return "rate";
  }
  return "guide";
}

bool StepTypeFromString(const std::string& text, StepType* type) {
  for (StepType candidate : {StepType::kGuide, StepType::kIdentify, StepType::kQuery,
                             StepType::kResult, StepType::kPrint, StepType::kRate}) {
    if (text == ToString(candidate)) {
      *type = candidate;
      return true;
    }
  }
  return false;
}

std::string CatalogProblem::Describe() const {
  return file + ": item " + (item_id.empty() ? "?" : item_id) + ": " +
         (field.empty() ? "" : field + ": ") + message;
}

const ServiceItem* Catalog::Find(const std::string& id) const {
  auto found = std::find_if(items_.begin(), items_.end(),
                            [&](const ServiceItem& item) { return item.id == id; });
  return found == items_.end() ? nullptr : &*found;
}

Result<Catalog> Catalog::Load(const std::string& catalog_dir,
                              std::vector<CatalogProblem>* problems_out) {
  std::vector<CatalogProblem> problems;
  Catalog catalog;

  const std::string categories_file = (fs::path(catalog_dir) / "categories.json").string();
  std::ifstream categories_in(categories_file);
  json categories = json::parse(categories_in, nullptr, /*allow_exceptions=*/false);
  if (!categories_in || categories.is_discarded() || !categories.contains("categories") ||
      !categories["categories"].is_array()) {
    problems.push_back({categories_file, "", "categories", "missing or not a JSON array"});
  } else {
    for (const auto& entry : categories["categories"]) {
      ItemParser parser(categories_file, problems);
      Category category{parser.String(entry, "id", ""), parser.String(entry, "zh", ""),
                        parser.String(entry, "en", "")};
      catalog.categories_.push_back(category);
    }
  }

  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(fs::path(catalog_dir) / "items", error)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  if (error) {
    problems.push_back({catalog_dir + "/items", "", "", "cannot list: " + error.message()});
  }
  std::sort(files.begin(), files.end());

  std::set<std::string> ids;
  for (const auto& path : files) {
    std::ifstream in(path);
    json document = json::parse(in, nullptr, /*allow_exceptions=*/false);
    ItemParser parser(path.string(), problems);
    if (document.is_discarded()) {
      parser.Problem("", "not valid JSON");
      continue;
    }
    std::size_t before = problems.size();
    ServiceItem item = parser.Parse(document);
    if (!item.id.empty() && !ids.insert(item.id).second) parser.Problem("id", "duplicate item id");
    bool known_category = std::any_of(catalog.categories_.begin(), catalog.categories_.end(),
                                      [&](const Category& c) { return c.id == item.category; });
    if (!item.category.empty() && !known_category) {
      parser.Problem("category", "unknown category \"" + item.category + "\"");
    }
    if (problems.size() == before) catalog.items_.push_back(std::move(item));
  }
  if (files.empty()) problems.push_back({catalog_dir + "/items", "", "", "no items"});

  if (problems_out) *problems_out = problems;
  if (!problems.empty()) {
    std::string detail = std::to_string(problems.size()) + " catalog problem(s):";
    for (const auto& problem : problems) detail += "\n  " + problem.Describe();
    return Fail(ErrorCode::kInvalidData, detail);
  }
  return catalog;
}

}  // namespace kiosk
