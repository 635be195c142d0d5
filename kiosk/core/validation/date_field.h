#pragma once

// A date the citizen enters as "YYYY-MM-DD" (the date picker's output).

#include <optional>
#include <string_view>

#include "kiosk/core/validation/date.h"
#include "kiosk/core/validation/field_error.h"

namespace kiosk::validation {

struct DateBounds {
  std::optional<Date> earliest;  // Inclusive.
  std::optional<Date> latest;    // Inclusive.
};

// Rejections: bad_format (not YYYY-MM-DD), bad_date (e.g. 2023-02-29),
// out_of_range {min, max} (each present when that bound is).
FieldResult<Date> CheckDate(std::string_view input, const DateBounds& bounds);

}  // namespace kiosk::validation
