#pragma once

// How much paper a UTF-8 string takes on a receipt printer in Chinese mode,
// measured in font A columns, and line wrapping and padding in those units.
//
// In Chinese mode the printer prints every single-byte (ASCII) character in
// a 12-dot half-width cell and every multi-byte GB18030 character (Chinese,
// but also "é", "°" or "×") in a 24-dot full-width cell. So a column count
// is exact when printable ASCII counts 1 and every other character counts 2;
// a Unicode East Asian Width table would be wrong for this device.
//
// Every function here decodes the UTF-8 (utf8.h) and fails on invalid input
// or on control characters (which would reach the printer as commands);
// none ever splits a character.

#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace kiosk::devices {

// Columns one code point takes: 1 for printable ASCII, 0 for a control
// character (C0, DEL, C1), 2 for anything else.
int ColumnsOf(char32_t code_point);

// Columns `text` takes on one line. Control characters (line breaks too)
// fail with kInvalidArgument.
Result<int> DisplayWidth(std::string_view text);

// Splits `text` into lines of at most `columns` columns: "\n" forces a
// break, lines break at spaces or next to Chinese characters, a word longer
// than a line is broken between characters, and closing punctuation such as
// "，" or "。" stays on the line of the character before it when it fits.
// Spaces at a break are dropped. An empty text gives one empty line.
// `columns` must be at least 2 so that any character fits.
Result<std::vector<std::string>> WrapToColumns(std::string_view text, int columns);

// `text` followed by spaces up to `columns` columns (left-aligned in a
// field); kInvalidArgument when `text` is wider than `columns`.
Result<std::string> PadEnd(std::string_view text, int columns);

// Spaces then `text`, `columns` columns in all (right-aligned in a field).
Result<std::string> PadStart(std::string_view text, int columns);

}  // namespace kiosk::devices
