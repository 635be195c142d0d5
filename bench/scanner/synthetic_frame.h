#pragma once

// 1280x720 grayscale frames like a kiosk camera sees: a QR code (made by
// ZXing's own writer) held at an angle, blurred and at low contrast over a
// textured background, or the background alone.

#include <cstdint>
#include <string>

#include "drivers/scanner/gray_image.h"

namespace kiosk::bench {

struct FrameLook {
  double angle_degrees = 0;  // Rotation of the code.
  int module_pixels = 6;     // Size of one QR module.
  int blur_radius = 0;       // Box blur, in pixels.
  int dark = 0;              // Gray level of dark modules …
  int light = 255;           // … and of light ones and the quiet zone.
  int noise = 0;             // ± uniform noise on every pixel.
  bool textured_background = true;
};

// A frame with a QR code of `text` in its middle; without `text` (empty),
// the background alone. Deterministic for a given seed.
devices::GrayImage MakeFrame(const std::string& text, const FrameLook& look, std::uint32_t seed);

}  // namespace kiosk::bench
