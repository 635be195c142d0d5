#include "drivers/id_card/usb_endpoints.h"

#include <fmt/format.h>

#include <charconv>

namespace kiosk::devices {
namespace {

constexpr std::uint8_t kTransferTypeMask = 0x03;
constexpr std::uint8_t kBulk = 0x02;
constexpr std::uint8_t kDirectionIn = 0x80;
constexpr std::uint8_t kVendorSpecific = 0xFF;
constexpr std::uint8_t kCdcData = 0x0A;

int Preference(std::uint8_t interface_class) {
  if (interface_class == kVendorSpecific) return 0;
  if (interface_class == kCdcData) return 1;
  return 2;
}

std::optional<UsbBulkPipe> BulkPair(const UsbInterfaceInfo& interface) {
  const UsbEndpointInfo* in = nullptr;
  const UsbEndpointInfo* out = nullptr;
  for (const auto& endpoint : interface.endpoints) {
    if ((endpoint.attributes & kTransferTypeMask) != kBulk) continue;
    const bool is_in = (endpoint.address & kDirectionIn) != 0;
    if (is_in && in == nullptr) in = &endpoint;
    if (!is_in && out == nullptr) out = &endpoint;
  }
  if (in == nullptr || out == nullptr) return std::nullopt;
  return UsbBulkPipe{interface.number, interface.alternate_setting, in->address,
                     out->address,     in->max_packet_size,         out->max_packet_size};
}

std::string Describe(std::span<const UsbInterfaceInfo> interfaces) {
  std::string text;
  for (const auto& interface : interfaces) {
    text += fmt::format("{}interface {} alt {} class {:02X}:", text.empty() ? "" : "; ",
                        interface.number, interface.alternate_setting, interface.interface_class);
    for (const auto& endpoint : interface.endpoints) {
      static constexpr const char* kTypes[] = {"control", "isochronous", "bulk", "interrupt"};
      text += fmt::format(" {:02X} {}", endpoint.address,
                          kTypes[endpoint.attributes & kTransferTypeMask]);
    }
  }
  return text.empty() ? "no interfaces" : text;
}

}  // namespace

Result<UsbBulkPipe> SelectBulkPipe(std::span<const UsbInterfaceInfo> interfaces,
                                   std::optional<std::uint8_t> wanted_interface) {
  std::optional<UsbBulkPipe> best;
  int best_preference = 3;
  for (const auto& interface : interfaces) {
    if (wanted_interface && interface.number != *wanted_interface) continue;
    const auto pipe = BulkPair(interface);
    if (!pipe) continue;
    const int preference = Preference(interface.interface_class);
    if (preference < best_preference) {
      best = pipe;
      best_preference = preference;
    }
  }
  if (!best) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("no {}interface with a bulk IN and a bulk OUT endpoint ({})",
                            wanted_interface ? fmt::format("#{} ", *wanted_interface) : "",
                            Describe(interfaces)));
  }
  return *best;
}

Result<UsbDeviceId> ParseUsbDeviceId(const std::string& text) {
  const auto colon = text.find(':');
  auto parse = [](std::string_view part, std::uint16_t& value) {
    if (part.empty() || part.size() > 4) return false;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value, 16);
    return error == std::errc() && end == part.data() + part.size();
  };
  UsbDeviceId id;
  if (colon == std::string::npos || !parse(std::string_view(text).substr(0, colon), id.vendor) ||
      !parse(std::string_view(text).substr(colon + 1), id.product)) {
    return Fail(
        ErrorCode::kInvalidArgument,
        "a USB device is VENDOR:PRODUCT in hexadecimal, e.g. 1a2b:3c4d, not '" + text + "'");
  }
  return id;
}

std::string ToString(const UsbDeviceId& id) {
  return fmt::format("{:04x}:{:04x}", id.vendor, id.product);
}

}  // namespace kiosk::devices
