#pragma once

// How to reach a kiosk's code scanner, as its device configuration says
// (firmware_config/devices/scanner.json) and as `kioskctl scan --device`
// builds it from options:
//   {"type": "hid", "device": "/dev/input/by-id/usb-...-event-kbd", "terminator": "enter"}
//   {"type": "serial", "device": "/dev/ttyACM0", "baud": 9600, "aim": true}
//   {"type": "camera", "device": "/dev/video0"}

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "common/error.h"
#include "drivers/scanner/barcode_scanner.h"

namespace kiosk::devices {

enum class ScannerType { kHid, kSerial, kCamera };

// "hid", "serial", "camera".
const char* ToString(ScannerType type);

struct ScannerProfile {
  ScannerType type = ScannerType::kHid;
  std::string device;
  int baud = 9600;                   // Serial only.
  std::string terminator = "enter";  // hid and serial: enter, tab or none (timing ends scans).
  bool aim_identifier = false;       // hid and serial: "]Q1" precedes each code.
};

// The type a device path implies (/dev/video*, /dev/input/*, /dev/tty* …);
// kInvalidArgument when the path does not tell.
Result<ScannerType> ScannerTypeFromPath(const std::string& path);

// kInvalidData naming the key that is wrong; unknown keys are refused so a
// misspelt one is not silently ignored. "type" may be left out when the
// device path tells it.
Result<ScannerProfile> ParseScannerProfile(const nlohmann::json& json);
Result<ScannerProfile> LoadScannerProfile(const std::string& path);

// Opens the scanner the profile names (not yet scanning).
Result<std::unique_ptr<BarcodeScanner>> OpenBarcodeScanner(const ScannerProfile& profile);

}  // namespace kiosk::devices
