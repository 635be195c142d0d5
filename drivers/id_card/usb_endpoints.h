#pragma once

// Which endpoints of a USB ID card reader carry SAM frames. Readers that
// speak the SAM protocol over USB expose one interface with a bulk IN and a
// bulk OUT endpoint (often vendor-specific, sometimes CDC data); many also
// have HID or interrupt endpoints that are not ours. Kept apart from libusb
// so the choice can be tested against a described device.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/error.h"

namespace kiosk::devices {

struct UsbEndpointInfo {
  std::uint8_t address = 0;     // Bit 7 set: IN (device to host).
  std::uint8_t attributes = 0;  // Bits 0-1: 0 control, 1 isochronous, 2 bulk, 3 interrupt.
  std::uint16_t max_packet_size = 64;
};

// One alternate setting of one interface of the active configuration.
struct UsbInterfaceInfo {
  std::uint8_t number = 0;
  std::uint8_t alternate_setting = 0;
  std::uint8_t interface_class = 0;  // 0xFF vendor-specific, 0x0A CDC data, 0x03 HID, …
  std::vector<UsbEndpointInfo> endpoints;
};

struct UsbBulkPipe {
  std::uint8_t interface_number = 0;
  std::uint8_t alternate_setting = 0;
  std::uint8_t in_endpoint = 0;
  std::uint8_t out_endpoint = 0;
  std::uint16_t in_max_packet_size = 64;
  std::uint16_t out_max_packet_size = 64;
};

// The first interface setting with both a bulk IN and a bulk OUT endpoint,
// preferring a vendor-specific class, then CDC data, then any other;
// `wanted_interface` (a profile may name it) limits the search to that
// interface. kNotFound, listing what the device has, when none fits.
Result<UsbBulkPipe> SelectBulkPipe(std::span<const UsbInterfaceInfo> interfaces,
                                   std::optional<std::uint8_t> wanted_interface = std::nullopt);

struct UsbDeviceId {
  std::uint16_t vendor = 0;
  std::uint16_t product = 0;
};

// "1a2b:3c4d" (hexadecimal, as lsusb prints it); kInvalidArgument otherwise.
Result<UsbDeviceId> ParseUsbDeviceId(const std::string& text);
std::string ToString(const UsbDeviceId& id);

}  // namespace kiosk::devices
