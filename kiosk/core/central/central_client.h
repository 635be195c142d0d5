#pragma once

// The kiosk's view of the regional business services (DESIGN.md, "Central
// services"). One implementation speaks HTTPS through libcurl; tests use a
// fake. Every failure is an Error whose `reason` carries the server's error
// code when there is one.

#include <nlohmann/json.hpp>
#include <string>

#include "common/error.h"

namespace kiosk {

struct SubmitResponse {
  int http_status = 0;
  std::string tracking_number;
  bool replayed = false;  // The server had seen this idempotency key before.
};

class CentralClient {
 public:
  virtual ~CentralClient() = default;

  virtual Result<nlohmann::json> Query(const std::string& region, const std::string& query,
                                       const nlohmann::json& request) = 0;

  // kServerRejected for a permanent refusal (4xx other than 408 and 429),
  // kServerUnavailable / kNetwork / kTimeout for what a retry may cure.
  virtual Result<SubmitResponse> Submit(const std::string& region,
                                        const std::string& idempotency_key,
                                        const std::string& body_json) = 0;

  // Whether the region's service answers at all (GET /v1/health): what the
  // status bar's network state is kept fresh with while nobody submits.
  virtual Result<void> CheckHealth(const std::string& region) = 0;
};

}  // namespace kiosk
