#include "drivers/printer/receipt_printer.h"

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace kiosk::devices {
namespace {

std::unexpected<Error> NotReady(ErrorCode code, std::string_view reason,
                                const PrinterStatus& status) {
  if (status.detail.empty()) return Fail(code, std::string(reason));
  return Fail(code, fmt::format("{} ({})", reason, status.detail));
}

}  // namespace

ReceiptPrinter::~ReceiptPrinter() = default;

Result<void> CheckReadyToPrint(const PrinterStatus& status) {
  switch (status.device) {
    case DeviceState::kOnline: break;
    case DeviceState::kHardwareError:
      return NotReady(ErrorCode::kDevice, "printer hardware error", status);
    case DeviceState::kOffline:
    case DeviceState::kPowerOff:
    case DeviceState::kNoDevice:
    case DeviceState::kUserError:
    case DeviceState::kBusy:
      return NotReady(ErrorCode::kDeviceNotReady,
                      fmt::format("printer is {}", ToString(status.device)), status);
  }
  if (status.paper == PaperState::kOut) {
    return NotReady(ErrorCode::kDeviceNotReady, "paper out", status);
  }
  if (status.paper == PaperState::kJammed) {
    return NotReady(ErrorCode::kDevice, "paper jammed", status);
  }
  if (status.cover == CoverState::kOpen) {
    return NotReady(ErrorCode::kDeviceNotReady, "cover open", status);
  }
  return {};
}

}  // namespace kiosk::devices
