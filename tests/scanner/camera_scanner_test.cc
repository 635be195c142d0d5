// The camera scanner over scripted frames (no V4L2 device on the test
// machines; v4l2_frame_source.cc is exercised only on a kiosk): frames made
// from qrencode PNGs, converted to YUYV and MJPEG the way a webcam sends
// them and back by the scanner's own conversions, decoded by the pass
// cycle, reported once per appearance of a code.

#include "drivers/scanner/camera_scanner.h"

#include <cstdio>
// clang-format off
#include <jpeglib.h>
// clang-format on

#include <catch2/catch.hpp>
#include <deque>
#include <thread>

#include "drivers/scanner/frame_conversion.h"
#include "drivers/scanner/image_file.h"
#include "drivers/scanner/scan_hold_off.h"
#include "tests/scanner/scanner_test_support.h"

namespace kiosk::devices {
namespace {

using namespace std::chrono_literals;
using testing::ScanCollector;
using testing::TempDir;

constexpr int kWidth = 640;
constexpr int kHeight = 480;

// A camera frame: the QR code of `text` (or nothing) on a mid-gray field.
GrayImage Frame(const std::string& text) {
  GrayImage frame;
  frame.width = kWidth;
  frame.height = kHeight;
  frame.pixels.assign(static_cast<std::size_t>(kWidth) * kHeight, 128);
  if (text.empty()) return frame;
  TempDir dir;
  testing::WriteQrPng(dir / "code.png", text, 4);
  auto code = LoadGrayImageFile((dir / "code.png").string());
  REQUIRE(code.has_value());
  REQUIRE(code->width < kWidth);
  const int left = (kWidth - code->width) / 2;
  const int top = (kHeight - code->height) / 2;
  for (int y = 0; y < code->height; ++y) {
    for (int x = 0; x < code->width; ++x) {
      frame.pixels[static_cast<std::size_t>(top + y) * kWidth + left + x] =
          code->pixels[static_cast<std::size_t>(y) * code->width + x];
    }
  }
  return frame;
}

// YUYV with 16 bytes of padding a line, as some drivers do.
std::vector<std::uint8_t> ToYuyv(const GrayImage& image, int bytes_per_line) {
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(bytes_per_line) * image.height, 0);
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      const std::size_t at = static_cast<std::size_t>(y) * bytes_per_line + 2 * x;
      bytes[at] = image.pixels[static_cast<std::size_t>(y) * image.width + x];
      bytes[at + 1] = 128;  // U or V: no colour.
    }
  }
  return bytes;
}

std::vector<std::uint8_t> ToJpeg(const GrayImage& image, int quality) {
  jpeg_compress_struct encoder{};
  jpeg_error_mgr errors{};
  encoder.err = jpeg_std_error(&errors);
  jpeg_create_compress(&encoder);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&encoder, &buffer, &size);
  encoder.image_width = static_cast<JDIMENSION>(image.width);
  encoder.image_height = static_cast<JDIMENSION>(image.height);
  encoder.input_components = 1;
  encoder.in_color_space = JCS_GRAYSCALE;
  jpeg_set_defaults(&encoder);
  jpeg_set_quality(&encoder, quality, TRUE);
  jpeg_start_compress(&encoder, TRUE);
  while (encoder.next_scanline < encoder.image_height) {
    auto* row = const_cast<JSAMPLE*>(image.pixels.data() +
                                     static_cast<std::size_t>(encoder.next_scanline) * image.width);
    jpeg_write_scanlines(&encoder, &row, 1);
  }
  jpeg_finish_compress(&encoder);
  jpeg_destroy_compress(&encoder);
  std::vector<std::uint8_t> jpeg(buffer, buffer + size);
  std::free(buffer);
  return jpeg;
}

// Frames as a webcam delivers them: each step is a YUYV frame, an MJPEG
// frame, or a failure; after the last step, no more frames (timeouts).
class ScriptedFrameSource final : public FrameSource {
 public:
  struct Step {
    enum class Kind { kYuyv, kMjpeg, kError } kind;
    std::vector<std::uint8_t> bytes;
    Error error;
  };

  explicit ScriptedFrameSource(std::deque<Step> steps, std::chrono::milliseconds interval = 10ms)
      : steps_(std::move(steps)), interval_(interval) {}

