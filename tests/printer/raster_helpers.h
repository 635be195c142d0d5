#pragma once

// Shared by the raster tests: the GS v 0 bands of one picture put back
// together, and a picture read the way a phone reads a printed QR code —
// as a grey image given to ZXing (drivers/scanner), which shares no code
// with the encoder that drew it.

#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "drivers/scanner/barcode_decoder.h"
#include "drivers/scanner/gray_image.h"
#include "tests/support/escpos_decoder.h"

namespace kiosk::testing {

// Raster images printed one right below the other (no line between, the
// same width and mode) are bands of one picture: joined into one.
inline std::vector<DecodedRasterImage> Pictures(const DecodedJob& job) {
  std::vector<DecodedRasterImage> pictures;
  for (const DecodedRasterImage& band : job.images) {
    if (!pictures.empty() && pictures.back().line_index == band.line_index &&
        pictures.back().width == band.width && pictures.back().mode == band.mode) {
      DecodedRasterImage& picture = pictures.back();
      picture.bits.insert(picture.bits.end(), band.bits.begin(), band.bits.end());
      picture.height += band.height;
    } else {
      pictures.push_back(band);
    }
  }
  return pictures;
}

// Black dots become 0, white ones 255, with a white border of `border`
// dots: paper around the picture, as a camera would see it.
inline devices::GrayImage ToGray(const DecodedRasterImage& picture, int border = 16) {
  devices::GrayImage image;
  image.width = picture.width + 2 * border;
  image.height = picture.height + 2 * border;
  image.pixels.assign(
      static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height), 255);
  for (int y = 0; y < picture.height; ++y) {
    for (int x = 0; x < picture.width; ++x) {
      if (picture.Black(x, y)) {
        image.pixels[static_cast<std::size_t>(y + border) * static_cast<std::size_t>(image.width) +
                     static_cast<std::size_t>(x + border)] = 0;
      }
    }
  }
  return image;
}

// The bytes of the QR code ZXing finds in the picture, or "" if none.
inline std::string ScanQr(const DecodedRasterImage& picture) {
  auto decoded = devices::DecodeBarcodeThoroughly(ToGray(picture), {devices::Symbology::kQrCode});
  INFO((decoded ? std::string() : decoded.error().Describe()));
  CHECK(decoded.has_value());
  return decoded ? decoded->raw : std::string();
}

// Columns [left, right] that hold a black dot; {-1, -1} for a white picture.
inline std::pair<int, int> BlackColumns(const DecodedRasterImage& picture) {
  int left = -1;
  int right = -1;
  for (int x = 0; x < picture.width; ++x) {
    for (int y = 0; y < picture.height; ++y) {
      if (picture.Black(x, y)) {
        if (left < 0) left = x;
        right = x;
        break;
      }
    }
  }
  return {left, right};
}

}  // namespace kiosk::testing
