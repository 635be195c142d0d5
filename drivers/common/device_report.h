#pragma once

// One device's status as the device manager reports it to the core: which
// class of device, which backend drives it, its XFS4IoT device state, and
// for maintenance staff the precise reason when it is not online.

#include <optional>
#include <string>

#include "drivers/common/device_status.h"

namespace kiosk::devices {

enum class DeviceClass { kCardReader, kIdCardReader, kBarcodeReader, kReceiptPrinter };

// "card_reader", "id_card_reader", "barcode_reader", "receipt_printer".
const char* ToString(DeviceClass device_class);
std::optional<DeviceClass> DeviceClassFromName(const std::string& name);

struct DeviceReport {
  DeviceClass device_class = DeviceClass::kCardReader;
  std::string backend;  // "pcsc", "sam", "hid", "serial", "camera", "sim", "none".
  DeviceState state = DeviceState::kNoDevice;
  std::string detail;  // Why it is not online ("no reader matches ..."); empty when online.
  // Printers: the paper supply, so the kiosk can warn before an item whose
  // receipt could not be printed. kUnknown for every other class.
  PaperState paper = PaperState::kUnknown;

  // Online or busy: a citizen can use it now.
  bool Usable() const { return state == DeviceState::kOnline || state == DeviceState::kBusy; }
  // Usable and, for a printer, not out of (or jammed on) paper.
  bool CanPrint() const {
    return Usable() && paper != PaperState::kOut && paper != PaperState::kJammed;
  }
  bool operator==(const DeviceReport&) const = default;
};

}  // namespace kiosk::devices
