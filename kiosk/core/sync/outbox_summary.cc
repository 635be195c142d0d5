#include "kiosk/core/sync/outbox_summary.h"

#include <algorithm>

#include "common/secure_wipe.h"

namespace kiosk {
namespace {

void Add(cache::OutboxCounts& counts, cache::OutboxState state) {
  switch (state) {
    case cache::OutboxState::kPending: ++counts.pending; break;
    case cache::OutboxState::kInFlight: ++counts.in_flight; break;
    case cache::OutboxState::kDelivered: ++counts.delivered; break;
    case cache::OutboxState::kDead: ++counts.dead; break;
  }
}

}  // namespace

Result<OutboxSummary> SummarizeOutbox(const cache::Outbox& outbox) {
  auto rows = outbox.List(std::nullopt);
  if (!rows) return std::unexpected(rows.error());
  OutboxSummary summary;
  for (cache::OutboxEntry& row : *rows) {
    Add(summary.total, row.state);
    Add(summary.by_region[row.region], row.state);
    if (row.state == cache::OutboxState::kPending || row.state == cache::OutboxState::kInFlight) {
      summary.oldest_pending_unix_ms = std::min(
          summary.oldest_pending_unix_ms.value_or(row.created_unix_ms), row.created_unix_ms);
    }
    // The body is the citizen's data: wiped, never carried into a summary.
    SecureWipe(row.body_json);
    row.body_json.clear();
    if (row.state == cache::OutboxState::kDead) summary.dead_letters.push_back(std::move(row));
  }
  return summary;
}

}  // namespace kiosk
