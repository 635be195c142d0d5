#pragma once

// The reverse of DecodeCardText: an IdCard laid out as the card's 256 bytes
// of UCS-2 text. The simulated reader sends its cards through the decoder
// with it, so a simulated card passes the same checks as a real one.

#include <cstdint>
#include <vector>

#include "common/error.h"
#include "drivers/id_card/id_card.h"

namespace kiosk::devices {

// Uses the codes (gender_code, nation_code), ISO dates and valid_to (a
// date or 长期); the printed words are not encoded. kInvalidArgument if a
// field is not UTF-8, has a character outside the BMP or does not fit.
Result<std::vector<std::uint8_t>> EncodeCardText(const IdCard& card);

}  // namespace kiosk::devices
