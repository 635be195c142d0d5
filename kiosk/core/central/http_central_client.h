#pragma once

// CentralClient over HTTP(S) with libcurl. Thread-safe: the delivery worker
// and the UI session call it at the same time. Each region keeps a few idle
// easy handles so keep-alive connections (and their TLS sessions) are
// reused across calls; CURLOPT_NOSIGNAL keeps libcurl from raising SIGALRM
// in a multi-threaded program.
//
// https:// endpoints use mutual TLS and trust only the configured CA (never
// the system store), optionally pinning the server's public key; http://
// endpoints (the default local setup) use no TLS at all.

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "kiosk/core/central/central_client.h"
#include "kiosk/core/central/curl_transfer.h"
#include "kiosk/core/config/kiosk_config.h"

namespace kiosk {

struct HttpClientOptions {
  std::map<std::string, std::string> region_endpoints;  // "440300" -> "http://host:port"
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{10000};
  std::string kiosk_id;
  TlsOptions tls;  // Used by https:// endpoints only.
};

class CurlHandlePool;

// The options the kiosk's config gives: every region's endpoint, the
// timeouts, the kiosk id and mutual TLS.
HttpClientOptions ClientOptionsFor(const KioskConfig& config);

class HttpCentralClient final : public CentralClient {
 public:
  explicit HttpCentralClient(HttpClientOptions options);
  ~HttpCentralClient() override;

  Result<nlohmann::json> Query(const std::string& region, const std::string& query,
                               const nlohmann::json& request) override;
  Result<SubmitResponse> Submit(const std::string& region, const std::string& idempotency_key,
                                const std::string& body_json) override;
  Result<void> CheckHealth(const std::string& region) override;

  // Connections opened so far (not reused ones): tests check reuse with it.
  long ConnectionsOpened() const;

 private:
  struct HttpResponse {
    long status = 0;
    std::string body;
    bool replayed = false;
  };
  // `method` "POST" with `body`, or "GET".
  Result<HttpResponse> Exchange(const std::string& method, const std::string& region,
                                const std::string& path, const std::string& body,
                                const std::string& idempotency_key);

  HttpClientOptions options_;
  // One pool per configured region; the map never changes after
  // construction, so looking a region up needs no lock.
  std::map<std::string, std::unique_ptr<CurlHandlePool>> pools_;
  std::atomic<long> connections_opened_{0};
};

// Classifies a non-2xx answer: permanent refusals vs. those worth retrying.
Error ErrorFromHttpStatus(long status, const std::string& body);

}  // namespace kiosk
