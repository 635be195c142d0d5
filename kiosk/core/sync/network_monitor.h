#pragma once

// What the kiosk knows of its network: the outcome of every exchange with
// each region's central service (queries, deliveries) and of a light
// health check (GET /v1/health) sent while nothing else is said, so the
// status bar tells citizens the truth ("网络中断" while down — their
// submissions are kept and sent later) and admin mode shows the last
// successful contact per region. It sits between the kiosk and its central
// client and passes every call through.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/core/central/central_client.h"

namespace kiosk {

enum class NetworkState { kUnknown, kOnline, kOffline };
const char* ToString(NetworkState state);

struct RegionContact {
  std::optional<std::int64_t> last_success_unix_ms;
  std::optional<std::int64_t> last_failure_unix_ms;
  std::string last_error;  // Of the last failure.
  bool reachable = false;  // The last exchange reached the service.
};

// Whether an error says the service could not be reached (a refusal by a
// service that answered means the network works).
bool IsReachabilityFailure(const Error& error);

class NetworkMonitor final : public CentralClient {
 public:
  NetworkMonitor(CentralClient& inner, std::string home_region,
                 std::function<std::int64_t()> unix_ms);
  ~NetworkMonitor() override;
  NetworkMonitor(const NetworkMonitor&) = delete;
  NetworkMonitor& operator=(const NetworkMonitor&) = delete;

  Result<nlohmann::json> Query(const std::string& region, const std::string& query,
                               const nlohmann::json& request) override;
  Result<SubmitResponse> Submit(const std::string& region, const std::string& idempotency_key,
                                const std::string& body_json) override;
  Result<void> CheckHealth(const std::string& region) override;

  // The home region's state: the one the terminal mostly talks to.
  NetworkState State() const;
  std::map<std::string, RegionContact> Contacts() const;
  // Called (on the exchanging thread) when the home region's state changes.
  void SetChangeHandler(std::function<void(NetworkState)> handler);

  // Checks every region in `regions` that has had no exchange for
  // `interval`, on a thread of its own, until Stop.
  void Start(std::vector<std::string> regions, std::chrono::milliseconds interval);
  void Stop();
  // One round of checks now (tests; the thread calls it).
  void CheckStale(const std::vector<std::string>& regions, std::chrono::milliseconds interval);

 private:
  void Record(const std::string& region, const Error* failure);

  CentralClient& inner_;
  const std::string home_region_;
  const std::function<std::int64_t()> unix_ms_;
  mutable std::mutex mutex_;
  std::map<std::string, RegionContact> contacts_;
  std::map<std::string, std::int64_t> last_exchange_unix_ms_;
  std::function<void(NetworkState)> handler_;
  std::condition_variable_any wake_;
  std::jthread prober_;
};

}  // namespace kiosk
