#pragma once

// How the kiosk finds and waits on its 社保卡 reader over PC/SC, as
// firmware_config/devices/pcsc_card_reader.json holds it:
//   {"reader_pattern": "ACR39", "read_timeout_ms": 5000,
//    "removal_grace_ms": 1500, "service_retry_ms": 500}

#include <chrono>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "common/error.h"

namespace kiosk::devices {

struct PcscCardReaderProfile {
  // See reader_pattern.h; empty takes the first reader.
  std::string reader_pattern;
  // ReadCard(): how long it waits for a card that an event announced.
  std::chrono::milliseconds read_timeout{5000};
  // After an exchange fails, how long to wait for pcscd (which polls its
  // readers) to report the card gone before calling it a line failure.
  std::chrono::milliseconds removal_grace{1500};
  // How often to try pcscd again while it is not running.
  std::chrono::milliseconds service_retry{500};
};

// kInvalidData naming the key that is wrong; unknown keys are refused.
Result<PcscCardReaderProfile> ParsePcscCardReaderProfile(const nlohmann::json& json);

// kIo if the file cannot be read.
Result<PcscCardReaderProfile> LoadPcscCardReaderProfile(const std::string& path);

}  // namespace kiosk::devices
