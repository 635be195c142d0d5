#pragma once

// Tells systemd how the kiosk is doing (sd_notify, `Type=notify` in
// deploy/systemd/kiosk.service): READY=1 once the first interactive frame
// is on the screen, a STATUS= line for `systemctl status`, WATCHDOG=1 pings
// from the UI loop, STOPPING=1 on the way out. Outside systemd (no
// NOTIFY_SOCKET: a developer's run, the tests) every call does nothing.
//
// Only the UI thread may ping: a UI that hangs then stops feeding the
// watchdog and systemd restarts the kiosk (docs/OPERATIONS.md).

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "common/error.h"

namespace kiosk {

// What `systemctl status kiosk` shows under "Status:".
enum class ServiceStatus {
  kHome,            // Waiting for a citizen.
  kCitizenSession,  // Someone is being served.
  kAdminMode,       // A maintenance engineer has the screen.
  kOutOfService,    // The kiosk cannot serve anyone.
};
const char* ToStatusText(ServiceStatus status);  // "home screen", "citizen session", ...

class ServiceNotifier {
 public:
  using Now = std::function<std::chrono::steady_clock::time_point()>;

  // Reads NOTIFY_SOCKET and the watchdog's WATCHDOG_USEC / WATCHDOG_PID
  // once. `now` is the steady clock, or a test's.
  explicit ServiceNotifier(Now now = std::chrono::steady_clock::now);

  // Under systemd (NOTIFY_SOCKET set).
  bool Active() const { return active_; }
  // How often the loop must come round to feed the watchdog: a sixth of
  // WATCHDOG_USEC. Pings are at least this far apart, so a loop that wakes
  // this often pings at least every third of WATCHDOG_USEC, well inside
  // the half sd_watchdog_enabled(3) asks for (a loaded machine may wake it
  // late). Zero without a watchdog.
  std::chrono::milliseconds LoopInterval() const { return loop_interval_; }

  // READY=1, once; later calls do nothing.
  Result<void> Ready();
  // STATUS=<text>, only when it differs from the last one sent.
  Result<void> SetStatus(ServiceStatus status);
  // Called once per iteration of the UI loop: WATCHDOG=1 when a loop
  // interval has passed since the last ping.
  Result<void> LoopAlive();
  // STOPPING=1: a clean stop has begun (SIGTERM, the end of a script).
  Result<void> Stopping();

 private:
  // Sends one state line. The first failure is logged; later ones are not,
  // so a kiosk whose socket went away does not fill the journal.
  Result<void> Send(const std::string& state);

  Now now_;
  bool active_ = false;
  std::chrono::milliseconds loop_interval_{0};
  bool ready_sent_ = false;
  std::optional<ServiceStatus> status_sent_;
  std::optional<std::chrono::steady_clock::time_point> last_ping_;
  bool failure_logged_ = false;
};

}  // namespace kiosk
