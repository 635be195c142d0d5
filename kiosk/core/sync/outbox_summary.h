#pragma once

// The outbox at a glance, read in one pass so the figures agree: counts by
// state, overall and per region, the oldest undelivered row, and the dead
// letters with the reason each was refused. What `kioskctl queue status`,
// admin mode and the fleet heartbeat show.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "offline_cache/outbox.h"

namespace kiosk {

struct OutboxSummary {
  cache::OutboxCounts total;
  std::map<std::string, cache::OutboxCounts> by_region;
  std::optional<std::int64_t> oldest_pending_unix_ms;  // Pending or in flight.
  std::vector<cache::OutboxEntry> dead_letters;        // Bodies dropped: not needed to show.
};

Result<OutboxSummary> SummarizeOutbox(const cache::Outbox& outbox);

}  // namespace kiosk
