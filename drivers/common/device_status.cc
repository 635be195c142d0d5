#include "drivers/common/device_status.h"

namespace kiosk::devices {

const char* ToString(DeviceState state) {
  switch (state) {
    case DeviceState::kOnline: return "online";
    case DeviceState::kOffline: return "offline";
    case DeviceState::kPowerOff: return "power_off";
    case DeviceState::kNoDevice: return "no_device";
    case DeviceState::kHardwareError: return "hardware_error";
    case DeviceState::kUserError: return "user_error";
    case DeviceState::kBusy: return "busy";
  }
  return "offline";
}

const char* ToString(PaperState state) {
  switch (state) {
    case PaperState::kFull: return "full";
    case PaperState::kLow: return "low";
    case PaperState::kOut: return "out";
    case PaperState::kJammed: return "jammed";
    case PaperState::kUnknown: return "unknown";
  }
  return "unknown";
}

const char* ToString(CoverState state) {
  switch (state) {
    case CoverState::kClosed: return "closed";
    case CoverState::kOpen: return "open";
    case CoverState::kUnknown: return "unknown";
  }
  return "unknown";
}

}  // namespace kiosk::devices
