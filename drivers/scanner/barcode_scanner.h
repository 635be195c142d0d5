#pragma once

// A barcode reader as the kiosk core sees it (XFS4IoT's Barcode Reader
// class, shared/docs/DEVICES.md): keyboard-wedge (evdev) and serial
// scanners, a camera whose frames ZXing-C++ decodes, and the simulator of
// `kiosk --devices sim`. Scans arrive as events from the backend's own
// thread, each exactly once, already classified (scan_payload.h).

#include <functional>
#include <string>

#include "common/error.h"
#include "drivers/scanner/scan_payload.h"
#include "drivers/scanner/symbology.h"

namespace kiosk::devices {

// XFS4IoT's scanner status: on = reading codes, off = connected but not
// reading (codes shown to it are ignored), inoperative = cannot read (not
// connected, unplugged, failed), unknown = not determined yet.
enum class ScannerState { kOn, kOff, kInoperative, kUnknown };

const char* ToString(ScannerState state);

struct ScanEvent {
  Symbology symbology = Symbology::kUnknown;
  // The bytes as the scanner delivered them, framing (terminator, AIM
  // identifier) removed.
  std::string raw;
  // What the code means, or why it was refused (Error::reason is one of
  // scan_reason); the UI tells the citizen from the reason.
  Result<ScanPayload> payload;

  // Phone-code tokens identify a person: overwrite raw and payload.
  void Wipe();
};

// Builds the event for `raw`: classifies it, or takes `problem` (a
// backend's own refusal, e.g. an incomplete keyboard scan) instead.
ScanEvent MakeScanEvent(Symbology symbology, std::string raw);
ScanEvent MakeRefusedScanEvent(Symbology symbology, std::string raw, Error problem);

class BarcodeScanner {
 public:
  // Handlers are called on the backend's thread and must not block; set
  // them before StartScanning.
  using ScanHandler = std::function<void(ScanEvent)>;
  using StateHandler = std::function<void(ScannerState)>;

  virtual ~BarcodeScanner();

  virtual ScannerState State() const = 0;
  // Which device, for maintenance staff and the log ("evdev /dev/input/event3").
  virtual std::string Name() const = 0;

  virtual void SetScanHandler(ScanHandler handler) = 0;
  // Called whenever State() changes, e.g. to inoperative when unplugged.
  virtual void SetStateHandler(StateHandler handler) = 0;

  // Starts reading (state on). Codes read before this are discarded, so a
  // code shown while the kiosk was not asking for one is never acted on.
  // kDeviceNotReady when the device is inoperative; starting twice is
  // harmless.
  virtual Result<void> StartScanning() = 0;
  // Stops reading (state off); returns once no more events will come.
  virtual void StopScanning() = 0;
};

}  // namespace kiosk::devices
