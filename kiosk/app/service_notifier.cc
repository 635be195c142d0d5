#include "kiosk/app/service_notifier.h"

#include <systemd/sd-daemon.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <system_error>

#include "common/log.h"

namespace kiosk {
namespace {

constexpr const char* kLog = "systemd";

}  // namespace

const char* ToStatusText(ServiceStatus status) {
  switch (status) {
    case ServiceStatus::kHome: return "home screen";
    case ServiceStatus::kCitizenSession: return "citizen session";
    case ServiceStatus::kAdminMode: return "admin mode";
    case ServiceStatus::kOutOfService: return "out of service";
  }
  return "unknown";
}

ServiceNotifier::ServiceNotifier(Now now) : now_(std::move(now)) {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  active_ = socket != nullptr && *socket != '\0';
  if (!active_) return;
  std::uint64_t usec = 0;
  // The environment stays: the kiosk starts no children that could take it.
  const int enabled = sd_watchdog_enabled(0, &usec);
  if (enabled < 0) {
    log::Error(kLog, "watchdog settings refused ({}): WATCHDOG_USEC or WATCHDOG_PID malformed",
               std::system_category().message(-enabled));
  } else if (enabled > 0) {
    loop_interval_ = std::max(
        std::chrono::milliseconds(1),
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::microseconds(usec / 6)));
    log::Info(kLog, "watchdog every {} ms: the UI loop pings at least every {} ms", usec / 1000,
              loop_interval_.count() * 2);
  }
}

Result<void> ServiceNotifier::Ready() {
  if (!active_ || ready_sent_) return {};
  ready_sent_ = true;
  return Send("READY=1");
}

Result<void> ServiceNotifier::SetStatus(ServiceStatus status) {
  if (!active_ || status_sent_ == status) return {};
  status_sent_ = status;
  return Send(std::string("STATUS=") + ToStatusText(status));
}

Result<void> ServiceNotifier::LoopAlive() {
  if (!active_ || loop_interval_.count() == 0) return {};
  const auto now = now_();
  if (last_ping_ && now - *last_ping_ < loop_interval_) return {};
  last_ping_ = now;
  return Send("WATCHDOG=1");
}

Result<void> ServiceNotifier::Stopping() {
  if (!active_) return {};
  return Send("STOPPING=1");
}

Result<void> ServiceNotifier::Send(const std::string& state) {
  const int sent = sd_notify(0, state.c_str());
  if (sent > 0) return {};
  const std::string why = sent == 0 ? std::string("NOTIFY_SOCKET is no longer set")
                                    : "sd_notify failed: " + std::system_category().message(-sent);
  if (!failure_logged_) {
    failure_logged_ = true;
    log::Error(kLog, "cannot tell systemd {} ({}); further failures are not logged", state, why);
  }
  return Fail(ErrorCode::kIo, why + " (sending " + state + ")");
}

}  // namespace kiosk
