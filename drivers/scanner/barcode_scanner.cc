#include "drivers/scanner/barcode_scanner.h"

#include "common/secure_wipe.h"
#include "drivers/scanner/scanner_events.h"

namespace kiosk::devices {

const char* ToString(ScannerState state) {
  switch (state) {
    case ScannerState::kOn: return "on";
    case ScannerState::kOff: return "off";
    case ScannerState::kInoperative: return "inoperative";
    case ScannerState::kUnknown: return "unknown";
  }
  return "unknown";
}

void ScanEvent::Wipe() {
  SecureWipe(raw);
  if (payload) payload->Wipe();
}

ScanEvent MakeScanEvent(Symbology symbology, std::string raw) {
  ScanEvent event;
  event.symbology = symbology;
  event.payload = ClassifyScanPayload(raw);
  event.raw = std::move(raw);
  return event;
}

ScanEvent MakeRefusedScanEvent(Symbology symbology, std::string raw, Error problem) {
  ScanEvent event;
  event.symbology = symbology;
  event.raw = std::move(raw);
  event.payload = std::unexpected(std::move(problem));
  return event;
}

BarcodeScanner::~BarcodeScanner() = default;

ScannerState ScannerEvents::State() const {
  std::lock_guard lock(mutex_);
  return state_;
}

void ScannerEvents::SetScanHandler(BarcodeScanner::ScanHandler handler) {
  std::lock_guard lock(mutex_);
  scan_handler_ = std::move(handler);
}

void ScannerEvents::SetStateHandler(BarcodeScanner::StateHandler handler) {
  std::lock_guard lock(mutex_);
  state_handler_ = std::move(handler);
}

void ScannerEvents::ChangeState(ScannerState state) {
  BarcodeScanner::StateHandler handler;
  {
    std::lock_guard lock(mutex_);
    if (state_ == state) return;
    state_ = state;
    handler = state_handler_;
  }
  if (handler) handler(state);
}

void ScannerEvents::Publish(ScanEvent event) {
  BarcodeScanner::ScanHandler handler;
  {
    std::lock_guard lock(mutex_);
    handler = scan_handler_;
  }
  if (handler) {
    handler(std::move(event));
  } else {
    event.Wipe();
  }
}

}  // namespace kiosk::devices
