#include "kiosk/core/validation/field_rule.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>

namespace kiosk::validation {
namespace {

using nlohmann::json;

struct TypeName {
  FieldType type;
  const char* name;
};

constexpr TypeName kTypeNames[] = {
    {FieldType::kIdNumber, "id_number"}, {FieldType::kCreditCode, "credit_code"},
    {FieldType::kPhone, "phone"},        {FieldType::kBankCard, "bank_card"},
    {FieldType::kDate, "date"},          {FieldType::kMoney, "money"},
    {FieldType::kChoice, "choice"},      {FieldType::kText, "text"},
};

// The parameters each type takes besides "type" and "required".
std::vector<std::string_view> ParametersOf(FieldType type) {
  switch (type) {
    case FieldType::kDate: return {"min_date", "max_date", "not_after_today", "not_before_today"};
    case FieldType::kMoney: return {"min_fen", "max_fen"};
    case FieldType::kChoice: return {"options"};
    case FieldType::kText: return {"min_length", "max_length"};
    case FieldType::kIdNumber:
    case FieldType::kCreditCode:
    case FieldType::kPhone:
    case FieldType::kBankCard: return {};
  }
  return {};
}

// nlohmann keeps non-negative numbers unsigned: convert without wrapping.
std::optional<std::int64_t> AsInt64(const json& item) {
  if (item.is_number_unsigned()) {
    const auto number = item.get<std::uint64_t>();
    if (number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      return std::nullopt;
    }
    return static_cast<std::int64_t>(number);
  }
  if (item.is_number_integer()) return item.get<std::int64_t>();
  return std::nullopt;
}

std::string TypeList() {
  std::string list;
  for (const TypeName& entry : kTypeNames) {
    if (!list.empty()) list += ", ";
    list += entry.name;
  }
  return list;
}

class RuleParser {
 public:
  explicit RuleParser(std::vector<RuleProblem>& problems) : problems_(problems) {}

  FieldRule Parse(const json& rule) {
    FieldRule parsed;
    if (!rule.is_object()) {
      Problem("", "a field rule is a JSON object with a \"type\"");
      return parsed;
    }
    std::optional<FieldType> type;
    if (!rule.contains("type") || !rule["type"].is_string()) {
      Problem("type", "missing or not a string");
    } else {
      type = FieldTypeFromString(rule["type"].get<std::string>());
      if (!type) {
        Problem("type", fmt::format("unknown type \"{}\"; one of {}",
                                    rule["type"].get<std::string>(), TypeList()));
      }
    }
    Bool(rule, "required", &parsed.required);
    if (!type) return parsed;  // Which parameters are allowed depends on the type.
    parsed.type = *type;
    CheckKeys(rule, *type);
    switch (*type) {
      case FieldType::kDate: ParseDateBounds(rule, parsed); break;
      case FieldType::kMoney: ParseMoneyBounds(rule, parsed); break;
      case FieldType::kChoice: Options(rule, &parsed.options); break;
      case FieldType::kText: ParseTextLimits(rule, parsed); break;
      case FieldType::kIdNumber:
      case FieldType::kCreditCode:
      case FieldType::kPhone:
      case FieldType::kBankCard: break;
    }
    return parsed;
  }

 private:
  void Problem(std::string field, std::string message) {
    problems_.push_back({std::move(field), std::move(message)});
  }

  void Bool(const json& rule, const char* key, bool* value) {
    if (!rule.contains(key)) return;
    if (!rule[key].is_boolean()) return Problem(key, "must be true or false");
    *value = rule[key].get<bool>();
  }

  // An integer within [low, high].
  template <typename T>
  void Integer(const json& rule, const char* key, std::int64_t low, std::int64_t high, T* value) {
    if (!rule.contains(key)) return;
    const std::optional<std::int64_t> number = AsInt64(rule[key]);
    if (!number || *number < low || *number > high) {
      return Problem(key, fmt::format("must be an integer from {} to {}", low, high));
    }
    *value = static_cast<T>(*number);
  }

