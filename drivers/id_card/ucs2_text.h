#pragma once

// The card's text fields are UCS-2 little-endian, right-padded with spaces.
// Readers and cards differ in the padding: some pad with U+0000, some end
// a field with U+0000 and leave garbage after it, some use the ideographic
// space U+3000. Surrogate pairs are accepted so a rare character outside
// the BMP survives if a card ever stores one.

#include <cstdint>
#include <span>
#include <string>

#include "common/error.h"

namespace kiosk::devices {

// One fixed-width field as UTF-8: cut at the first U+0000, spaces (U+0020,
// U+3000) removed at both ends. kInvalidData for an odd byte count, an
// unpaired surrogate or a control character; the detail never quotes the
// text.
Result<std::string> DecodeUcs2Field(std::span<const std::uint8_t> bytes);

}  // namespace kiosk::devices
