#include "kiosk/core/catalog/item_parser.h"

#include <algorithm>
#include <set>

namespace kiosk {
namespace {

using nlohmann::json;

const std::vector<std::string> kItemKeys = {
    "id",    "names",        "keywords", "category",       "department", "regions",
    "guide", "usage_weight", "fields",   "identification", "flow"};
const std::vector<std::string> kOnlineDepths = {"全程网办", "一次办结", "网上预审", "信息查询"};
const std::vector<std::string> kPrintTemplates = {"insurance_record", "query_result",
                                                  "submission_receipt"};
const std::vector<std::string> kResultViews = {"insurance_record"};
const std::vector<std::string> kIdentityPrefills = {"name", "id_number", "card_number",
                                                    "credit_code", "company_name"};

bool Contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

bool IsItemId(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

std::string Join(const std::vector<std::string>& values) {
  std::string joined;
  for (const auto& value : values) joined += (joined.empty() ? "" : ", ") + value;
  return joined;
}

}  // namespace

void ItemParser::Problem(const std::string& field, const std::string& message) {
  problems_.push_back({file_, item_id_, field, message});
}

std::string ItemParser::String(const json& object, const std::string& key,
                               const std::string& path) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_string() ||
      object[key].get_ref<const std::string&>().empty()) {
    Problem(path + key, "missing or not a non-empty string");
    return {};
  }
  return object[key].get<std::string>();
}

std::vector<std::string> ItemParser::Strings(const json& object, const std::string& key,
                                             const std::string& path) {
  std::vector<std::string> values;
  if (!object.is_object() || !object.contains(key) || !object[key].is_array()) {
    Problem(path + key, "missing or not an array of strings");
    return values;
  }
  for (const auto& value : object[key]) {
    if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
      Problem(path + key, "contains a value that is not a non-empty string");
      continue;
    }
    values.push_back(value.get<std::string>());
  }
  return values;
}

LocalizedText ItemParser::Localized(const json& object, const std::string& key,
                                    const std::string& path, bool required) {
  if (!object.is_object() || !object.contains(key)) {
    if (required) Problem(path + key, "missing: an object with zh and en");
    return {};
  }
  const json& text = object[key];
  if (!text.is_object()) {
    Problem(path + key, "not an object with zh and en");
    return {};
  }
  RejectUnknownKeys(text, {"zh", "en"}, path + key + ".");
  return {String(text, "zh", path + key + "."), String(text, "en", path + key + ".")};
}

void ItemParser::RejectUnknownKeys(const json& object, const std::vector<std::string>& known,
                                   const std::string& path) {
  if (!object.is_object()) return;
  for (const auto& [key, value] : object.items()) {
    // A misspelt key would otherwise be dropped without a word.
    if (!Contains(known, key)) Problem(path + key, "unknown key (known: " + Join(known) + ")");
  }
}

ServiceItem ItemParser::Parse(const json& document) {
  ServiceItem item;
  if (!document.is_object()) {
    Problem("", "not a JSON object");
    return item;
  }
  item.id = String(document, "id", "");
  item_id_ = item.id;
  if (!item.id.empty() && !IsItemId(item.id)) {
    Problem("id", "only a-z, 0-9, '_' and '.' are allowed");
  }
  RejectUnknownKeys(document, kItemKeys, "");
  LocalizedText names = Localized(document, "names", "");
  item.name_zh = names.zh;
  item.name_en = names.en;
  if (document.contains("keywords")) item.keywords = Strings(document, "keywords", "");
  item.category = String(document, "category", "");
  item.department = String(document, "department", "");
  item.regions = Strings(document, "regions", "");
  if (document.contains("regions") && item.regions.empty()) {
    Problem("regions", "an item is handled by at least one region");
  }
  if (document.contains("usage_weight")) {
    const json& weight = document["usage_weight"];
    if (!weight.is_number_integer() || weight.get<std::int64_t>() < 0) {
      Problem("usage_weight", "not a non-negative integer");
    } else {
      item.usage_weight = weight.get<std::int64_t>();
    }
  }
  ParseGuide(document, item.guide);
  item.identification = Strings(document, "identification", "");
  if (document.contains("identification") && item.identification.empty()) {
    Problem("identification", "an item accepts at least one identification method");
  }
  for (const auto& method : item.identification) {
    if (std::find_if(std::begin(kIdentificationMethods), std::end(kIdentificationMethods),
                     [&](const char* known) { return method == known; }) ==
        std::end(kIdentificationMethods)) {
      Problem("identification", "unknown identification method \"" + method + "\"");
    }
  }
  ParseFields(document, item);
  ParseFlow(document, item);
  CheckFlowReferences(item);
  return item;
}

