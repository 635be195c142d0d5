#pragma once

// The kiosk's line to headquarters: the configuration repository (static
// signed files any web server or CDN serves; conditional GETs with ETag)
// and the reports the kiosk sends about itself (which configuration it
// runs, what it refused and why). Same transport rules as the regional
// client: mutual TLS for https, no signals, timeouts, connection reuse.

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "common/error.h"
#include "kiosk/core/central/curl_transfer.h"

namespace kiosk {

struct HeadquartersOptions {
  std::string api_endpoint;    // kiosk-central, e.g. "https://hq.example:8480".
  std::string repository_url;  // The configuration repository's base URL.
  std::string kiosk_id;
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{30000};
  TlsOptions tls;
};

struct FetchedFile {
  bool not_modified = false;  // 304: what the caller had is still current.
  std::string body;
  std::string etag;
};

class CurlHandlePool;

class HeadquartersClient {
 public:
  explicit HeadquartersClient(HeadquartersOptions options);
  ~HeadquartersClient();
  HeadquartersClient(const HeadquartersClient&) = delete;
  HeadquartersClient& operator=(const HeadquartersClient&) = delete;

  // GET repository_url/path. kNotFound (reason "not_found") for a 404;
  // a body over `max_bytes` fails (reason "too_large") rather than fill
  // the disk; other statuses as ErrorFromHttpStatus.
  Result<FetchedFile> Fetch(const std::string& path, const std::string& if_none_match,
                            long max_bytes);
  // POST api_endpoint/v1/kiosks/<id>/reports/<kind>.
  Result<void> Report(const std::string& kind, const nlohmann::json& report);

 private:
  Result<HttpReply> Exchange(HttpExchange exchange);

  HeadquartersOptions options_;
  std::unique_ptr<CurlHandlePool> pool_;
};

}  // namespace kiosk
