#include "drivers/printer/escpos_status.h"

#include <fmt/format.h>

#include <string>
#include <vector>

namespace kiosk::devices::escpos {
namespace {

constexpr std::uint8_t kDle = 0x10;
constexpr std::uint8_t kEot = 0x04;

constexpr std::uint8_t kStatusMask = 0b1001'0011;
constexpr std::uint8_t kStatusPattern = 0b0001'0010;

constexpr bool Bit(std::uint8_t byte, int bit) { return (byte >> bit) & 1; }

Result<std::uint8_t> Checked(std::optional<std::uint8_t> byte, const char* name) {
  if (byte && !IsStatusByte(*byte)) {
    return Fail(ErrorCode::kInvalidData,
                fmt::format("{} status byte 0x{:02X} does not have the pattern 0xx1xx10", name,
                            *byte));
  }
  return byte.value_or(kStatusPattern);
}

std::string Join(const std::vector<std::string>& parts) {
  std::string joined;
  for (const std::string& part : parts) {
    if (!joined.empty()) joined += "; ";
    joined += part;
  }
  return joined;
}

}  // namespace

std::array<std::uint8_t, 3> StatusRequest(StatusQuery query) {
  return {kDle, kEot, static_cast<std::uint8_t>(query)};
}

bool IsStatusByte(std::uint8_t byte) { return (byte & kStatusMask) == kStatusPattern; }

Result<PrinterStatus> DecodeStatus(const StatusBytes& bytes) {
  if (!bytes.printer) {
    return Fail(ErrorCode::kInvalidData, "the printer did not answer DLE EOT 1");
  }
  auto printer = Checked(bytes.printer, "printer");
  if (!printer) return std::unexpected(printer.error());
  auto offline = Checked(bytes.offline_cause, "offline cause");
  if (!offline) return std::unexpected(offline.error());
  auto error = Checked(bytes.error_cause, "error cause");
  if (!error) return std::unexpected(error.error());
  auto paper = Checked(bytes.paper, "paper sensor");
  if (!paper) return std::unexpected(paper.error());

  PrinterStatus status;
  std::vector<std::string> notes;
  status.device = Bit(*printer, 3) ? DeviceState::kOffline : DeviceState::kOnline;

  if (bytes.offline_cause) {
    status.cover = Bit(*offline, 2) ? CoverState::kOpen : CoverState::kClosed;
    if (Bit(*offline, 2)) notes.push_back("cover open");
    if (Bit(*offline, 3)) notes.push_back("feed button pressed");
    if (Bit(*offline, 5)) notes.push_back("printing stopped by paper end");
  }
  if (bytes.error_cause) {
    if (Bit(*error, 2)) notes.push_back("mechanical error");
    if (Bit(*error, 3)) notes.push_back("autocutter error");
    if (Bit(*error, 5)) notes.push_back("unrecoverable error");
    if (Bit(*error, 6)) notes.push_back("automatically recoverable error (head temperature?)");
    if (Bit(*error, 2) || Bit(*error, 3) || Bit(*error, 5)) {
      status.device = DeviceState::kHardwareError;
    }
  } else if (bytes.offline_cause && Bit(*offline, 6)) {
    notes.push_back("error");
    status.device = DeviceState::kHardwareError;
  }
  if (bytes.paper) {
    const bool out = Bit(*paper, 5) && Bit(*paper, 6);
    const bool near_end = Bit(*paper, 2) && Bit(*paper, 3);
    status.paper = out ? PaperState::kOut : near_end ? PaperState::kLow : PaperState::kFull;
    if (out) {
      notes.push_back("paper out");
    } else if (near_end) {
      notes.push_back("paper near its end");
    }
  } else if (bytes.offline_cause && Bit(*offline, 5)) {
    status.paper = PaperState::kOut;
  }
  status.detail = Join(notes);
  return status;
}

}  // namespace kiosk::devices::escpos
