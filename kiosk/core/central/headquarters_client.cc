#include "kiosk/core/central/headquarters_client.h"

#include "kiosk/core/central/curl_handle_pool.h"
#include "kiosk/core/central/http_central_client.h"

namespace kiosk {

HeadquartersClient::HeadquartersClient(HeadquartersOptions options)
    : options_(std::move(options)), pool_(std::make_unique<CurlHandlePool>()) {
  InitCurlOnce();
}

HeadquartersClient::~HeadquartersClient() = default;

Result<HttpReply> HeadquartersClient::Exchange(HttpExchange exchange) {
  CurlHandlePool::Handle curl = pool_->Take();
  if (!curl) return Fail(ErrorCode::kInternal, "curl_easy_init failed");
  exchange.connect_timeout = options_.connect_timeout;
  exchange.request_timeout = options_.request_timeout;
  exchange.tls = &options_.tls;
  exchange.headers.push_back("X-Kiosk-Id: " + options_.kiosk_id);
  auto reply = PerformExchange(curl.get(), exchange);
  if (!reply) return std::unexpected(reply.error());  // The handle is dropped.
  pool_->Give(std::move(curl));
  return reply;
}

Result<FetchedFile> HeadquartersClient::Fetch(const std::string& path,
                                              const std::string& if_none_match, long max_bytes) {
  HttpExchange exchange;
  exchange.url = options_.repository_url + "/" + path;
  exchange.max_bytes = max_bytes;
  if (!if_none_match.empty()) exchange.headers.push_back("If-None-Match: " + if_none_match);
  auto reply = Exchange(std::move(exchange));
  if (!reply) return std::unexpected(reply.error());
  FetchedFile fetched;
  if (reply->status == 304) {
    fetched.not_modified = true;
    return fetched;
  }
  if (reply->status == 404) {
    return std::unexpected(Error(ErrorCode::kNotFound,
                                 options_.repository_url + "/" + path + ": HTTP 404", "not_found"));
  }
  if (reply->status != 200) {
    Error error = ErrorFromHttpStatus(reply->status, reply->body);
    error.detail = options_.repository_url + "/" + path + ": " + error.detail;
    return std::unexpected(error);
  }
  fetched.body = std::move(reply->body);
  if (auto etag = reply->headers.find("etag"); etag != reply->headers.end()) {
    fetched.etag = etag->second;
  }
  return fetched;
}

Result<void> HeadquartersClient::Report(const std::string& kind, const nlohmann::json& report) {
  HttpExchange exchange;
  exchange.method = "POST";
  exchange.url = options_.api_endpoint + "/v1/kiosks/" + options_.kiosk_id + "/reports/" + kind;
  exchange.headers = {"Content-Type: application/json"};
  exchange.body = report.dump();
  auto reply = Exchange(std::move(exchange));
  if (!reply) return std::unexpected(reply.error());
  if (reply->status != 201 && reply->status != 200) {
    return std::unexpected(ErrorFromHttpStatus(reply->status, reply->body));
  }
  return {};
}

}  // namespace kiosk
