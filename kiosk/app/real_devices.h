#pragma once

// The openers of `kiosk --devices real`: each reads its backend's profile
// named by the hardware profile and opens the real driver.

#include "drivers/manager/device_manager.h"

namespace kiosk {

devices::DeviceOpeners RealDeviceOpeners();

}  // namespace kiosk
