#pragma once

// The UTF-8 handling the validators need, without ICU: strict decoding
// (limits count code points, so malformed bytes must not be miscounted),
// Unicode whitespace trimming (Chinese input methods type U+3000, the
// ideographic space), and folding full-width ASCII forms (１３８, Ｘ) that
// the same input methods produce into the plain ASCII the codes use.

#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk::validation {

// Decodes the code point at text[*pos] and advances *pos past it. Returns
// false, leaving *pos, on a malformed sequence: truncated, overlong,
// a surrogate, or above U+10FFFF.
bool DecodeNextCodePoint(std::string_view text, std::size_t* pos, char32_t* code_point);

// True when the whole text is well-formed UTF-8.
bool IsValidUtf8(std::string_view text);

// Number of code points; a malformed byte counts as one.
std::size_t CountCodePoints(std::string_view text);

// Unicode White_Space: ASCII spaces and line breaks, U+0085, U+00A0,
// U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000.
bool IsUnicodeWhitespace(char32_t code_point);

// Without leading and trailing Unicode whitespace; malformed bytes count as
// content and stop the trimming.
std::string_view TrimWhitespace(std::string_view text);

// Full-width forms U+FF01..U+FF5E become ASCII 0x21..0x7E and U+3000
// becomes a space; everything else, malformed bytes included, is copied.
std::string FoldFullWidth(std::string_view text);

// The input of a code-like field (ID, phone, card, amount, date): full-width
// folded, then trimmed.
std::string CleanCodeInput(std::string_view input);

}  // namespace kiosk::validation
