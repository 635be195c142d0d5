#pragma once

// Frames the byte stream of a serial scanner into scans: each code ends
// with a terminator byte (CR, LF or CR LF as usually configured) or, for a
// scanner set to send no suffix, with a pause longer than the inter-byte
// timeout (which the reader measures, see FdReader). Empty lines, such as
// the LF of a CR LF pair, are not scans.

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "drivers/scanner/assembled_scan.h"

namespace kiosk::devices {

struct LineFraming {
  // Bytes that end a scan; empty to end scans by the timeout only.
  std::string terminators = "\r\n";
  std::chrono::milliseconds inter_byte_timeout{100};
};

class LineAssembler {
 public:
  static constexpr std::size_t kMaxBytes = 64 * 1024;

  explicit LineAssembler(LineFraming framing = {}) : framing_(std::move(framing)) {}

  // The scans the bytes complete, in order.
  std::vector<AssembledScan> OnBytes(std::span<const std::uint8_t> bytes);
  // Ends the scan in progress (the line went quiet, or the input ended).
  std::optional<AssembledScan> Flush();
  bool Pending() const { return !text_.empty() || overflow_; }
  const LineFraming& Framing() const { return framing_; }

 private:
  LineFraming framing_;
  std::string text_;
  bool overflow_ = false;
};

}  // namespace kiosk::devices
