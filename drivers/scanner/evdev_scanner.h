#pragma once

// A USB HID keyboard-wedge scanner read through evdev (/dev/input/eventN).
// The device is grabbed (EVIOCGRAB) for as long as it is open, so a code
// the scanner "types" never reaches the UI or the console as keystrokes,
// even while the kiosk is not asking for a code. Key events become text by
// KeystrokeAssembler (US layout, Enter ends a scan by default).
//
// Permissions: the kiosk user needs read access to the event node (the
// input group, or a udev rule matching the scanner's vendor/product id).

#include <memory>
#include <string>

#include "drivers/scanner/keystroke_assembler.h"
#include "drivers/scanner/stream_scanner.h"

namespace kiosk::devices {

struct EvdevScannerOptions {
  KeystrokeOptions keys;
  // Grab the device exclusively. Only a test reading recorded events from
  // a pipe turns this off.
  bool grab = true;
  // The scanner is set to send an AIM symbology identifier ("]Q1") before
  // each code.
  bool aim_identifier = false;
};

class EvdevBarcodeScanner final : public StreamScanner {
 public:
  // Opens and grabs the event node. kNotFound when there is none,
  // kDeviceNotReady without permission or when another program holds the
  // grab, kInvalidArgument when it is not an evdev node with keys.
  static Result<std::unique_ptr<EvdevBarcodeScanner>> Open(const std::string& path,
                                                           EvdevScannerOptions options = {});
  // Takes ownership of `fd`, a stream of struct input_event: an event node
  // opened elsewhere, or a pipe of recorded events in tests.
  static std::unique_ptr<EvdevBarcodeScanner> FromDescriptor(int fd, std::string name,
                                                             EvdevScannerOptions options);

 private:
  EvdevBarcodeScanner(int fd, std::string name, EvdevScannerOptions options);
};

}  // namespace kiosk::devices
