#include "drivers/scanner/stream_scanner.h"

#include <unistd.h>

#include "common/log.h"

namespace kiosk::devices {

StreamScanner::StreamScanner(int fd, std::string name, bool aim_identifier,
                             std::unique_ptr<ScanFramer> framer)
    : fd_(fd),
      name_(std::move(name)),
      aim_identifier_(aim_identifier),
      events_(ScannerState::kOff),
      framer_(std::move(framer)) {}

StreamScanner::~StreamScanner() {
  reader_.Stop();
  ::close(fd_);  // Also releases an evdev grab.
}

Result<void> StreamScanner::StartScanning() {
  std::lock_guard lock(control_mutex_);
  if (events_.State() == ScannerState::kInoperative) {
    return Fail(ErrorCode::kDeviceNotReady, name_ + " is inoperative");
  }
  if (reader_.Running()) return {};
  BeforeStart();
  framer_->Reset();
  FdReader::Callbacks callbacks;
  callbacks.idle_timeout = [this]() -> std::optional<std::chrono::milliseconds> {
    if (!framer_->Pending()) return std::nullopt;
    return framer_->Quiet();
  };
  callbacks.on_bytes = [this](std::span<const std::uint8_t> bytes) {
    for (auto& scan : framer_->OnBytes(bytes)) Finish(std::move(scan));
  };
  callbacks.on_idle = [this] {
    if (auto scan = framer_->Flush()) Finish(std::move(*scan));
  };
  callbacks.on_failure = [this](Error error) {
    if (auto scan = framer_->Flush()) Finish(std::move(*scan));
    log::Error("scanner", "{}: {}", name_, error.Describe());
    events_.ChangeState(ScannerState::kInoperative);
  };
  if (auto started = reader_.Start(fd_, std::move(callbacks)); !started) return started;
  events_.ChangeState(ScannerState::kOn);
  return {};
}

void StreamScanner::StopScanning() {
  std::lock_guard lock(control_mutex_);
  reader_.Stop();
  if (events_.State() == ScannerState::kOn) events_.ChangeState(ScannerState::kOff);
}

void StreamScanner::Finish(AssembledScan scan) {
  events_.Publish(ToScanEvent(std::move(scan), aim_identifier_));
}

}  // namespace kiosk::devices
