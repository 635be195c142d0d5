#include "kiosk/core/catalog/catalog.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "kiosk/core/catalog/item_parser.h"

namespace kiosk {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// Reads a JSON file; a problem is noted (and a discarded value returned)
// when it is missing or does not parse.
json ReadJson(const fs::path& path, std::vector<CatalogProblem>& problems) {
  std::ifstream in(path);
  if (!in) {
    problems.push_back({path.string(), "", "", "cannot be read"});
    return json(json::value_t::discarded);
  }
  json document = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) problems.push_back({path.string(), "", "", "not valid JSON"});
  return document;
}

void CheckFormatVersion(const json& document, const fs::path& path,
                        std::vector<CatalogProblem>& problems) {
  if (!document.is_object() || !document.contains("format_version") ||
      document["format_version"] != Catalog::kFormatVersion) {
    problems.push_back({path.string(), "", "format_version",
                        "missing or not " + std::to_string(Catalog::kFormatVersion) +
                            " (this terminal reads catalog format " +
                            std::to_string(Catalog::kFormatVersion) + ")"});
  }
}

// A bundle may nest bundles, but never itself: follows sub-flows depth first.
bool ReachesItself(const Catalog& catalog, const std::string& start, const std::string& current,
                   std::set<std::string>& visiting) {
  const ServiceItem* item = catalog.Find(current);
  if (item == nullptr) return false;
  for (const auto& step : item->flow) {
    if (step.type != StepType::kSubFlow) continue;
    if (step.sub_item == start) return true;
    if (!visiting.insert(step.sub_item).second) continue;
    if (ReachesItself(catalog, start, step.sub_item, visiting)) return true;
  }
  return false;
}

}  // namespace

const char* ToString(StepType type) {
  switch (type) {
    case StepType::kGuide: return "guide";
    case StepType::kIdentify: return "identify";
    case StepType::kQuery: return "query";
    case StepType::kResult: return "result";
    case StepType::kForm: return "form";
    case StepType::kConfirm: return "confirm";
    case StepType::kSubmit: return "submit";
    case StepType::kPrint: return "print";
    case StepType::kRate: return "rate";
    case StepType::kSubFlow: return "sub_flow";
  }
  return "guide";
}

bool StepTypeFromString(const std::string& text, StepType* type) {
  for (StepType candidate :
       {StepType::kGuide, StepType::kIdentify, StepType::kQuery, StepType::kResult, StepType::kForm,
        StepType::kConfirm, StepType::kSubmit, StepType::kPrint, StepType::kRate,
        StepType::kSubFlow}) {
    if (text == ToString(candidate)) {
      *type = candidate;
      return true;
    }
  }
  return false;
}

const char* ToString(DisplayFormat format) {
  switch (format) {
    case DisplayFormat::kText: return "text";
    case DisplayFormat::kMoneyFen: return "money_fen";
    case DisplayFormat::kMonths: return "months";
    case DisplayFormat::kDate: return "date";
    case DisplayFormat::kMaskedId: return "masked_id";
    case DisplayFormat::kCount: return "count";
  }
  return "text";
}

bool DisplayFormatFromString(const std::string& text, DisplayFormat* format) {
  for (DisplayFormat candidate :
       {DisplayFormat::kText, DisplayFormat::kMoneyFen, DisplayFormat::kMonths,
        DisplayFormat::kDate, DisplayFormat::kMaskedId, DisplayFormat::kCount}) {
    if (text == ToString(candidate)) {
      *format = candidate;
      return true;
    }
  }
  return false;
}

const FieldDefinition* ServiceItem::FindField(const std::string& field_id) const {
  auto found = std::find_if(fields.begin(), fields.end(),
                            [&](const FieldDefinition& field) { return field.id == field_id; });
  return found == fields.end() ? nullptr : &*found;
}

bool ServiceItem::Accepts(const std::string& method) const {
  return std::find(identification.begin(), identification.end(), method) != identification.end();
}

std::string CatalogProblem::Describe() const {
  return file + ": item " + (item_id.empty() ? "-" : item_id) + ": " +
         (field.empty() ? "" : field + ": ") + message;
}

const ServiceItem* Catalog::Find(const std::string& id) const {
  auto found = index_.find(id);
  return found == index_.end() ? nullptr : &items_[found->second];
}

const CatalogRegion* Catalog::FindRegion(const std::string& code) const {
  auto found = std::find_if(regions_.begin(), regions_.end(),
                            [&](const CatalogRegion& region) { return region.code == code; });
  return found == regions_.end() ? nullptr : &*found;
}

const Category* Catalog::FindCategory(const std::string& id) const {
  auto found = std::find_if(categories_.begin(), categories_.end(),
                            [&](const Category& category) { return category.id == id; });
  return found == categories_.end() ? nullptr : &*found;
}

