#include "kiosk/core/validation/date_field.h"

#include <fmt/format.h>

#include "kiosk/core/validation/utf8.h"

namespace kiosk::validation {
namespace {

bool HasIsoShape(std::string_view text) {
  if (text.size() != 10) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? text[i] != '-' : (text[i] < '0' || text[i] > '9')) return false;
  }
  return true;
}

}  // namespace

FieldResult<Date> CheckDate(std::string_view input, const DateBounds& bounds) {
  const std::string text = CleanCodeInput(input);
  if (!HasIsoShape(text)) return Reject(reason::kBadFormat, "a date is written YYYY-MM-DD");
  const std::optional<Date> date = ParseIsoDate(text);
  if (!date) return Reject(reason::kBadDate, "not a calendar date");
  const bool too_early = bounds.earliest && *date < *bounds.earliest;
  const bool too_late = bounds.latest && *date > *bounds.latest;
  if (too_early || too_late) {
    std::map<std::string, std::string> values;
    if (bounds.earliest) values["min"] = ToIsoString(*bounds.earliest);
    if (bounds.latest) values["max"] = ToIsoString(*bounds.latest);
    return Reject(reason::kOutOfRange,
                  fmt::format("the date is {} {}", too_early ? "before" : "after",
                              ToIsoString(too_early ? *bounds.earliest : *bounds.latest)),
                  std::move(values));
  }
  return *date;
}

}  // namespace kiosk::validation
