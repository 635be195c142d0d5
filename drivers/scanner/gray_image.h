#pragma once

// An 8-bit grayscale image, row after row without padding: what camera
// frames and image files become before ZXing looks for a code in them.

#include <cstdint>
#include <vector>

namespace kiosk::devices {

struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;  // width * height bytes.

  bool Valid() const {
    return width > 0 && height > 0 &&
           pixels.size() == static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
  }
};

}  // namespace kiosk::devices
