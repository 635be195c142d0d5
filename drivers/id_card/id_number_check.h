#pragma once

// The check character of a resident identity number (GB 11643-1999, ISO
// 7064 MOD 11-2). The driver checks every number it reads so a misread
// card never reaches the kiosk; drivers do not depend on the core, whose
// validators do the same for typed numbers.

#include <string_view>

namespace kiosk::devices {

// '0'..'9' or 'X' for the first 17 digits; '\0' unless `first17` is 17
// ASCII digits.
char IdNumberCheckCharacter(std::string_view first17);

// 17 digits and the matching check character (upper-case 'X' only: that
// is how the card stores it).
bool IsValidIdNumber(std::string_view id_number);

}  // namespace kiosk::devices
