#include "drivers/common/device_report.h"

#include <array>
#include <utility>

namespace kiosk::devices {
namespace {

constexpr std::array<std::pair<DeviceClass, const char*>, 4> kNames{{
    {DeviceClass::kCardReader, "card_reader"},
    {DeviceClass::kIdCardReader, "id_card_reader"},
    {DeviceClass::kBarcodeReader, "barcode_reader"},
    {DeviceClass::kReceiptPrinter, "receipt_printer"},
}};

}  // namespace

const char* ToString(DeviceClass device_class) {
  for (const auto& [value, name] : kNames) {
    if (value == device_class) return name;
  }
  return "card_reader";
}

std::optional<DeviceClass> DeviceClassFromName(const std::string& name) {
  for (const auto& [value, known] : kNames) {
    if (name == known) return value;
  }
  return std::nullopt;
}

}  // namespace kiosk::devices
