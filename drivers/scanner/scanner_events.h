#pragma once

// The part every backend shares: its handlers and state, guarded for the
// backend's reader thread and the kiosk's threads, and a state-change
// event exactly when the state changes.

#include <mutex>

#include "drivers/scanner/barcode_scanner.h"

namespace kiosk::devices {

class ScannerEvents {
 public:
  explicit ScannerEvents(ScannerState initial = ScannerState::kUnknown) : state_(initial) {}

  ScannerState State() const;
  void SetScanHandler(BarcodeScanner::ScanHandler handler);
  void SetStateHandler(BarcodeScanner::StateHandler handler);

  // Changes the state; calls the state handler (outside the lock) if it
  // changed.
  void ChangeState(ScannerState state);
  // Hands the event to the scan handler (outside the lock); an event
  // without a handler is wiped and dropped.
  void Publish(ScanEvent event);

 private:
  mutable std::mutex mutex_;
  ScannerState state_;
  BarcodeScanner::ScanHandler scan_handler_;
  BarcodeScanner::StateHandler state_handler_;
};

}  // namespace kiosk::devices
