#include "drivers/scanner/line_assembler.h"

#include <fmt/format.h>

#include "drivers/scanner/scan_payload.h"

namespace kiosk::devices {

std::vector<AssembledScan> LineAssembler::OnBytes(std::span<const std::uint8_t> bytes) {
  std::vector<AssembledScan> scans;
  for (std::uint8_t byte : bytes) {
    const char c = static_cast<char>(byte);
    if (framing_.terminators.find(c) != std::string::npos) {
      if (auto scan = Flush()) scans.push_back(std::move(*scan));
      continue;
    }
    if (text_.size() >= kMaxBytes) {
      overflow_ = true;
      continue;
    }
    text_.push_back(c);
  }
  return scans;
}

std::optional<AssembledScan> LineAssembler::Flush() {
  if (!Pending()) return std::nullopt;
  AssembledScan scan;
  scan.text = std::move(text_);
  if (overflow_) {
    scan.problem =
        Error(ErrorCode::kInvalidData, fmt::format("the scan is longer than {} bytes", kMaxBytes),
              scan_reason::kTooLong);
  }
  text_.clear();
  overflow_ = false;
  return scan;
}

}  // namespace kiosk::devices
