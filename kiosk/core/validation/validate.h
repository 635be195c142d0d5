#pragma once

// One entry point for the flow engine: check a citizen's input against a
// field's rule and get the value to store, or the reason to show.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/validation/date.h"
#include "kiosk/core/validation/field_error.h"
#include "kiosk/core/validation/field_rule.h"

namespace kiosk::validation {

struct FieldValue {
  // The normalised value to store and send: the 18-character ID with 'X'
  // upper case, the upper-case credit code, the bare 11-digit mobile
  // number, the bare card digits, "YYYY-MM-DD", the amount as "1234.50",
  // the option id, the trimmed text; "" for an optional field left empty.
  std::string text;
  std::optional<std::int64_t> fen;  // kMoney.
  std::optional<Date> date;         // kDate.
};

// `today` is the kiosk's local date; it bounds birth dates and the
// "not_after_today"/"not_before_today" date rules. An input that is empty
// after trimming is rejected with "required" when the rule is required and
// accepted as "" otherwise; anything else goes to the type's validator
// (see its header for the reason codes it uses).
FieldResult<FieldValue> Validate(const FieldRule& rule, std::string_view input, const Date& today);

}  // namespace kiosk::validation
