#pragma once

// Which devices this terminal has and how to reach each: the hardware
// profile (firmware_config/devices/hardware.json). One entry per device
// class; its backend names the driver and its profile the driver's own
// settings file, next to the hardware profile:
//   "card_reader":    {"backend": "pcsc", "profile": "pcsc_card_reader.json"}
//   "id_card_reader": {"backend": "sam", "profile": "id_card_reader.json"}
//   "barcode_reader": {"backend": "scanner", "profile": "scanner.json"}
//   "receipt_printer": {"backend": "escpos", "profile": "receipt_printer.json"}
// A class left out, or with backend "none", is not fitted: the items that
// need it are shown as unavailable.

#include <chrono>
#include <string>
#include <vector>

#include "common/error.h"
#include "drivers/common/device_report.h"

namespace kiosk::devices {

struct DeviceSpec {
  DeviceClass device_class = DeviceClass::kCardReader;
  std::string backend;  // "pcsc", "sam", "scanner", "escpos", "sim", "none".
  std::string profile;  // Absolute path of the backend's settings; empty for sim and none.
  // What the backend is opened with: the settings file's content (for a
  // simulator, what the kiosk says it simulates). A new configuration
  // reopens a device only when its backend or this changed — the path
  // differs between configuration versions, the content often does not.
  std::string settings;

  // The manager closes and reopens a device that reports it is gone. A PC/SC
  // reader needs no reopening (pcscd follows the reader), nor a simulator.
  bool ReopenWhenLost() const { return backend != "pcsc" && backend != "sim"; }
  bool SameDevice(const DeviceSpec& other) const {
    return device_class == other.device_class && backend == other.backend &&
           settings == other.settings;
  }
};

struct HardwareProfile {
  // How often the manager looks at every device's state.
  std::chrono::milliseconds watch_interval{1000};
  // How long after a failed open it tries again; doubled after each
  // failure up to the maximum, so an absent device is not hammered.
  std::chrono::milliseconds reopen_interval{2000};
  std::chrono::milliseconds reopen_max_interval{30000};
  std::vector<DeviceSpec> devices;  // At most one per class.

  const DeviceSpec* Find(DeviceClass device_class) const;
};

// kInvalidData naming the file and key that is wrong; unknown keys,
// classes and backends are refused.
Result<HardwareProfile> ParseHardwareProfile(const std::string& text, const std::string& path);
Result<HardwareProfile> LoadHardwareProfile(const std::string& path);

// The same devices, every one simulated (`kiosk --devices sim`).
HardwareProfile Simulated(HardwareProfile profile);

}  // namespace kiosk::devices
