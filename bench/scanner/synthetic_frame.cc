#include "bench/scanner/synthetic_frame.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

namespace kiosk::bench {
namespace {

constexpr int kWidth = 1280;
constexpr int kHeight = 720;

// Smooth shading plus some edges: a room, a hand, a phone's bezel, so the
// binarizer has real structure to reject rather than a flat field.
std::vector<std::uint8_t> Background(std::mt19937& random, bool textured) {
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(kWidth) * kHeight);
  std::uniform_int_distribution<int> jitter(-6, 6);
  for (int y = 0; y < kHeight; ++y) {
    for (int x = 0; x < kWidth; ++x) {
      double value = 120 + 60 * std::sin(x / 140.0) * std::cos(y / 90.0) + 0.05 * x;
      if (textured) {
        if ((x / 37 + y / 23) % 7 == 0) value -= 50;    // Stripes of a sleeve.
        if (std::abs(x - 300 - y / 3) < 3) value = 30;  // An edge.
        value += jitter(random);
      }
      pixels[static_cast<std::size_t>(y) * kWidth + x] =
          static_cast<std::uint8_t>(std::clamp(value, 0.0, 255.0));
    }
  }
  return pixels;
}

void BoxBlur(std::vector<std::uint8_t>& pixels, int radius) {
  if (radius <= 0) return;
  std::vector<std::uint8_t> copy(pixels.size());
  // Horizontal then vertical pass.
  for (int pass = 0; pass < 2; ++pass) {
    copy = pixels;
    for (int y = 0; y < kHeight; ++y) {
      for (int x = 0; x < kWidth; ++x) {
        int sum = 0;
        int count = 0;
        for (int d = -radius; d <= radius; ++d) {
          const int sx = pass == 0 ? x + d : x;
          const int sy = pass == 0 ? y : y + d;
          if (sx < 0 || sy < 0 || sx >= kWidth || sy >= kHeight) continue;
          sum += copy[static_cast<std::size_t>(sy) * kWidth + sx];
          ++count;
        }
        pixels[static_cast<std::size_t>(y) * kWidth + x] = static_cast<std::uint8_t>(sum / count);
      }
    }
  }
}

}  // namespace

devices::GrayImage MakeFrame(const std::string& text, const FrameLook& look, std::uint32_t seed) {
  std::mt19937 random(seed);
  devices::GrayImage image;
  image.width = kWidth;
  image.height = kHeight;
  image.pixels = Background(random, look.textured_background);
  if (!text.empty()) {
    const ZXing::BitMatrix matrix =
        ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode).setMargin(0).encode(text, 0, 0);
    const int modules = matrix.width();
    const double half = (modules + 8) * look.module_pixels / 2.0;  // With a 4-module quiet zone.
    const double radians = look.angle_degrees * std::numbers::pi / 180.0;
    const double cos_a = std::cos(radians);
    const double sin_a = std::sin(radians);
    const double cx = kWidth / 2.0;
    const double cy = kHeight / 2.0;
    const int reach = static_cast<int>(half * 1.5) + 2;
    for (int y = static_cast<int>(cy) - reach; y < static_cast<int>(cy) + reach; ++y) {
      for (int x = static_cast<int>(cx) - reach; x < static_cast<int>(cx) + reach; ++x) {
        if (x < 0 || y < 0 || x >= kWidth || y >= kHeight) continue;
        // Back into the code's own frame.
        const double u = cos_a * (x - cx) + sin_a * (y - cy) + half;
        const double v = -sin_a * (x - cx) + cos_a * (y - cy) + half;
        if (u < 0 || v < 0 || u >= 2 * half || v >= 2 * half) continue;
        const int mx = static_cast<int>(u / look.module_pixels) - 4;
        const int my = static_cast<int>(v / look.module_pixels) - 4;
        const bool dark = mx >= 0 && my >= 0 && mx < modules && my < modules && matrix.get(mx, my);
        image.pixels[static_cast<std::size_t>(y) * kWidth + x] =
            static_cast<std::uint8_t>(dark ? look.dark : look.light);
      }
    }
  }
  BoxBlur(image.pixels, look.blur_radius);
  if (look.noise > 0) {
    std::uniform_int_distribution<int> noise(-look.noise, look.noise);
    for (auto& pixel : image.pixels) {
      pixel = static_cast<std::uint8_t>(std::clamp(pixel + noise(random), 0, 255));
    }
  }
  return image;
}

}  // namespace kiosk::bench
