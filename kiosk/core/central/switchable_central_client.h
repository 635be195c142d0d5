#pragma once

// The central service as the running kiosk sees it across configuration
// changes: headquarters can move a region's endpoint or change the network
// timeouts, and the next query or delivery uses the new client while a
// call already under way finishes on the one it started with.

#include <memory>
#include <mutex>

#include "kiosk/core/central/central_client.h"

namespace kiosk {

class SwitchableCentralClient final : public CentralClient {
 public:
  explicit SwitchableCentralClient(std::shared_ptr<CentralClient> client);

  Result<nlohmann::json> Query(const std::string& region, const std::string& query,
                               const nlohmann::json& request) override;
  Result<SubmitResponse> Submit(const std::string& region, const std::string& idempotency_key,
                                const std::string& body_json) override;
  Result<void> CheckHealth(const std::string& region) override;

  // The old client is destroyed when its last call returns.
  void SwitchTo(std::shared_ptr<CentralClient> client);

 private:
  std::shared_ptr<CentralClient> Current() const;

  mutable std::mutex mutex_;
  std::shared_ptr<CentralClient> client_;
};

}  // namespace kiosk
