#pragma once

// What a form field accepts, as the catalog describes it. A rule is a JSON
// object with a "type" and that type's parameters:
//
//   {"type": "id_number"}                        居民身份证号码
//   {"type": "credit_code"}                      统一社会信用代码
//   {"type": "phone"}                            mobile number
//   {"type": "bank_card"}                        bank card number
//   {"type": "date", "min_date": "1900-01-01", "max_date": "2099-12-31",
//    "not_after_today": true, "not_before_today": false}
//                                                all four optional
//   {"type": "money", "min_fen": 0, "max_fen": 10000000}
//                                                optional; default 0 and
//                                                kMaxMoneyFen, 0 <= min <= max
//   {"type": "choice", "options": [{"id": "urban", "zh": "城镇职工", "en": "Urban employee"}]}
//                                                at least one option, ids unique
//   {"type": "text", "min_length": 1, "max_length": 50}
//                                                in characters; max_length
//                                                required, 1..10000; min default 0
//
// Every type also takes "required" (default true): whether an empty input
// (after trimming whitespace) is refused or stored as "". Any other key is
// a problem, so a misspelt "max_lenght" is caught when the catalog loads
// rather than silently ignored.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "kiosk/core/validation/choice.h"
#include "kiosk/core/validation/date.h"
#include "kiosk/core/validation/money.h"

namespace kiosk::validation {

enum class FieldType { kIdNumber, kCreditCode, kPhone, kBankCard, kDate, kMoney, kChoice, kText };

// "id_number", "credit_code", "phone", "bank_card", "date", "money",
// "choice", "text".
const char* ToString(FieldType type);
std::optional<FieldType> FieldTypeFromString(std::string_view name);

inline constexpr std::size_t kMaxTextLength = 10000;

struct FieldRule {
  FieldType type = FieldType::kText;
  bool required = true;

  // kText, in characters (code points).
  std::size_t min_length = 0;
  std::size_t max_length = 100;

  // kMoney, inclusive.
  std::int64_t min_fen = 0;
  std::int64_t max_fen = kMaxMoneyFen;

  // kDate, inclusive; the today bounds apply on top of the fixed ones.
  std::optional<Date> min_date;
  std::optional<Date> max_date;
  bool not_after_today = false;
  bool not_before_today = false;

  // kChoice.
  std::vector<ChoiceOption> options;
};

struct RuleProblem {
  std::string field;  // The parameter, e.g. "max_length" or "options[1].id"; "" for the rule.
  std::string message;
  // "max_length: must be an integer from 1 to 10000".
  std::string Describe() const;
};

// Checks everything and reports every problem, not just the first, so a
// catalog author fixes a rule in one go. Fails with kInvalidData and the
// problems one per line in the detail; `problems`, when given, receives
// them as values (appended), for the catalog loader to prefix with the
// field's own path.
Result<FieldRule> ParseFieldRule(const nlohmann::json& rule,
                                 std::vector<RuleProblem>* problems = nullptr);

}  // namespace kiosk::validation
