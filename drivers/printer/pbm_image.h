#pragma once

// Receipt logos as Netpbm bitmaps (PBM): the binary P4 form (`pbmmake`,
// `pngtopnm | pamditherbw | pamtopnm`, GIMP's "PBM raw") and the plain
// text P1 form, which can be written by hand. 1 is black in both, as on a
// thermal printer. Nothing but a 1-bit format is accepted on purpose: a
// greyscale logo would need dithering, which is a decision for whoever
// draws the logo, not for the printer driver.

#include <cstdint>
#include <span>
#include <string>

#include "common/error.h"
#include "drivers/printer/bit_image.h"

namespace kiosk::devices {

// The largest side we accept, far beyond any receipt (576 dots is 72 mm):
// it bounds the memory a damaged header could make us allocate.
constexpr int kMaxPbmSide = 4096;

// `name` only labels errors: kInvalidData "logo.pbm: ..." for anything that
// is not a complete P1 or P4 bitmap of 1..kMaxPbmSide dots a side.
Result<BitImage> ParsePbm(std::span<const std::uint8_t> bytes, const std::string& name);

// kIo when the file cannot be read; otherwise as ParsePbm, named by `path`.
Result<BitImage> LoadPbmFile(const std::string& path);

}  // namespace kiosk::devices