Result<Catalog> Catalog::Load(const std::string& catalog_dir,
                              std::vector<CatalogProblem>* problems_out) {
  std::vector<CatalogProblem> problems;
  Catalog catalog;
  const fs::path root(catalog_dir);

  const fs::path manifest_file = root / "catalog.json";
  json manifest = ReadJson(manifest_file, problems);
  if (!manifest.is_discarded()) {
    CheckFormatVersion(manifest, manifest_file, problems);
    ItemParser parser(manifest_file.string(), problems);
    catalog.version_ = parser.String(manifest, "version", "");
  }

  const fs::path categories_file = root / "categories.json";
  json categories = ReadJson(categories_file, problems);
  if (!categories.is_discarded()) {
    CheckFormatVersion(categories, categories_file, problems);
    ItemParser parser(categories_file.string(), problems);
    if (!categories.contains("categories") || !categories["categories"].is_array()) {
      parser.Problem("categories", "missing or not an array");
    } else {
      for (const auto& entry : categories["categories"]) {
        catalog.categories_.push_back({parser.String(entry, "id", "categories[]."),
                                       parser.String(entry, "zh", "categories[]."),
                                       parser.String(entry, "en", "categories[].")});
      }
    }
  }

  const fs::path regions_file = root / "regions.json";
  json regions = ReadJson(regions_file, problems);
  if (!regions.is_discarded()) {
    CheckFormatVersion(regions, regions_file, problems);
    ItemParser parser(regions_file.string(), problems);
    if (!regions.contains("regions") || !regions["regions"].is_array()) {
      parser.Problem("regions", "missing or not an array");
    } else {
      for (const auto& entry : regions["regions"]) {
        CatalogRegion region{parser.String(entry, "code", "regions[]."),
                             parser.String(entry, "zh", "regions[]."),
                             parser.String(entry, "en", "regions[].")};
        if (region.code.size() != 6 ||
            region.code.find_first_not_of("0123456789") != std::string::npos) {
          parser.Problem("regions[].code", "\"" + region.code + "\" is not a 6-digit region code");
        }
        catalog.regions_.push_back(region);
      }
    }
  }

  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(root / "items", error)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  if (error) {
    problems.push_back({(root / "items").string(), "", "", "cannot list: " + error.message()});
  }
  std::sort(files.begin(), files.end());

  std::vector<std::string> item_files;
  for (const auto& path : files) {
    json document = ReadJson(path, problems);
    if (document.is_discarded()) continue;
    ItemParser parser(path.string(), problems);
    ServiceItem item = parser.Parse(document);
    if (!item.id.empty() && path.stem().string() != item.id) {
      parser.Problem("id", "the file must be named " + item.id + ".json");
    }
    if (!item.id.empty() && catalog.index_.contains(item.id)) {
      parser.Problem("id",
                     "duplicate item id (also in " + item_files[catalog.index_[item.id]] + ")");
      continue;
    }
    if (!item.category.empty() && catalog.FindCategory(item.category) == nullptr) {
      parser.Problem("category", "unknown category \"" + item.category + "\"");
    }
    for (const auto& region : item.regions) {
      if (catalog.FindRegion(region) == nullptr) {
        parser.Problem("regions", "unknown region \"" + region + "\" (not in regions.json)");
      }
    }
    if (item.id.empty()) continue;
    catalog.index_[item.id] = catalog.items_.size();
    catalog.items_.push_back(std::move(item));
    item_files.push_back(path.string());
  }
  if (files.empty()) problems.push_back({(root / "items").string(), "", "", "no items"});

  // Checks that need every item: sub-flows.
  for (std::size_t i = 0; i < catalog.items_.size(); ++i) {
    const ServiceItem& item = catalog.items_[i];
    ItemParser parser(item_files[i], problems);
    for (std::size_t s = 0; s < item.flow.size(); ++s) {
      const FlowStep& step = item.flow[s];
      if (step.type != StepType::kSubFlow || step.sub_item.empty()) continue;
      const std::string path = "flow[" + std::to_string(s) + "].item";
      const ServiceItem* sub = catalog.Find(step.sub_item);
      if (sub == nullptr) {
        problems.push_back(
            {item_files[i], item.id, path, "unknown item \"" + step.sub_item + "\""});
        continue;
      }
      std::set<std::string> visiting;
      if (step.sub_item == item.id || ReachesItself(catalog, item.id, step.sub_item, visiting)) {
        problems.push_back({item_files[i], item.id, path,
                            "sub-flow \"" + step.sub_item + "\" leads back to this item"});
      }
      for (const auto& region : item.regions) {
        if (std::find(sub->regions.begin(), sub->regions.end(), region) != sub->regions.end()) {
          continue;
        }
        problems.push_back(
            {item_files[i], item.id, path,
             "the bundle is offered in " + region + ", which sub-item \"" + sub->id + "\" is not"});
      }
    }
  }

  if (problems_out) *problems_out = problems;
  if (!problems.empty()) {
    std::string detail = std::to_string(problems.size()) + " catalog problem(s):";
    for (const auto& problem : problems) detail += "\n  " + problem.Describe();
    return Fail(ErrorCode::kInvalidData, detail);
  }
  return catalog;
}

}  // namespace kiosk
