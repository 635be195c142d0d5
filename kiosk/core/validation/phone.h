#pragma once

// Mainland China mobile numbers: 11 digits, 1 then 3-9. Landlines are not
// asked for by any form.

#include <string>
#include <string_view>

#include "kiosk/core/validation/field_error.h"

namespace kiosk::validation {

// Accepts spaces and hyphens anywhere ("138 0013 8000", "138-0013-8000"),
// a "+86" or "86" country prefix, full-width digits, and returns the bare
// 11 digits. Rejections: bad_character (anything but digits, spaces,
// hyphens and a leading '+'), bad_format (another country, or not 1[3-9]),
// bad_length {length=11}.
FieldResult<std::string> CheckMobilePhone(std::string_view input);

}  // namespace kiosk::validation
