#pragma once

// How to reach a kiosk's ID card reader: a serial port, or a USB device by
// vendor and product id, with the protocol's timings. A kiosk's device
// configuration holds it as JSON, e.g.
//   {"transport": "serial", "port": "/dev/ttyUSB0"}
//   {"transport": "usb", "usb_id": "1a2b:3c4d", "interface": 0,
//    "read_answer_timeout_ms": 4000}

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "common/error.h"
#include "drivers/id_card/sam_client.h"
#include "drivers/id_card/sam_id_card_reader.h"
#include "drivers/id_card/usb_endpoints.h"

namespace kiosk::devices {

enum class IdCardTransportKind { kSerial, kUsb };

struct IdCardReaderProfile {
  IdCardTransportKind transport = IdCardTransportKind::kSerial;
  std::string port;  // Serial: the device path.
  int baud = 115200;
  UsbDeviceId usb_id;                         // USB.
  std::optional<std::uint8_t> usb_interface;  // USB: when the reader has several bulk pairs.
  SamTimings timings;
};

// kInvalidData naming the key that is wrong; unknown keys are refused so a
// misspelt one is not silently ignored.
Result<IdCardReaderProfile> ParseIdCardReaderProfile(const nlohmann::json& json);

// The profile in a file (firmware_config/devices/id_card_reader.json);
// kIo if it cannot be read.
Result<IdCardReaderProfile> LoadIdCardReaderProfile(const std::string& path);

// Opens the transport the profile names and puts a SAM reader on it.
Result<std::unique_ptr<SamIdCardReader>> OpenIdCardReader(const IdCardReaderProfile& profile);

}  // namespace kiosk::devices
