#pragma once

// Sends the kiosk's heartbeat to headquarters on a background thread: at
// Start, every interval, and at once on Nudge() (a device fault, the
// outbox nearly full). A failed send is retried at the next interval and
// logged once per outage, not on every attempt: a kiosk cut off for a day
// would otherwise fill the journal with the same line.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/error.h"
#include "kiosk/core/fleet/heartbeat.h"

namespace kiosk {

class HeartbeatSender {
 public:
  // `snapshot` and `send` run on the sender's thread. The sender stamps
  // each snapshot's interval_s and sent_unix_ms. `send` is typically
  // HeadquartersClient::Report("heartbeat", json).
  HeartbeatSender(std::function<HeartbeatSnapshot()> snapshot,
                  std::function<Result<void>(const nlohmann::json&)> send,
                  std::chrono::seconds interval);
  ~HeartbeatSender();  // Stops.
  HeartbeatSender(const HeartbeatSender&) = delete;
  HeartbeatSender& operator=(const HeartbeatSender&) = delete;

  // Starts the thread, which sends at once. A second Start does nothing.
  void Start();
  // Wakes the thread and joins it; a send in progress finishes first
  // (its transfer has its own timeouts). Safe to call twice.
  void Stop();
  // Sends now rather than at the next interval. Nudges that arrive while
  // a heartbeat is being sent make one more heartbeat, not one each.
  void Nudge();

  // When the last heartbeat was accepted (Unix ms), 0 before the first.
  std::int64_t LastSuccessUnixMs() const { return last_success_unix_ms_.load(); }
  // Failed sends since the last accepted one.
  int ConsecutiveFailures() const { return consecutive_failures_.load(); }

 private:
  void Run();
  void SendOne();

  std::function<HeartbeatSnapshot()> snapshot_;
  std::function<Result<void>(const nlohmann::json&)> send_;
  const std::chrono::seconds interval_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;    // Under mutex_.
  bool nudged_ = false;  // Under mutex_.
  std::thread thread_;

  std::atomic<std::int64_t> last_success_unix_ms_{0};
  std::atomic<int> consecutive_failures_{0};
};

}  // namespace kiosk
