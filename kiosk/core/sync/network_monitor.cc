#include "kiosk/core/sync/network_monitor.h"

#include "common/log.h"

namespace kiosk {

const char* ToString(NetworkState state) {
  switch (state) {
    case NetworkState::kUnknown: return "unknown";
    case NetworkState::kOnline: return "online";
    case NetworkState::kOffline: return "offline";
  }
  return "unknown";
}

bool IsReachabilityFailure(const Error& error) {
  return error.code == ErrorCode::kNetwork || error.code == ErrorCode::kTimeout ||
         error.code == ErrorCode::kServerUnavailable;
}

NetworkMonitor::NetworkMonitor(CentralClient& inner, std::string home_region,
                               std::function<std::int64_t()> unix_ms)
    : inner_(inner), home_region_(std::move(home_region)), unix_ms_(std::move(unix_ms)) {}

NetworkMonitor::~NetworkMonitor() { Stop(); }

Result<nlohmann::json> NetworkMonitor::Query(const std::string& region, const std::string& query,
                                             const nlohmann::json& request) {
  auto answer = inner_.Query(region, query, request);
  Record(region, answer ? nullptr : &answer.error());
  return answer;
}

Result<SubmitResponse> NetworkMonitor::Submit(const std::string& region,
                                              const std::string& idempotency_key,
                                              const std::string& body_json) {
  auto answer = inner_.Submit(region, idempotency_key, body_json);
  Record(region, answer ? nullptr : &answer.error());
  return answer;
}

Result<void> NetworkMonitor::CheckHealth(const std::string& region) {
  auto answer = inner_.CheckHealth(region);
  Record(region, answer ? nullptr : &answer.error());
  return answer;
}

void NetworkMonitor::Record(const std::string& region, const Error* failure) {
  std::function<void(NetworkState)> notify;
  NetworkState now_state = NetworkState::kUnknown;
  {
    std::lock_guard lock(mutex_);
    const std::int64_t now = unix_ms_();
    last_exchange_unix_ms_[region] = now;
    RegionContact& contact = contacts_[region];
    const bool was_reachable = contact.reachable;
    const bool known_before = contact.last_success_unix_ms || contact.last_failure_unix_ms;
    if (failure != nullptr && IsReachabilityFailure(*failure)) {
      contact.reachable = false;
      contact.last_failure_unix_ms = now;
      contact.last_error = failure->Describe();
    } else {
      contact.reachable = true;
      contact.last_success_unix_ms = now;
    }
    if (known_before && was_reachable == contact.reachable) return;
    log::Info("network", "region {}: {}{}", region, contact.reachable ? "reachable" : "unreachable",
              contact.reachable ? "" : " (" + contact.last_error + ")");
    if (region != home_region_ || !handler_) return;
    notify = handler_;
    now_state = contact.reachable ? NetworkState::kOnline : NetworkState::kOffline;
  }
  notify(now_state);
}

NetworkState NetworkMonitor::State() const {
  std::lock_guard lock(mutex_);
  const auto found = contacts_.find(home_region_);
  if (found == contacts_.end()) return NetworkState::kUnknown;
  return found->second.reachable ? NetworkState::kOnline : NetworkState::kOffline;
}

std::map<std::string, RegionContact> NetworkMonitor::Contacts() const {
  std::lock_guard lock(mutex_);
  return contacts_;
}

void NetworkMonitor::SetChangeHandler(std::function<void(NetworkState)> handler) {
  std::lock_guard lock(mutex_);
  handler_ = std::move(handler);
}

void NetworkMonitor::CheckStale(const std::vector<std::string>& regions,
                                std::chrono::milliseconds interval) {
  for (const auto& region : regions) {
    bool stale = true;
    {
      std::lock_guard lock(mutex_);
      const auto last = last_exchange_unix_ms_.find(region);
      stale = last == last_exchange_unix_ms_.end() ||
              unix_ms_() - last->second >= static_cast<std::int64_t>(interval.count());
    }
    if (stale) (void)CheckHealth(region);
  }
}

void NetworkMonitor::Start(std::vector<std::string> regions, std::chrono::milliseconds interval) {
  prober_ = std::jthread([this, regions = std::move(regions), interval](std::stop_token stop) {
    while (!stop.stop_requested()) {
      CheckStale(regions, interval);
      std::unique_lock lock(mutex_);
      // Woken only to stop; a round checks only the regions that were quiet.
      wake_.wait_for(lock, stop, interval / 4 + std::chrono::milliseconds(1), [] { return false; });
    }
  });
}

void NetworkMonitor::Stop() {
  if (!prober_.joinable()) return;
  prober_.request_stop();
  wake_.notify_all();
  prober_.join();
}

}  // namespace kiosk
