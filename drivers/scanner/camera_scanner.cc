#include "drivers/scanner/camera_scanner.h"

#include "common/log.h"
#include "common/secure_wipe.h"

namespace kiosk::devices {

FrameSource::~FrameSource() = default;

CameraBarcodeScanner::CameraBarcodeScanner(std::unique_ptr<FrameSource> source,
                                           CameraScannerOptions options)
    : source_(std::move(source)),
      options_(std::move(options)),
      events_(ScannerState::kOff),
      hold_off_(options_.release_after) {}

CameraBarcodeScanner::~CameraBarcodeScanner() { StopScanning(); }

Result<void> CameraBarcodeScanner::StartScanning() {
  std::lock_guard lock(control_mutex_);
  if (thread_.joinable()) {
    if (events_.State() == ScannerState::kOn) return {};
    // The reader ended on a failure; try the camera again.
    thread_.join();
    source_->Stop();
  }
  if (auto started = source_->Start(); !started) {
    if (started.error().code != ErrorCode::kDeviceNotReady) {
      events_.ChangeState(ScannerState::kInoperative);
    }
    return started;
  }
  hold_off_.Reset();
  stop_ = false;
  events_.ChangeState(ScannerState::kOn);
  thread_ = std::thread([this] { Run(); });
  return {};
}

void CameraBarcodeScanner::StopScanning() {
  std::lock_guard lock(control_mutex_);
  if (!thread_.joinable()) return;
  stop_ = true;
  thread_.join();
  source_->Stop();
  if (events_.State() == ScannerState::kOn) events_.ChangeState(ScannerState::kOff);
}

void CameraBarcodeScanner::Run() {
  constexpr std::chrono::milliseconds kPoll(100);  // How soon StopScanning is noticed.
  auto last_frame = ScanHoldOff::Clock::now();
  const std::vector<DecodePass> passes = CameraPassCycle(options_.formats);
  std::size_t next_pass = 0;
  while (!stop_) {
    auto frame = source_->NextFrame(kPoll);
    const auto now = ScanHoldOff::Clock::now();
    if (!frame) {
      const Error& error = frame.error();
      if (error.code == ErrorCode::kTimeout && now - last_frame < options_.frame_timeout) continue;
      if (error.code == ErrorCode::kInvalidData) continue;  // One corrupt frame.
      log::Error("scanner", "{}: {}", Name(),
                 error.code == ErrorCode::kTimeout ? "no frame from the camera" : error.Describe());
      events_.ChangeState(ScannerState::kInoperative);
      return;
    }
    last_frame = now;
    auto decoded = DecodeBarcode(*frame, passes[next_pass]);
    next_pass = (next_pass + 1) % passes.size();
    ++frames_decoded_;
    if (!hold_off_.Observe(decoded ? std::optional<std::string>(decoded->raw) : std::nullopt,
                           now)) {
      continue;
    }
    ScanEvent event;
    event.symbology = decoded->symbology;
    event.payload = ClassifyScanPayload(decoded->text);
    event.raw = std::move(decoded->raw);
    SecureWipe(decoded->text);
    events_.Publish(std::move(event));
  }
}

}  // namespace kiosk::devices
