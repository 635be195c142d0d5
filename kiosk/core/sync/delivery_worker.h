#pragma once

// Sends the outbox to the central services in the background: oldest first
// per region, one region's outage never holding back another's, retrying
// with exponential backoff and full jitter, and moving permanent refusals
// to the dead letters that admin mode shows. Each attempt reuses the row's
// idempotency key, so a retry after a lost answer cannot double-submit.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include "kiosk/core/central/central_client.h"
#include "offline_cache/outbox.h"

namespace kiosk {

struct DeliveryPolicy {
  std::chrono::milliseconds first_backoff{1000};
  std::chrono::milliseconds max_backoff{std::chrono::minutes(5)};
  std::chrono::milliseconds idle_poll{std::chrono::seconds(5)};
};

class DeliveryWorker {
 public:
  DeliveryWorker(cache::Outbox& outbox, CentralClient& central, DeliveryPolicy policy,
                 std::function<std::int64_t()> unix_ms);
  ~DeliveryWorker();

  void Start();
  void Stop();
  // Wakes the worker now (after an enqueue, or "force sync" in admin mode).
  void Nudge();

  // One pass over every region with due rows; returns rows attempted. The
  // thread calls this; tests call it directly for determinism.
  int DeliverDue();

  // Delivers row `id` now, on the caller's thread, while the citizen
  // waits: the tracking number when the server confirmed it; nullopt when
  // it stays queued (the server unreachable, older rows of its region
  // still waiting, or refused for good: then it is a dead letter).
  std::optional<std::string> DeliverNow(std::int64_t id);

  // Full-jitter backoff for the given attempt count (1 = first failure).
  std::chrono::milliseconds BackoffFor(int attempts);

 private:
  void Run();
  // Sends a claimed row and records the outcome; true when delivered.
  // `tracking_number` receives the server's number.
  enum class Attempt { kDelivered, kRefused, kRetry };
  Attempt Send(const cache::OutboxEntry& entry, std::string* tracking_number);

  cache::Outbox& outbox_;
  CentralClient& central_;
  DeliveryPolicy policy_;
  std::function<std::int64_t()> unix_ms_;
  std::mutex random_mutex_;  // DeliverNow runs beside the worker thread.
  std::mt19937_64 random_{std::random_device{}()};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool nudged_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace kiosk
