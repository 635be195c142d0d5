#pragma once

// Finds and decodes a barcode in a grayscale image with ZXing-C++ (Debian's
// libzxing 1.4): QR codes, Data Matrix, PDF417 and Code 128 — what phones,
// licences and printed forms carry.
//
// Speed. ZXing's defaults (try harder, rotate, downscale, all four formats)
// take 2-90 ms on a 1280x720 frame here, the most on frames without a
// code, where the rotated passes and the PDF417 reader at full resolution
// cost the most. Measured on hard synthetic frames (bench/scanner), the
// two binarizers read different codes: the local average one misses
// low-contrast noisy codes with small modules that the global histogram
// one reads, and the reverse for uneven lighting. So a camera frame gets
// ONE cheap pass, the next of CameraPassCycle in turn, and their union
// reads more of the hard frames than the defaults do; a single image gets
// every pass (DecodeBarcodeThoroughly). The figures are in the report of
// bench/scanner/scanner_decode_bench.

#include <array>
#include <string>
#include <vector>

#include "common/error.h"
#include "drivers/scanner/gray_image.h"
#include "drivers/scanner/symbology.h"

namespace kiosk::devices {

std::vector<Symbology> AllDecodedSymbologies();  // QR, Data Matrix, PDF417, Code 128.

// One way of looking at an image.
struct DecodePass {
  enum class Binarizer { kLocalAverage, kGlobalHistogram };
  Binarizer binarizer = Binarizer::kLocalAverage;
  // Rotated and inverted passes, harder finder search, a downscaled try.
  bool try_harder = false;
  // Look at every n-th pixel of every n-th line: 2 gives a 640x360 view
  // of a 1280x720 frame, enough for a phone held close.
  int subsample = 1;
  std::vector<Symbology> formats = AllDecodedSymbologies();
};

struct ImagePoint {
  int x = 0;
  int y = 0;
};

struct DecodedBarcode {
  Symbology symbology = Symbology::kUnknown;
  std::string raw;   // The code's bytes as encoded.
  std::string text;  // As UTF-8, by the code's ECI or ZXing's guess of its character set.
  // The code's corners in the image (full resolution): top left, top
  // right, bottom right, bottom left as the code is oriented.
  std::array<ImagePoint, 4> corners{};
};

// The first code the pass finds. kNotFound when there is none,
// kInvalidArgument for an image whose size and pixels disagree or a pass
// with nothing to look for.
Result<DecodedBarcode> DecodeBarcode(const GrayImage& image, const DecodePass& pass);

// The passes a camera scanner cycles through, one per frame.
std::vector<DecodePass> CameraPassCycle(const std::vector<Symbology>& formats);

// Every pass ZXing offers, until one finds a code: for a single image
// (a file, a test), where there is no next frame to try.
Result<DecodedBarcode> DecodeBarcodeThoroughly(
    const GrayImage& image, const std::vector<Symbology>& formats = AllDecodedSymbologies());

}  // namespace kiosk::devices
