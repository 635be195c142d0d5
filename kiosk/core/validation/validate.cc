#include "kiosk/core/validation/validate.h"

#include <algorithm>

#include "kiosk/core/validation/bank_card.h"
#include "kiosk/core/validation/credit_code.h"
#include "kiosk/core/validation/date_field.h"
#include "kiosk/core/validation/id_number.h"
#include "kiosk/core/validation/phone.h"
#include "kiosk/core/validation/text.h"
#include "kiosk/core/validation/utf8.h"

namespace kiosk::validation {
namespace {

// GCC 12's std::expected has no transform(): map a success by hand.
template <typename T, typename Convert>
FieldResult<FieldValue> Map(FieldResult<T> result, Convert convert) {
  if (!result) return std::unexpected(std::move(result.error()));
  return convert(std::move(*result));
}

FieldValue TextValue(std::string text) {
  return FieldValue{std::move(text), std::nullopt, std::nullopt};
}

// The rule's fixed bounds narrowed by the ones relative to today.
DateBounds BoundsOf(const FieldRule& rule, const Date& today) {
  DateBounds bounds{rule.min_date, rule.max_date};
  if (rule.not_before_today) bounds.earliest = std::max(bounds.earliest.value_or(today), today);
  if (rule.not_after_today) bounds.latest = std::min(bounds.latest.value_or(today), today);
  return bounds;
}

}  // namespace

FieldResult<FieldValue> Validate(const FieldRule& rule, std::string_view input, const Date& today) {
  if (CleanCodeInput(input).empty()) {
    if (rule.required) return Reject(reason::kRequired, "the field is required but empty");
    return FieldValue{};
  }
  switch (rule.type) {
    case FieldType::kIdNumber:
      return Map(CheckIdNumber(input, today), [](IdNumber id) { return TextValue(id.value); });
    case FieldType::kCreditCode: return Map(CheckCreditCode(input), TextValue);
    case FieldType::kPhone: return Map(CheckMobilePhone(input), TextValue);
    case FieldType::kBankCard: return Map(CheckBankCard(input), TextValue);
    case FieldType::kDate:
      return Map(CheckDate(input, BoundsOf(rule, today)), [](Date date) {
        return FieldValue{ToIsoString(date), std::nullopt, date};
      });
    case FieldType::kMoney:
      return Map(CheckMoney(input, rule.min_fen, rule.max_fen), [](std::int64_t fen) {
        return FieldValue{FormatFenAsYuan(fen), fen, std::nullopt};
      });
    case FieldType::kChoice: return Map(CheckChoice(input, rule.options), TextValue);
    case FieldType::kText:
      return Map(CheckText(input, rule.min_length, rule.max_length), TextValue);
  }
  return Reject(reason::kBadFormat, "the field rule has an unknown type");
}

}  // namespace kiosk::validation
