#pragma once

// Bank card numbers (银行卡号): 16 to 19 digits ending in a Luhn check
// digit (ISO/IEC 7812), which catches every single mistyped digit and
// almost every swap of neighbours.

#include <string>
#include <string_view>

#include "kiosk/core/validation/field_error.h"

namespace kiosk::validation {

// Accepts spaces ("6222 0200 ...") and full-width digits, returns the bare
// digits. Rejections: bad_character, bad_length {min_length=16,
// max_length=19}, bad_check_digit.
FieldResult<std::string> CheckBankCard(std::string_view input);

// True when `digits` (ASCII digits only, at least 2) pass the Luhn check.
bool PassesLuhn(std::string_view digits);

}  // namespace kiosk::validation
