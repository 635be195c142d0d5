#include "drivers/scanner/wait_for_scan.h"

#include <fmt/format.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>

namespace kiosk::devices {
namespace {

// Shared with the handlers, which may still be called from the scanner's
// thread while WaitForScan returns.
struct Waiter {
  std::mutex mutex;
  std::condition_variable changed;
  std::optional<ScanEvent> scan;
  bool failed = false;
  bool done = false;  // Scans after the wait ended are wiped and dropped.
};

}  // namespace

Result<ScanEvent> WaitForScan(BarcodeScanner& scanner, std::chrono::milliseconds timeout) {
  auto waiter = std::make_shared<Waiter>();
  scanner.SetScanHandler([waiter](ScanEvent event) {
    std::lock_guard lock(waiter->mutex);
    if (waiter->scan || waiter->done) {
      event.Wipe();
      return;
    }
    waiter->scan = std::move(event);
    waiter->changed.notify_all();
  });
  scanner.SetStateHandler([waiter](ScannerState state) {
    if (state != ScannerState::kInoperative) return;
    std::lock_guard lock(waiter->mutex);
    waiter->failed = true;
    waiter->changed.notify_all();
  });
  if (auto started = scanner.StartScanning(); !started) {
    scanner.SetScanHandler(nullptr);
    scanner.SetStateHandler(nullptr);
    return std::unexpected(started.error());
  }
  std::optional<ScanEvent> scan;
  bool failed = false;
  {
    std::unique_lock lock(waiter->mutex);
    waiter->changed.wait_for(lock, timeout, [&] { return waiter->scan || waiter->failed; });
    scan = std::move(waiter->scan);
    waiter->scan.reset();
    waiter->done = true;
    failed = waiter->failed;
  }
  scanner.StopScanning();
  scanner.SetScanHandler(nullptr);
  scanner.SetStateHandler(nullptr);
  if (scan) return std::move(*scan);
  if (failed) {
    return Fail(ErrorCode::kDevice,
                scanner.Name() + " became inoperative while waiting for a code");
  }
  return Fail(ErrorCode::kTimeout, fmt::format("no code read by {} within {:g} s", scanner.Name(),
                                               static_cast<double>(timeout.count()) / 1000.0));
}

}  // namespace kiosk::devices
