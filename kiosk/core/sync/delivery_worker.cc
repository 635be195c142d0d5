#include "kiosk/core/sync/delivery_worker.h"

#include <algorithm>

#include "common/log.h"

namespace kiosk {
namespace {
constexpr const char* kLog = "delivery";
}

DeliveryWorker::DeliveryWorker(cache::Outbox& outbox, CentralClient& central, DeliveryPolicy policy,
                               std::function<std::int64_t()> unix_ms)
    : outbox_(outbox), central_(central), policy_(policy), unix_ms_(std::move(unix_ms)) {}

DeliveryWorker::~DeliveryWorker() { Stop(); }

void DeliveryWorker::Start() {
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void DeliveryWorker::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DeliveryWorker::Nudge() {
  {
    std::lock_guard lock(mutex_);
    nudged_ = true;
  }
  wake_.notify_all();
}

std::chrono::milliseconds DeliveryWorker::BackoffFor(int attempts) {
  // Full jitter (uniform in [0, cap]) spreads a fleet's retries after a
  // regional outage instead of having every kiosk hit the server together.
  const int doublings = std::clamp(attempts - 1, 0, 30);
  const auto cap =
      std::min(policy_.max_backoff, policy_.first_backoff * (std::int64_t{1} << doublings));
  std::uniform_int_distribution<std::int64_t> pick(0, cap.count());
  std::lock_guard lock(random_mutex_);
  return std::chrono::milliseconds(pick(random_));
}

int DeliveryWorker::DeliverDue() {
  // Delivered rows past their retention go first: the citizen's data is
  // not kept longer than it is useful.
  if (auto purged = outbox_.PurgeDelivered(unix_ms_()); !purged) {
    log::Error(kLog, "cannot purge delivered rows: {}", purged.error().Describe());
  } else if (*purged > 0) {
    log::Info(kLog, "{} delivered rows past their retention deleted", *purged);
  }
  auto regions = outbox_.RegionsWithPending();
  if (!regions) {
    log::Error(kLog, "cannot read the outbox: {}", regions.error().Describe());
    return 0;
  }
  int attempted = 0;
  for (const std::string& region : *regions) {
    // Drain a region until it has nothing due or fails; then the next one.
    while (true) {
      auto claimed = outbox_.ClaimNextDue(region, unix_ms_());
      if (!claimed) {
        log::Error(kLog, "cannot claim from the outbox: {}", claimed.error().Describe());
        return attempted;
      }
      if (!claimed->has_value()) break;
      const cache::OutboxEntry& entry = **claimed;
      ++attempted;
      if (Send(entry, nullptr) == Attempt::kRetry) break;  // Failing: spare its other rows.
    }
  }
  return attempted;
}

DeliveryWorker::Attempt DeliveryWorker::Send(const cache::OutboxEntry& entry,
                                             std::string* tracking_number) {
  auto response = central_.Submit(entry.region, entry.idempotency_key, entry.body_json);
  if (response) {
    if (auto ok = outbox_.MarkDelivered(entry.id, response->tracking_number, unix_ms_()); !ok) {
      log::Error(kLog, "row {} delivered but not marked: {}", entry.id, ok.error().Describe());
    }
    log::Info(kLog, "row {} ({}) delivered to {}: {}{}", entry.id, entry.kind, entry.region,
              response->tracking_number, response->replayed ? " (replayed)" : "");
    if (tracking_number != nullptr) *tracking_number = response->tracking_number;
    return Attempt::kDelivered;
  }
  const Error& error = response.error();
  if (error.code == ErrorCode::kServerRejected) {
    log::Error(kLog, "row {} ({}) refused for good by {}: {}", entry.id, entry.kind, entry.region,
               error.Describe());
    if (auto ok = outbox_.MarkDead(entry.id, error.Describe()); !ok) {
      log::Error(kLog, "row {} not moved to dead letters: {}", entry.id, ok.error().Describe());
    }
    return Attempt::kRefused;
  }
  auto wait = BackoffFor(entry.attempts);
  log::Warning(kLog, "row {} ({}) to {} failed (attempt {}), retry in {} ms: {}", entry.id,
               entry.kind, entry.region, entry.attempts, wait.count(), error.Describe());
  if (auto ok = outbox_.MarkRetry(entry.id, error.Describe(), unix_ms_() + wait.count()); !ok) {
    log::Error(kLog, "row {} retry not recorded: {}", entry.id, ok.error().Describe());
  }
  return Attempt::kRetry;
}

std::optional<std::string> DeliveryWorker::DeliverNow(std::int64_t id) {
  auto claimed = outbox_.ClaimById(id);
  if (!claimed) {
    log::Error(kLog, "cannot claim row {}: {}", id, claimed.error().Describe());
    return std::nullopt;
  }
  if (!claimed->has_value()) return std::nullopt;  // Older rows first, or already taken.
  std::string tracking_number;
  if (Send(**claimed, &tracking_number) == Attempt::kDelivered) return tracking_number;
  return std::nullopt;
}

void DeliveryWorker::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    DeliverDue();
    lock.lock();
    wake_.wait_for(lock, policy_.idle_poll, [this] { return stopping_ || nudged_; });
    nudged_ = false;
  }
}

}  // namespace kiosk
