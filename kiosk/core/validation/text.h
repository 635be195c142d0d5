#pragma once

// Free text (names, addresses, remarks). Limits count characters as the
// citizen sees them, i.e. Unicode code points, not bytes: 张三 is 2, not 6,
// and a rare name character outside the BMP (𠈌) is 1.

#include <cstddef>
#include <string>
#include <string_view>

#include "kiosk/core/validation/field_error.h"

namespace kiosk::validation {

// Control characters (C0, DEL, C1), the line and paragraph separators and
// the bidirectional embedding/override/isolate controls, which could make
// text on a receipt read differently from what was stored.
bool IsForbiddenInText(char32_t code_point);

// Trims surrounding Unicode whitespace and returns the trimmed text.
// Rejections: bad_character (malformed UTF-8 or a forbidden character),
// too_short {min_length}, too_long {max_length}. An empty text passes when
// min_chars is 0; whether the field may be empty is the caller's rule.
FieldResult<std::string> CheckText(std::string_view input, std::size_t min_chars,
                                   std::size_t max_chars);

}  // namespace kiosk::validation
