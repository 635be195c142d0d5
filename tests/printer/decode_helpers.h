#pragma once

// Shared by the printer tests: encode a document, decode the bytes back and
// fail the test with a readable dump when the stream has errors.

#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "drivers/printer/escpos_encoder.h"
#include "drivers/printer/printer_profile.h"
#include "drivers/printer/receipt_document.h"
#include "tests/support/escpos_decoder.h"

namespace kiosk::testing {

inline DecodedStream DecodeFor(const devices::PrinterProfile& profile,
                               const std::vector<std::uint8_t>& bytes) {
  DecodedStream decoded = DecodeEscPos(
      bytes, DecodeOptions{.chinese_mode_at_power_on = profile.chinese_mode_at_power_on});
  INFO(DebugString(decoded));
  CHECK(decoded.errors.empty());
  return decoded;
}

// The single job a document encodes to.
inline DecodedJob EncodeAndDecode(const devices::ReceiptDocument& document,
                                  const devices::PrinterProfile& profile) {
  auto bytes = devices::EncodeReceipt(document, profile);
  INFO((bytes ? std::string() : bytes.error().Describe()));
  REQUIRE(bytes.has_value());
  DecodedStream decoded = DecodeFor(profile, *bytes);
  REQUIRE(decoded.jobs.size() == 1);
  return decoded.jobs.front();
}

}  // namespace kiosk::testing
