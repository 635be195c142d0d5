#include "kiosk/core/fleet/heartbeat_sources.h"

#include <algorithm>

namespace kiosk {

DeviceHeartbeat DeviceHeartbeatFrom(const devices::DeviceReport& report) {
  using devices::DeviceState;
  using devices::PaperState;
  DeviceHeartbeat line{devices::ToString(report.device_class), "ok", ""};
  if (report.backend == "none") {
    line.state = "absent";
    return line;
  }
  // The paper first: a printer that is online but out of paper cannot
  // print a receipt, which is what matters at headquarters.
  if (report.paper == PaperState::kOut || report.paper == PaperState::kJammed) {
    line.state = "fault";
    line.detail = report.paper == PaperState::kOut ? "paper_out" : "paper_jammed";
    return line;
  }
  if (!report.Usable()) {
    line.state = "fault";
    line.detail = devices::ToString(report.state);
    return line;
  }
  if (report.paper == PaperState::kLow) {
    line.state = "warning";
    line.detail = "paper_near_end";
  }
  return line;
}

Result<QueueHeartbeat> QueueHeartbeatFrom(const cache::Outbox& outbox, std::int64_t now_unix_ms) {
  auto counts = outbox.Counts();
  if (!counts) return std::unexpected(counts.error());
  auto capacity = outbox.Capacity();
  if (!capacity) return std::unexpected(capacity.error());
  auto oldest = outbox.OldestWaitingCreatedUnixMs();
  if (!oldest) return std::unexpected(oldest.error());
  QueueHeartbeat queue;
  queue.pending = counts->pending;
  queue.in_flight = counts->in_flight;
  queue.dead = counts->dead;
  if (oldest->has_value()) {
    // A clock set back after enqueueing would give a negative age.
    queue.oldest_pending_age_s = std::max<std::int64_t>(0, (now_unix_ms - **oldest) / 1000);
  }
  queue.used_bytes = capacity->bytes;
  queue.max_bytes = capacity->max_bytes;
  queue.rows = capacity->rows;
  queue.max_rows = capacity->max_rows;
  queue.near_full = capacity->NearFull();
  queue.accepting = !capacity->Full();
  return queue;
}

}  // namespace kiosk