  void OptionalDate(const json& rule, const char* key, std::optional<Date>* value) {
    if (!rule.contains(key)) return;
    std::optional<Date> date;
    if (rule[key].is_string()) date = ParseIsoDate(rule[key].get<std::string>());
    if (!date) return Problem(key, "must be a calendar date written YYYY-MM-DD");
    *value = date;
  }

  void Options(const json& rule, std::vector<ChoiceOption>* options) {
    if (!rule.contains("options") || !rule["options"].is_array() || rule["options"].empty()) {
      return Problem("options", "missing or not a non-empty array of {id, zh, en} objects");
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < rule["options"].size(); ++i) {
      const json& item = rule["options"][i];
      const std::string path = fmt::format("options[{}]", i);
      if (!item.is_object()) {
        Problem(path, "not an object with id, zh and en");
        continue;
      }
      ChoiceOption option{NonEmptyString(item, "id", path), NonEmptyString(item, "zh", path),
                          NonEmptyString(item, "en", path)};
      if (!option.id.empty() && !seen.insert(option.id).second) {
        Problem(path + ".id", fmt::format("\"{}\" is used by an earlier option", option.id));
      }
      options->push_back(std::move(option));
    }
  }

  std::string NonEmptyString(const json& object, const char* key, const std::string& path) {
    if (!object.contains(key) || !object[key].is_string() ||
        object[key].get<std::string>().empty()) {
      Problem(path + "." + key, "missing or not a non-empty string");
      return {};
    }
    return object[key].get<std::string>();
  }

  void CheckKeys(const json& rule, FieldType type) {
    const std::vector<std::string_view> allowed = ParametersOf(type);
    for (const auto& [key, value] : rule.items()) {
      if (key == "type" || key == "required") continue;
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        Problem(key, fmt::format("not a parameter of type {}", ToString(type)));
      }
    }
  }

  void ParseDateBounds(const json& rule, FieldRule& parsed) {
    OptionalDate(rule, "min_date", &parsed.min_date);
    OptionalDate(rule, "max_date", &parsed.max_date);
    Bool(rule, "not_after_today", &parsed.not_after_today);
    Bool(rule, "not_before_today", &parsed.not_before_today);
    if (parsed.min_date && parsed.max_date && *parsed.min_date > *parsed.max_date) {
      Problem("min_date", "later than max_date");
    }
  }

  void ParseMoneyBounds(const json& rule, FieldRule& parsed) {
    Integer(rule, "min_fen", 0, kMaxMoneyFen, &parsed.min_fen);
    Integer(rule, "max_fen", 0, kMaxMoneyFen, &parsed.max_fen);
    if (parsed.min_fen > parsed.max_fen) Problem("min_fen", "greater than max_fen");
  }

  void ParseTextLimits(const json& rule, FieldRule& parsed) {
    if (!rule.contains("max_length")) {
      Problem("max_length", "required: every text field needs an upper limit");
    }
    Integer(rule, "max_length", 1, kMaxTextLength, &parsed.max_length);
    Integer(rule, "min_length", 0, kMaxTextLength, &parsed.min_length);
    if (parsed.min_length > parsed.max_length) Problem("min_length", "greater than max_length");
  }

  std::vector<RuleProblem>& problems_;
};

}  // namespace

const char* ToString(FieldType type) {
  for (const TypeName& entry : kTypeNames) {
    if (entry.type == type) return entry.name;
  }
  return "unknown";
}

std::optional<FieldType> FieldTypeFromString(std::string_view name) {
  for (const TypeName& entry : kTypeNames) {
    if (name == entry.name) return entry.type;
  }
  return std::nullopt;
}

std::string RuleProblem::Describe() const {
  return field.empty() ? message : field + ": " + message;
}

Result<FieldRule> ParseFieldRule(const json& rule, std::vector<RuleProblem>* problems) {
  std::vector<RuleProblem> found;
  FieldRule parsed = RuleParser(found).Parse(rule);
  if (found.empty()) return parsed;
  std::string detail;
  for (const RuleProblem& problem : found) {
    if (!detail.empty()) detail += '\n';
    detail += problem.Describe();
  }
  if (problems != nullptr) problems->insert(problems->end(), found.begin(), found.end());
  return Fail(ErrorCode::kInvalidData, detail);
}

}  // namespace kiosk::validation
