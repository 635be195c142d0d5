#pragma once

// What goes into a heartbeat, read from the kiosk's own parts: a device
// manager's report as a device line, the outbox as the queue line. The
// caller (kiosk/app) gathers them into a HeartbeatSnapshot.

#include <cstdint>

#include "common/error.h"
#include "drivers/common/device_report.h"
#include "kiosk/core/fleet/heartbeat.h"
#include "offline_cache/outbox.h"

namespace kiosk {

// "ok" when usable; "warning" when it works but needs staff soon (paper
// low: detail "paper_near_end"); "fault" when it cannot serve (detail the
// device state, or "paper_out" / "paper_jammed"); "absent" when the
// configuration has none (backend "none"). Free-text details are left
// out: codes are what headquarters counts and translates.
DeviceHeartbeat DeviceHeartbeatFrom(const devices::DeviceReport& report);

// Counts, capacity and the oldest waiting row's age at `now_unix_ms`.
Result<QueueHeartbeat> QueueHeartbeatFrom(const cache::Outbox& outbox, std::int64_t now_unix_ms);

}  // namespace kiosk
