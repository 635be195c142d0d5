#pragma once

// CentralClient over HTTP(S) with libcurl. Thread-safe: each call uses its
// own easy handle, and CURLOPT_NOSIGNAL keeps libcurl from raising SIGALRM
// in a multi-threaded program. (Mutual TLS, pinning and connection reuse
// arrive with the sync client of issue 6.)

#include <chrono>
#include <map>
#include <string>

#include "kiosk/core/central/central_client.h"

namespace kiosk {

struct HttpClientOptions {
  std::map<std::string, std::string> region_endpoints;  // "440300" -> "http://host:port"
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{10000};
  std::string kiosk_id;
};

class HttpCentralClient final : public CentralClient {
 public:
  explicit HttpCentralClient(HttpClientOptions options);

  Result<nlohmann::json> Query(const std::string& region, const std::string& query,
                               const nlohmann::json& request) override;
  Result<SubmitResponse> Submit(const std::string& region, const std::string& idempotency_key,
                                const std::string& body_json) override;

 private:
  struct HttpResponse {
    long status = 0;
    std::string body;
    bool replayed = false;
  };
  Result<HttpResponse> Post(const std::string& region, const std::string& path,
                            const std::string& body, const std::string& idempotency_key);

  HttpClientOptions options_;
};

// Classifies a non-2xx answer: permanent refusals vs. those worth retrying.
Error ErrorFromHttpStatus(long status, const std::string& body);

}  // namespace kiosk
