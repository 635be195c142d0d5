#include "kiosk/core/central/switchable_central_client.h"

namespace kiosk {

SwitchableCentralClient::SwitchableCentralClient(std::shared_ptr<CentralClient> client)
    : client_(std::move(client)) {}

std::shared_ptr<CentralClient> SwitchableCentralClient::Current() const {
  std::lock_guard lock(mutex_);
  return client_;
}

void SwitchableCentralClient::SwitchTo(std::shared_ptr<CentralClient> client) {
  std::shared_ptr<CentralClient> old;
  {
    std::lock_guard lock(mutex_);
    old = std::exchange(client_, std::move(client));
  }
  // `old` goes here, outside the lock, unless a call still holds it.
}

Result<nlohmann::json> SwitchableCentralClient::Query(const std::string& region,
                                                      const std::string& query,
                                                      const nlohmann::json& request) {
  return Current()->Query(region, query, request);
}

Result<SubmitResponse> SwitchableCentralClient::Submit(const std::string& region,
                                                       const std::string& idempotency_key,
                                                       const std::string& body_json) {
  return Current()->Submit(region, idempotency_key, body_json);
}

Result<void> SwitchableCentralClient::CheckHealth(const std::string& region) {
  return Current()->CheckHealth(region);
}

}  // namespace kiosk