void ItemParser::ParseGuide(const json& document, ServiceGuide& guide) {
  if (!document.contains("guide") || !document["guide"].is_object()) {
    Problem("guide", "missing: every item shows its guide before it starts (一次性告知)");
    return;
  }
  const json& object = document["guide"];
  RejectUnknownKeys(
      object,
      {"conditions", "materials", "legal_basis", "time_limit", "fee", "trips", "online_depth"},
      "guide.");
  guide.conditions = Strings(object, "conditions", "guide.");
  if (object.contains("materials") && object["materials"].is_array()) {
    for (std::size_t i = 0; i < object["materials"].size(); ++i) {
      const json& material = object["materials"][i];
      const std::string path = "guide.materials[" + std::to_string(i) + "].";
      RejectUnknownKeys(material, {"name", "read_by_terminal"}, path);
      Material parsed;
      parsed.name = String(material, "name", path);
      if (material.is_object() && material.contains("read_by_terminal")) {
        if (!material["read_by_terminal"].is_boolean()) {
          Problem(path + "read_by_terminal", "not true or false");
        } else {
          parsed.read_by_terminal = material["read_by_terminal"].get<bool>();
        }
      }
      guide.materials.push_back(parsed);
    }
  } else {
    Problem("guide.materials", "missing or not an array");
  }
  guide.legal_basis = String(object, "legal_basis", "guide.");
  guide.time_limit = String(object, "time_limit", "guide.");
  guide.fee = String(object, "fee", "guide.");
  guide.online_depth = String(object, "online_depth", "guide.");
  if (!guide.online_depth.empty() && !Contains(kOnlineDepths, guide.online_depth)) {
    Problem("guide.online_depth",
            "\"" + guide.online_depth + "\" is not one of " + Join(kOnlineDepths));
  }
  if (!object.contains("trips") || !object["trips"].is_number_integer() ||
      object["trips"].get<int>() < 0) {
    Problem("guide.trips", "missing or not a non-negative integer");
  } else {
    guide.trips = object["trips"].get<int>();
  }
}

void ItemParser::ParseFields(const json& document, ServiceItem& item) {
  if (!document.contains("fields")) return;
  if (!document["fields"].is_array()) {
    Problem("fields", "not an array");
    return;
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < document["fields"].size(); ++i) {
    const json& field = document["fields"][i];
    const std::string path = "fields[" + std::to_string(i) + "].";
    if (!field.is_object()) {
      Problem(path, "not an object");
      continue;
    }
    RejectUnknownKeys(field, {"id", "label", "rule", "required", "prefill", "hint"}, path);
    FieldDefinition parsed;
    parsed.id = String(field, "id", path);
    if (!parsed.id.empty() && !ids.insert(parsed.id).second) {
      Problem(path + "id", "duplicate field id \"" + parsed.id + "\"");
    }
    parsed.label = Localized(field, "label", path);
    parsed.hint = Localized(field, "hint", path, /*required=*/false);
    if (!field.contains("rule")) {
      Problem(path + "rule", "missing: every field names how it is validated");
    } else {
      std::vector<validation::RuleProblem> rule_problems;
      auto rule = validation::ParseFieldRule(field["rule"], &rule_problems);
      for (const auto& problem : rule_problems) {
        Problem(path + "rule" + (problem.field.empty() ? "" : "." + problem.field),
                problem.message);
      }
      if (rule) parsed.rule = std::move(*rule);
    }
    // "required" reads naturally beside the label; the rule enforces it.
    if (field.contains("required")) {
      if (!field["required"].is_boolean()) {
        Problem(path + "required", "not true or false");
      } else {
        parsed.rule.required = field["required"].get<bool>();
      }
    }
    if (field.contains("prefill")) {
      parsed.prefill = String(field, "prefill", path);
      const std::string& source = parsed.prefill;
      if (source.starts_with("identity.")) {
        if (!Contains(kIdentityPrefills, source.substr(9))) {
          Problem(path + "prefill", "unknown identity value \"" + source + "\" (known: identity." +
                                        Join(kIdentityPrefills) + ")");
        }
      } else if (source.starts_with("query.")) {
        if (std::count(source.begin(), source.end(), '.') < 2) {
          Problem(path + "prefill", "\"" + source + "\" is not query.<query name>.<path>");
        }
      } else if (!source.empty()) {
        Problem(path + "prefill", "\"" + source + "\" is neither identity.* nor query.*");
      }
    }
    item.fields.push_back(std::move(parsed));
  }
}

