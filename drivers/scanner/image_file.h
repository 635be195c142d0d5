#pragma once

// Image files (PNG, JPEG, and whatever else stb_image reads) as grayscale,
// for `kioskctl scan --image` and the tests; and the one call that loads a
// file and decodes the code in it.

#include <string>

#include "common/error.h"
#include "drivers/scanner/barcode_decoder.h"
#include "drivers/scanner/gray_image.h"

namespace kiosk::devices {

// kNotFound when the file does not exist, kIo when it cannot be read,
// kInvalidData when it is not an image stb_image can decode (with its
// reason) or larger than `max_pixels`.
Result<GrayImage> LoadGrayImageFile(const std::string& path, std::size_t max_pixels = 8192 * 8192);

// Loads the file and decodes the first code in it (every decode pass, as
// there is one picture only): the loader's errors, or kNotFound when the
// picture holds no code.
Result<DecodedBarcode> DecodeImageFile(
    const std::string& path, const std::vector<Symbology>& formats = AllDecodedSymbologies());

}  // namespace kiosk::devices
