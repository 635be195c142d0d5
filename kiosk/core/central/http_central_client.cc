#include "kiosk/core/central/http_central_client.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <utility>

#include "kiosk/core/central/curl_error.h"
#include "kiosk/core/central/curl_handle_pool.h"

namespace kiosk {
namespace {

void InitCurlOnce() {
  // curl_global_init is not thread-safe; do it exactly once.
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::size_t AppendBody(char* data, std::size_t size, std::size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::size_t ReadHeader(char* data, std::size_t size, std::size_t count, void* user) {
  std::string line(data, size * count);
  // Header names are case-insensitive.
  std::string lower;
  for (char c : line) {
    lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (lower.starts_with("idempotent-replayed:") && lower.find("true") != std::string::npos) {
    *static_cast<bool*>(user) = true;
  }
  return size * count;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// Mutual TLS against the region's CA only. CAPATH is cleared because
// Debian's libcurl defaults it to /etc/ssl/certs: any public CA would then
// be trusted to speak for a government service.
void SetTlsOptions(CURL* handle, const TlsOptions& tls) {
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(handle, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  curl_easy_setopt(handle, CURLOPT_CAINFO, tls.ca_file.c_str());
  curl_easy_setopt(handle, CURLOPT_CAPATH, nullptr);
  if (!tls.client_certificate.empty()) {
    curl_easy_setopt(handle, CURLOPT_SSLCERT, tls.client_certificate.c_str());
    curl_easy_setopt(handle, CURLOPT_SSLCERTTYPE, "PEM");
  }
  if (!tls.client_key.empty()) {
    curl_easy_setopt(handle, CURLOPT_SSLKEY, tls.client_key.c_str());
    curl_easy_setopt(handle, CURLOPT_SSLKEYTYPE, "PEM");
  }
  if (!tls.pinned_public_key.empty()) {
    curl_easy_setopt(handle, CURLOPT_PINNEDPUBLICKEY, tls.pinned_public_key.c_str());
  }
}

}  // namespace

Error ErrorFromHttpStatus(long status, const std::string& body) {
  std::string reason;
  std::string message;
  auto document = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (!document.is_discarded() && document.contains("error") && document["error"].is_object()) {
    reason = document["error"].value("code", "");
    message = document["error"].value("message", "");
  }
  std::string detail = "HTTP " + std::to_string(status) + (reason.empty() ? "" : " " + reason) +
                       (message.empty() ? "" : ": " + message);
  bool retryable = status >= 500 || status == 408 || status == 429 || status == 409;
  return Error(retryable ? ErrorCode::kServerUnavailable : ErrorCode::kServerRejected, detail,
               reason);
}

HttpClientOptions ClientOptionsFor(const KioskConfig& config) {
  HttpClientOptions options;
  for (const auto& [code, region] : config.regions)
    options.region_endpoints[code] = region.endpoint;
  options.connect_timeout = config.connect_timeout;
  options.request_timeout = config.request_timeout;
  options.kiosk_id = config.kiosk_id;
  if (config.tls) {
    options.tls = TlsOptions{config.tls->ca_file, config.tls->client_certificate,
                             config.tls->client_key, config.tls->pinned_public_key};
  }
  return options;
}

HttpCentralClient::HttpCentralClient(HttpClientOptions options) : options_(std::move(options)) {
  InitCurlOnce();
  for (const auto& [region, endpoint] : options_.region_endpoints) {
    pools_[region] = std::make_unique<CurlHandlePool>();
  }
}

HttpCentralClient::~HttpCentralClient() = default;

long HttpCentralClient::ConnectionsOpened() const { return connections_opened_.load(); }

Result<HttpCentralClient::HttpResponse> HttpCentralClient::Post(
    const std::string& region, const std::string& path, const std::string& body,
    const std::string& idempotency_key) {
  auto endpoint = options_.region_endpoints.find(region);
  if (endpoint == options_.region_endpoints.end()) {
    return Fail(ErrorCode::kInvalidArgument, "no endpoint configured for region " + region);
  }
  const std::string url = endpoint->second + path;
  const bool https = url.starts_with("https://");
  if (https && options_.tls.ca_file.empty()) {
    // Never fall back to the system store; a remote config update can fix
    // this, so it stays retryable like any network fault.
    return std::unexpected(Error(ErrorCode::kNetwork,
                                 url + ": https:// but no CA file is configured (network.tls)",
                                 "tls_not_configured"));
  }
  CurlHandlePool& pool = *pools_.at(region);
  CurlHandlePool::Handle curl = pool.Take();
  if (!curl) return Fail(ErrorCode::kInternal, "curl_easy_init failed");
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  auto add_header = [&](const std::string& header) {
    headers.reset(curl_slist_append(headers.release(), header.c_str()));
  };
  add_header("Content-Type: application/json");
  add_header("Accept: application/json");
  add_header("X-Kiosk-Id: " + options_.kiosk_id);
  if (!idempotency_key.empty()) add_header("Idempotency-Key: " + idempotency_key);

  HttpResponse response;
  char error_buffer[CURL_ERROR_SIZE] = {};
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(handle, CURLOPT_POST, 1L);
  curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(options_.connect_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.request_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, AppendBody);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, ReadHeader);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &response.replayed);
  curl_easy_setopt(handle, CURLOPT_MAXFILESIZE, 8L * 1024 * 1024);
  if (https) SetTlsOptions(handle, options_.tls);

  const CURLcode code = curl_easy_perform(handle);
  long new_connections = 0;
  curl_easy_getinfo(handle, CURLINFO_NUM_CONNECTS, &new_connections);
  connections_opened_ += new_connections;
  if (code != CURLE_OK) {
    CurlFailure failure{code, 0, 0, error_buffer};
    curl_easy_getinfo(handle, CURLINFO_SSL_VERIFYRESULT, &failure.ssl_verify_result);
    curl_easy_getinfo(handle, CURLINFO_OS_ERRNO, &failure.os_errno);
    Error error = ErrorFromCurl(failure, url);
    // A handle whose transfer failed may hold a half-closed connection;
    // dropping it costs one handshake and keeps the next call clean.
    curl.reset();
    return std::unexpected(std::move(error));
  }
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &response.status);
  pool.Give(std::move(curl));
  return response;
}

Result<nlohmann::json> HttpCentralClient::Query(const std::string& region, const std::string& query,
                                                const nlohmann::json& request) {
  auto response = Post(region, "/v1/regions/" + region + "/queries/" + query, request.dump(), "");
  if (!response) return std::unexpected(response.error());
  if (response->status != 200) {
    return std::unexpected(ErrorFromHttpStatus(response->status, response->body));
  }
  auto document = nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) {
    return Fail(ErrorCode::kInvalidData, "query " + query + " for region " + region +
                                             " answered 200 with a body that is not a JSON object");
  }
  return document;
}

Result<SubmitResponse> HttpCentralClient::Submit(const std::string& region,
                                                 const std::string& idempotency_key,
                                                 const std::string& body_json) {
  auto response =
      Post(region, "/v1/regions/" + region + "/submissions", body_json, idempotency_key);
  if (!response) return std::unexpected(response.error());
  if (response->status != 200 && response->status != 201) {
    return std::unexpected(ErrorFromHttpStatus(response->status, response->body));
  }
  auto document = nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.contains("tracking_number") ||
      !document["tracking_number"].is_string()) {
    return Fail(ErrorCode::kInvalidData,
                "submission accepted but the answer carries no tracking_number");
  }
  return SubmitResponse{static_cast<int>(response->status),
                        document["tracking_number"].get<std::string>(), response->replayed};
}

}  // namespace kiosk