void ItemParser::ParseFlow(const json& document, ServiceItem& item) {
  if (!document.contains("flow") || !document["flow"].is_array() || document["flow"].empty()) {
    Problem("flow", "missing or empty");
    return;
  }
  for (std::size_t i = 0; i < document["flow"].size(); ++i) {
    bool ok = true;
    FlowStep step = ParseStep(document["flow"][i], "flow[" + std::to_string(i) + "].", &ok);
    if (ok) item.flow.push_back(std::move(step));
  }
}

FlowStep ItemParser::ParseStep(const json& step, const std::string& path, bool* ok) {
  FlowStep parsed;
  if (!step.is_object()) {
    Problem(path, "not an object");
    *ok = false;
    return parsed;
  }
  const std::string type = String(step, "type", path);
  if (type.empty()) {
    *ok = false;
    return parsed;
  }
  if (!StepTypeFromString(type, &parsed.type)) {
    Problem(path + "type", "unknown step type \"" + type + "\"");
    *ok = false;
    return parsed;
  }
  switch (parsed.type) {
    case StepType::kQuery:
      RejectUnknownKeys(step, {"type", "query", "require"}, path);
      parsed.query = String(step, "query", path);
      if (step.contains("require")) {
        if (!step["require"].is_array()) {
          Problem(path + "require", "not an array");
          break;
        }
        for (std::size_t i = 0; i < step["require"].size(); ++i) {
          const json& rule = step["require"][i];
          const std::string rule_path = path + "require[" + std::to_string(i) + "].";
          RejectUnknownKeys(rule, {"path", "in", "refusal"}, rule_path);
          Requirement requirement;
          requirement.path = String(rule, "path", rule_path);
          requirement.allowed = Strings(rule, "in", rule_path);
          requirement.refusal = Localized(rule, "refusal", rule_path);
          parsed.requirements.push_back(std::move(requirement));
        }
      }
      break;
    case StepType::kResult:
      RejectUnknownKeys(step, {"type", "view", "display", "query"}, path);
      if (step.contains("query")) parsed.query = String(step, "query", path);
      if (step.contains("view")) {
        parsed.view = String(step, "view", path);
        if (!parsed.view.empty() && !Contains(kResultViews, parsed.view)) {
          Problem(path + "view", "unknown view \"" + parsed.view + "\"");
        }
      } else if (step.contains("display")) {
        parsed.display = ParseDisplay(step["display"], path + "display.");
      } else {
        Problem(path, "a result step needs a view or a display template");
      }
      break;
    case StepType::kForm:
      RejectUnknownKeys(step, {"type", "fields"}, path);
      parsed.fields = Strings(step, "fields", path);
      if (step.contains("fields") && parsed.fields.empty()) {
        Problem(path + "fields", "a form asks at least one field");
      }
      break;
    case StepType::kSubmit:
      RejectUnknownKeys(step, {"type", "submission"}, path);
      parsed.submission = String(step, "submission", path);
      break;
    case StepType::kPrint: {
      RejectUnknownKeys(step, {"type", "template", "paper"}, path);
      parsed.template_id = String(step, "template", path);
      if (!parsed.template_id.empty() && !Contains(kPrintTemplates, parsed.template_id)) {
        Problem(path + "template", "unknown print template \"" + parsed.template_id +
                                       "\" (known: " + Join(kPrintTemplates) + ")");
      }
      if (step.contains("paper")) {
        const std::string paper = String(step, "paper", path);
        if (paper == "a4") {
          parsed.paper = Paper::kA4;
        } else if (paper != "receipt" && !paper.empty()) {
          Problem(path + "paper", "\"" + paper + "\" is neither receipt nor a4");
        }
      }
      break;
    }
    case StepType::kSubFlow:
      RejectUnknownKeys(step, {"type", "item"}, path);
      parsed.sub_item = String(step, "item", path);
      break;
    default: RejectUnknownKeys(step, {"type"}, path); break;
  }
  return parsed;
}

