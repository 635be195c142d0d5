#include "kiosk/core/central/http_central_client.h"

#include <utility>

#include "kiosk/core/central/curl_handle_pool.h"
#include "kiosk/core/central/curl_transfer.h"

namespace kiosk {

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
  // nginx in front of a service finishes the TLS handshake without a
  // valid client certificate and answers 400 with its own HTML page (its
  // internal 495/496). That is the TLS refusal a fixed certificate cures,
  // not the service refusing the request: retry, with the TLS reason.
  if (status == 400 && document.is_discarded() &&
      (body.find("No required SSL certificate was sent") != std::string::npos ||
       body.find("The SSL certificate error") != std::string::npos)) {
    return Error(ErrorCode::kNetwork,
                 "HTTP 400 from the TLS front end: our client certificate was missing or refused",
                 "tls_client_certificate_refused");
  }
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

Result<HttpCentralClient::HttpResponse> HttpCentralClient::Exchange(
    const std::string& method, const std::string& region, const std::string& path,
    const std::string& body, const std::string& idempotency_key) {
  auto endpoint = options_.region_endpoints.find(region);
  if (endpoint == options_.region_endpoints.end()) {
    return Fail(ErrorCode::kInvalidArgument, "no endpoint configured for region " + region);
  }
  CurlHandlePool& pool = *pools_.at(region);
  CurlHandlePool::Handle curl = pool.Take();
  if (!curl) return Fail(ErrorCode::kInternal, "curl_easy_init failed");
  HttpExchange exchange;
  exchange.method = method;
  exchange.url = endpoint->second + path;
  exchange.headers = {"Accept: application/json", "X-Kiosk-Id: " + options_.kiosk_id};
  if (method == "POST") exchange.headers.push_back("Content-Type: application/json");
  if (!idempotency_key.empty()) exchange.headers.push_back("Idempotency-Key: " + idempotency_key);
  exchange.body = body;
  exchange.connect_timeout = options_.connect_timeout;
  exchange.request_timeout = options_.request_timeout;
  exchange.tls = &options_.tls;
  auto reply = PerformExchange(curl.get(), exchange);
  if (!reply) {
    // A handle whose transfer failed may hold a half-closed connection;
    // dropping it costs one handshake and keeps the next call clean.
    curl.reset();
    return std::unexpected(reply.error());
  }
  connections_opened_ += reply->new_connections;
  pool.Give(std::move(curl));
  HttpResponse response;
  response.status = reply->status;
  response.body = std::move(reply->body);
  const auto replayed = reply->headers.find("idempotent-replayed");
  response.replayed = replayed != reply->headers.end() && replayed->second == "true";
  return response;
}

Result<nlohmann::json> HttpCentralClient::Query(const std::string& region, const std::string& query,
                                                const nlohmann::json& request) {
  auto response =
      Exchange("POST", region, "/v1/regions/" + region + "/queries/" + query, request.dump(), "");
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
  auto response = Exchange("POST", region, "/v1/regions/" + region + "/submissions", body_json,
                           idempotency_key);
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

Result<void> HttpCentralClient::CheckHealth(const std::string& region) {
  auto response = Exchange("GET", region, "/v1/health", "", "");
  if (!response) return std::unexpected(response.error());
  if (response->status != 200)
    return std::unexpected(ErrorFromHttpStatus(response->status, response->body));
  return {};
}

}  // namespace kiosk
