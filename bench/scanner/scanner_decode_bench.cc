// ZXing decode time per 1280x720 grayscale camera frame: p50 and p99 over
// 100 runs, for a clean QR code in the frame, a photo-like one (rotated,
// blurred, low contrast, noisy) and a frame without a code; for each pass
// of the camera scanner's cycle, their mean (the cost per frame over time),
// and ZXing's defaults for comparison. Then the decode rate on 60 hard
// frames: the defaults against the cycle. Run it in a Release build.

// ZXing 1.4 warns unless told which text() it should declare.
#define ZX_USE_UTF8 1

#include <ZXing/ReadBarcode.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "bench/scanner/synthetic_frame.h"
#include "drivers/scanner/barcode_decoder.h"

namespace {

using kiosk::bench::FrameLook;
using kiosk::devices::CameraPassCycle;
using kiosk::devices::DecodeBarcode;
using kiosk::devices::DecodePass;
using kiosk::devices::GrayImage;

constexpr int kRuns = 100;
// The shape of a 电子社保卡 code: "ESSC1:" and a 64-character token.
const std::string kPayload = "ESSC1:q8Zr3VxN0m5T-bH7yKdL2wQ9sJc_EuA4gFiR6tPoXnB1lDz8vMhYeWkS0aCjU";

double Percentile(std::vector<double> samples, double fraction) {
  std::sort(samples.begin(), samples.end());
  const auto index = static_cast<std::size_t>(fraction * static_cast<double>(samples.size() - 1));
  return samples[index];
}

// ZXing's own defaults (try harder, rotate, downscale), the four formats.
bool DecodeWithDefaults(const GrayImage& frame) {
  ZXing::DecodeHints hints;
  hints.setFormats(ZXing::BarcodeFormat::QRCode | ZXing::BarcodeFormat::DataMatrix |
                   ZXing::BarcodeFormat::PDF417 | ZXing::BarcodeFormat::Code128);
  const ZXing::ImageView view(frame.pixels.data(), frame.width, frame.height,
                              ZXing::ImageFormat::Lum);
  return ZXing::ReadBarcode(view, hints).isValid();
}

struct Timing {
  double p50 = 0;
  double p99 = 0;
  bool found = false;
};

Timing Time(const std::function<bool()>& decode) {
  std::vector<double> millis;
  bool found = false;
  for (int run = 0; run < kRuns; ++run) {
    const auto start = std::chrono::steady_clock::now();
    found = decode();
    millis.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  return {Percentile(millis, 0.5), Percentile(millis, 0.99), found};
}

const char* PassName(const DecodePass& pass) {
  if (pass.subsample > 1) return "cycle: local 1/2";
  if (pass.binarizer == DecodePass::Binarizer::kGlobalHistogram) return "cycle: global";
  return "cycle: local";
}

std::vector<GrayImage> HardFrames(int count) {
  std::mt19937 random(7);
  std::vector<GrayImage> frames;
  for (int i = 0; i < count; ++i) {
    FrameLook look;
    look.angle_degrees = std::uniform_real_distribution<>(0, 90)(random);
    look.module_pixels = std::uniform_int_distribution<>(3, 7)(random);
    look.blur_radius = std::uniform_int_distribution<>(0, 2)(random);
    look.dark = std::uniform_int_distribution<>(0, 90)(random);
    look.light = std::min(255, look.dark + std::uniform_int_distribution<>(50, 200)(random));
    look.noise = std::uniform_int_distribution<>(0, 20)(random);
    frames.push_back(kiosk::bench::MakeFrame(kPayload, look, static_cast<std::uint32_t>(100 + i)));
  }
  return frames;
}

}  // namespace

int main() {
  FrameLook clean;
  FrameLook photo;
  photo.angle_degrees = 17;
  photo.module_pixels = 5;
  photo.blur_radius = 1;
  photo.dark = 70;
  photo.light = 170;
  photo.noise = 12;
  struct Case {
    const char* name;
    GrayImage frame;
  };
  const Case cases[] = {
      {"qr clean", kiosk::bench::MakeFrame(kPayload, clean, 1)},
      {"qr photo-like", kiosk::bench::MakeFrame(kPayload, photo, 2)},
      {"no code", kiosk::bench::MakeFrame("", photo, 3)},
  };
  const auto cycle = CameraPassCycle(kiosk::devices::AllDecodedSymbologies());

  std::printf("ZXing decode of a 1280x720 grayscale frame, %d runs each\n", kRuns);
  std::printf("%-14s %-20s %-6s %8s %8s\n", "frame", "decode", "found", "p50 ms", "p99 ms");
  for (const auto& test : cases) {
    double mean_p50 = 0;
    double mean_p99 = 0;
    for (const auto& pass : cycle) {
      const Timing timing = Time([&] {
        auto decoded = DecodeBarcode(test.frame, pass);
        return decoded.has_value() && decoded->text == kPayload;
      });
      mean_p50 += timing.p50 / static_cast<double>(cycle.size());
      mean_p99 += timing.p99 / static_cast<double>(cycle.size());
      std::printf("%-14s %-20s %-6s %8.2f %8.2f\n", test.name, PassName(pass),
                  timing.found ? "yes" : "no", timing.p50, timing.p99);
    }
    std::printf("%-14s %-20s %-6s %8.2f %8.2f\n", test.name, "cycle: per frame", "", mean_p50,
                mean_p99);
    const Timing defaults = Time([&] { return DecodeWithDefaults(test.frame); });
    std::printf("%-14s %-20s %-6s %8.2f %8.2f\n", test.name, "zxing defaults",
                defaults.found ? "yes" : "no", defaults.p50, defaults.p99);
  }

  const auto hard = HardFrames(60);
  int by_defaults = 0;
  int by_cycle = 0;
  for (const auto& frame : hard) {
    by_defaults += DecodeWithDefaults(frame) ? 1 : 0;
    for (const auto& pass : cycle) {
      auto decoded = DecodeBarcode(frame, pass);
      if (decoded && decoded->text == kPayload) {
        ++by_cycle;
        break;
      }
    }
  }
  std::printf("hard frames read: zxing defaults %d/%zu, camera cycle (any of %zu passes) %d/%zu\n",
              by_defaults, hard.size(), cycle.size(), by_cycle, hard.size());
  return 0;
}