DisplayTemplate ItemParser::ParseDisplay(const json& object, const std::string& path) {
  DisplayTemplate display;
  if (!object.is_object()) {
    Problem(path, "not an object");
    return display;
  }
  RejectUnknownKeys(object, {"title", "fields", "tables"}, path);
  display.title = Localized(object, "title", path);
  if (object.contains("fields")) display.fields = ParseColumns(object["fields"], path + "fields");
  if (object.contains("tables")) {
    if (!object["tables"].is_array()) {
      Problem(path + "tables", "not an array");
    } else {
      for (std::size_t i = 0; i < object["tables"].size(); ++i) {
        const json& table = object["tables"][i];
        const std::string table_path = path + "tables[" + std::to_string(i) + "].";
        RejectUnknownKeys(table, {"title", "path", "columns"}, table_path);
        DisplayTable parsed;
        parsed.title = Localized(table, "title", table_path);
        parsed.path = String(table, "path", table_path);
        if (table.is_object() && table.contains("columns")) {
          parsed.columns = ParseColumns(table["columns"], table_path + "columns");
        }
        if (parsed.columns.empty()) Problem(table_path + "columns", "a table needs columns");
        display.tables.push_back(std::move(parsed));
      }
    }
  }
  if (display.fields.empty() && display.tables.empty()) {
    Problem(path, "a display shows at least one field or table");
  }
  return display;
}

std::vector<DisplayColumn> ItemParser::ParseColumns(const json& array, const std::string& path) {
  std::vector<DisplayColumn> columns;
  if (!array.is_array()) {
    Problem(path, "not an array");
    return columns;
  }
  for (std::size_t i = 0; i < array.size(); ++i) {
    const json& column = array[i];
    const std::string column_path = path + "[" + std::to_string(i) + "].";
    RejectUnknownKeys(column, {"label", "path", "format"}, column_path);
    DisplayColumn parsed;
    parsed.label = Localized(column, "label", column_path);
    parsed.path = String(column, "path", column_path);
    if (column.is_object() && column.contains("format")) {
      const std::string format = String(column, "format", column_path);
      if (!format.empty() && !DisplayFormatFromString(format, &parsed.format)) {
        Problem(column_path + "format", "unknown format \"" + format + "\"");
      }
    }
    columns.push_back(std::move(parsed));
  }
  return columns;
}

void ItemParser::CheckFlowReferences(const ServiceItem& item) {
  // Order matters: a citizen must be identified before anything is asked
  // about them, and a result shows a query that already ran.
  bool identified = false;
  bool queried = false;
  std::set<std::string> queries_so_far;
  for (std::size_t i = 0; i < item.flow.size(); ++i) {
    const FlowStep& step = item.flow[i];
    const std::string path = "flow[" + std::to_string(i) + "]";
    switch (step.type) {
      case StepType::kIdentify: identified = true; break;
      case StepType::kQuery:
      case StepType::kSubmit:
        if (!identified) Problem(path, std::string(ToString(step.type)) + " before identify");
        if (step.type == StepType::kQuery) {
          queried = true;
          queries_so_far.insert(step.query);
        }
        break;
      case StepType::kResult:
        if (!queried) Problem(path, "result before any query");
        if (!step.query.empty() && !queries_so_far.contains(step.query)) {
          Problem(path + ".query",
                  "shows query \"" + step.query + "\", which does not run before it");
        }
        break;
      case StepType::kForm:
        for (const auto& field_id : step.fields) {
          const FieldDefinition* field = item.FindField(field_id);
          if (field == nullptr) {
            Problem(path + ".fields", "unknown field \"" + field_id + "\"");
            continue;
          }
          if (field->prefill.starts_with("query.")) {
            std::string query = field->prefill.substr(6);
            query = query.substr(0, query.find('.'));
            if (!queries_so_far.contains(query)) {
              Problem(path + ".fields", "field \"" + field_id + "\" is prefilled from query \"" +
                                            query + "\", which does not run before this form");
            }
          }
        }
        break;
      default: break;
    }
  }
  if (!item.flow.empty() && item.flow.front().type != StepType::kGuide) {
    Problem("flow[0]", "the first step shows the guide (一次性告知)");
  }
}

}  // namespace kiosk
