#pragma once

// What a keyboard-wedge (evdev) and a serial scanner share: a descriptor
// read on a thread of its own (FdReader), a framer that turns its bytes
// into scans — by terminator, or by the pause after the last byte — and
// the start/stop/inoperative handling of BarcodeScanner. Each backend
// brings only its framer and how it opens the device.

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "drivers/scanner/assembled_scan.h"
#include "drivers/scanner/barcode_scanner.h"
#include "drivers/scanner/fd_reader.h"
#include "drivers/scanner/scanner_events.h"

namespace kiosk::devices {

// Turns a backend's bytes into scans. Used on the reader thread only.
class ScanFramer {
 public:
  virtual ~ScanFramer() = default;
  // Forgets anything half-read: scanning starts afresh.
  virtual void Reset() = 0;
  virtual std::vector<AssembledScan> OnBytes(std::span<const std::uint8_t> bytes) = 0;
  // Ends the scan in progress (the input went quiet, or ended).
  virtual std::optional<AssembledScan> Flush() = 0;
  // A scan is in progress: wait at most Quiet() for more.
  virtual bool Pending() const = 0;
  virtual std::chrono::milliseconds Quiet() const = 0;
};

class StreamScanner : public BarcodeScanner {
 public:
  // Stops reading and closes the descriptor.
  ~StreamScanner() override;
  StreamScanner(const StreamScanner&) = delete;
  StreamScanner& operator=(const StreamScanner&) = delete;

  ScannerState State() const override { return events_.State(); }
  std::string Name() const override { return name_; }
  void SetScanHandler(ScanHandler handler) override { events_.SetScanHandler(std::move(handler)); }
  void SetStateHandler(StateHandler handler) override {
    events_.SetStateHandler(std::move(handler));
  }
  // kDeviceNotReady once the descriptor failed (unplugged): the device
  // manager reopens the scanner.
  Result<void> StartScanning() override;
  void StopScanning() override;

 protected:
  // Takes ownership of `fd`.
  StreamScanner(int fd, std::string name, bool aim_identifier, std::unique_ptr<ScanFramer> framer);
  int Descriptor() const { return fd_; }
  // Before reading starts, e.g. to drop what the line buffered meanwhile.
  virtual void BeforeStart() {}

 private:
  void Finish(AssembledScan scan);

  const int fd_;
  const std::string name_;
  const bool aim_identifier_;
  ScannerEvents events_;
  std::mutex control_mutex_;  // Start and Stop.
  FdReader reader_;
  std::unique_ptr<ScanFramer> framer_;  // Reader thread only (and Start before it runs).
};

}  // namespace kiosk::devices
