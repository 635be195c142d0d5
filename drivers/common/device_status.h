#pragma once

// The common status shape of every device class, after XFS4IoT (see
// shared/docs/DEVICES.md): a device state, and per class a media state.

#include <string>

namespace kiosk::devices {

enum class DeviceState { kOnline, kOffline, kPowerOff, kNoDevice, kHardwareError, kUserError, kBusy };

// Paper supply of a printer.
enum class PaperState { kFull, kLow, kOut, kJammed, kUnknown };

enum class CoverState { kClosed, kOpen, kUnknown };

const char* ToString(DeviceState state);
const char* ToString(PaperState state);
const char* ToString(CoverState state);

}  // namespace kiosk::devices