  std::string Name() const override { return "scripted"; }
  Result<void> Start() override {
    if (start_error_) return std::unexpected(*start_error_);
    ++starts_;
    return {};
  }
  Result<GrayImage> NextFrame(std::chrono::milliseconds timeout) override {
    Step step;
    {
      std::lock_guard lock(mutex_);
      if (steps_.empty()) {
        std::this_thread::sleep_for(timeout);
        return Fail(ErrorCode::kTimeout, "no frame");
      }
      step = std::move(steps_.front());
      steps_.pop_front();
    }
    std::this_thread::sleep_for(interval_);
    switch (step.kind) {
      case Step::Kind::kYuyv: return YuyvToGray(step.bytes, kWidth, kHeight, 2 * kWidth + 16);
      case Step::Kind::kMjpeg: return JpegToGray(step.bytes);
      case Step::Kind::kError: return std::unexpected(step.error);
    }
    return Fail(ErrorCode::kInternal, "unreachable");
  }
  void Stop() override { ++stops_; }

  void SetStartError(Error error) { start_error_ = std::move(error); }
  int Starts() const { return starts_; }

 private:
  std::mutex mutex_;
  std::deque<Step> steps_;
  std::chrono::milliseconds interval_;
  std::optional<Error> start_error_;
  std::atomic<int> starts_{0};
  std::atomic<int> stops_{0};
};

using Step = ScriptedFrameSource::Step;

void AddYuyv(std::deque<Step>& steps, const GrayImage& frame, int count) {
  const auto bytes = ToYuyv(frame, 2 * kWidth + 16);
  for (int i = 0; i < count; ++i) steps.push_back({Step::Kind::kYuyv, bytes, {}});
}

const std::string kLicence = "https://www.gdzwfw.gov.cn/ymtx/yyzz?uscc=91442000MAF2K7N352&v=1";
const std::string kToken = "q8Zr3VxN0m5T-bH7yKdL2wQ9sJc_EuA4gFiR6tPoXnB1lDz8vMhYeWkS0aCjU";

TEST_CASE("a code in view is reported once - again after it left - a new code at once") {
  const GrayImage blank = Frame("");
  const GrayImage licence = Frame(kLicence);
  const GrayImage phone = Frame("ESSC1:" + kToken);
  std::deque<Step> steps;
  AddYuyv(steps, blank, 3);
  AddYuyv(steps, licence, 12);  // In view for ~120 ms: one report.
  AddYuyv(steps, blank, 30);    // Out of view for ~300 ms > release_after.
  AddYuyv(steps, licence, 12);  // Back: reported again.
  AddYuyv(steps, phone, 12);    // Another code: reported at once.
  auto source = std::make_unique<ScriptedFrameSource>(std::move(steps));
  CameraScannerOptions options;
  options.release_after = 150ms;
  CameraBarcodeScanner scanner(std::move(source), options);
  ScanCollector collector;
  collector.Attach(scanner);
  REQUIRE(scanner.StartScanning().has_value());
  CHECK(scanner.State() == ScannerState::kOn);
  // Every frame looked at (69), then stop.
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (scanner.FramesDecoded() < 69 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
  }
  CHECK(scanner.FramesDecoded() == 69);
  scanner.StopScanning();
  CHECK(scanner.State() == ScannerState::kOff);
  auto scans = collector.WaitForScans(4, 0ms);
  REQUIRE(scans.size() == 3);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(scans[i].symbology == Symbology::kQrCode);
    REQUIRE(scans[i].payload.has_value());
    CHECK(scans[i].payload->kind == PayloadKind::kBusinessLicense);
    CHECK(scans[i].payload->credit_code == "91442000MAF2K7N352");
  }
  REQUIRE(scans[2].payload.has_value());
  CHECK(scans[2].payload->kind == PayloadKind::kElectronicSocialSecurityCard);
}

TEST_CASE("MJPEG frames decode - a corrupt frame is skipped") {
  std::deque<Step> steps;
  steps.push_back({Step::Kind::kMjpeg, {0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x02, 0x13}, {}});
  steps.push_back({Step::Kind::kMjpeg, {'n', 'o', 't', ' ', 'j', 'p', 'e', 'g'}, {}});
  const auto jpeg = ToJpeg(Frame("NHSA1:" + kToken), 75);
  for (int i = 0; i < 5; ++i) steps.push_back({Step::Kind::kMjpeg, jpeg, {}});
  CameraBarcodeScanner scanner(std::make_unique<ScriptedFrameSource>(std::move(steps)));
  ScanCollector collector;
  collector.Attach(scanner);
  REQUIRE(scanner.StartScanning().has_value());
  auto scans = collector.WaitForScans(1, 10s);
  scanner.StopScanning();
  REQUIRE(scans.size() == 1);
  REQUIRE(scans[0].payload.has_value());
  CHECK(scans[0].payload->kind == PayloadKind::kMedicalInsuranceCode);
  CHECK(scans[0].payload->token == kToken);
}

