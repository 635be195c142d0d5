#pragma once

// Resident identity numbers (公民身份号码, GB 11643-1999), which are also the
// social security number. The check digit catches mistyped and misread
// numbers, so the service refuses a number whose check digit is wrong.

#include <optional>
#include <string>
#include <string_view>

namespace kiosk::central {

// The check character ('0'..'9' or 'X') for the first 17 digits, or nullopt
// when `first17` is not exactly 17 decimal digits.
std::optional<char> IdCheckCharacter(std::string_view first17);

// 17 digits followed by the right check character (upper-case 'X' only).
bool IsValidIdNumber(std::string_view id_number);

// "YYYY-MM-DD" from digits 7..14; the caller validates the number first.
std::string IdBirthDate(std::string_view id_number);

// "male" when the 17th digit is odd, else "female".
std::string IdGender(std::string_view id_number);

}  // namespace kiosk::central