TEST_CASE("a camera failure makes the scanner inoperative - starting again retries the camera") {
  std::deque<Step> steps;
  AddYuyv(steps, Frame(""), 2);
  steps.push_back({Step::Kind::kError, {}, Error(ErrorCode::kDevice, "scripted: unplugged")});
  AddYuyv(steps, Frame(kLicence), 3);
  auto owned = std::make_unique<ScriptedFrameSource>(std::move(steps));
  ScriptedFrameSource* source = owned.get();
  CameraBarcodeScanner scanner(std::move(owned));
  ScanCollector collector;
  collector.Attach(scanner);
  REQUIRE(scanner.StartScanning().has_value());
  CHECK(collector.WaitForState(ScannerState::kInoperative, 5s));
  REQUIRE(scanner.StartScanning().has_value());
  CHECK(source->Starts() == 2);
  auto scans = collector.WaitForScans(1, 10s);
  scanner.StopScanning();
  REQUIRE(scans.size() == 1);
}

TEST_CASE("a camera that stops sending frames becomes inoperative") {
  CameraScannerOptions options;
  options.frame_timeout = 300ms;
  CameraBarcodeScanner scanner(std::make_unique<ScriptedFrameSource>(std::deque<Step>{}), options);
  ScanCollector collector;
  collector.Attach(scanner);
  REQUIRE(scanner.StartScanning().has_value());
  CHECK(collector.WaitForState(ScannerState::kInoperative, 5s));
  scanner.StopScanning();
  CHECK(scanner.State() == ScannerState::kInoperative);
}

TEST_CASE("a camera in use elsewhere is refused at start and the scanner stays off") {
  auto owned = std::make_unique<ScriptedFrameSource>(std::deque<Step>{});
  owned->SetStartError(Error(ErrorCode::kDeviceNotReady, "in use by another program"));
  CameraBarcodeScanner scanner(std::move(owned));
  auto started = scanner.StartScanning();
  REQUIRE_FALSE(started.has_value());
  CHECK(started.error().code == ErrorCode::kDeviceNotReady);
  CHECK(scanner.State() == ScannerState::kOff);
}

TEST_CASE("hold-off: same code held released after the absence time other code at once") {
  ScanHoldOff hold_off(1000ms);
  const auto t0 = ScanHoldOff::Clock::now();
  CHECK(hold_off.Observe(std::string("A"), t0));
  CHECK_FALSE(hold_off.Observe(std::string("A"), t0 + 100ms));
  CHECK_FALSE(hold_off.Observe(std::nullopt, t0 + 900ms));       // Missed for a while …
  CHECK_FALSE(hold_off.Observe(std::string("A"), t0 + 1050ms));  // … but never gone 1 s.
  CHECK(hold_off.Observe(std::string("B"), t0 + 1100ms));
  CHECK(hold_off.Observe(std::string("A"), t0 + 1200ms));
  CHECK_FALSE(hold_off.Observe(std::nullopt, t0 + 2300ms));
  CHECK(hold_off.Observe(std::string("A"), t0 + 2400ms));
}

TEST_CASE("frame conversions check their sizes") {
  const GrayImage frame = Frame("");
  auto yuyv = ToYuyv(frame, 2 * kWidth);
  auto gray = YuyvToGray(yuyv, kWidth, kHeight, 2 * kWidth);
  REQUIRE(gray.has_value());
  CHECK(gray->pixels == frame.pixels);
  yuyv.resize(yuyv.size() - 1);
  auto short_frame = YuyvToGray(yuyv, kWidth, kHeight, 2 * kWidth);
  REQUIRE_FALSE(short_frame.has_value());
  CHECK(short_frame.error().code == ErrorCode::kInvalidData);
  CHECK_FALSE(YuyvToGray(yuyv, kWidth, kHeight, kWidth).has_value());
  auto grey = GreyToGray(frame.pixels, kWidth, kHeight, kWidth);
  REQUIRE(grey.has_value());
  CHECK(grey->pixels == frame.pixels);
  auto garbage = JpegToGray(std::vector<std::uint8_t>{0xFF, 0xD8, 0x00, 0x01, 0x02});
  REQUIRE_FALSE(garbage.has_value());
  CHECK(garbage.error().detail.starts_with("JPEG frame: "));
  auto jpeg = JpegToGray(ToJpeg(frame, 90));
  REQUIRE(jpeg.has_value());
  CHECK(jpeg->width == kWidth);
  CHECK(jpeg->height == kHeight);
}

}  // namespace
}  // namespace kiosk::devices
