#include "kiosk/core/central/curl_transfer.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <mutex>

#include "kiosk/core/central/curl_error.h"

namespace kiosk {
namespace {

struct BodySink {
  std::string* body;
  std::size_t max_bytes;
};

// CURLOPT_MAXFILESIZE alone misses chunked answers on Debian 12's libcurl:
// stop taking bytes past the bound (curl then fails with a write error).
std::size_t AppendBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<BodySink*>(user);
  if (sink->body->size() + size * count > sink->max_bytes) return 0;
  sink->body->append(data, size * count);
  return size * count;
}

std::string Trim(std::string text) {
  const auto space = [](unsigned char c) { return std::isspace(c) != 0; };
  text.erase(text.begin(), std::find_if_not(text.begin(), text.end(), space));
  text.erase(std::find_if_not(text.rbegin(), text.rend(), space).base(), text.end());
  return text;
}

std::size_t ReadHeader(char* data, std::size_t size, std::size_t count, void* user) {
  const std::string line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    // Header names are case-insensitive.
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    (*static_cast<std::map<std::string, std::string>*>(user))[Trim(name)] =
        Trim(line.substr(colon + 1));
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

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Result<HttpReply> PerformExchange(CURL* handle, const HttpExchange& exchange) {
  const bool https = exchange.url.starts_with("https://");
  if (https && (exchange.tls == nullptr || exchange.tls->ca_file.empty())) {
    // Never fall back to the system store; a remote config update can fix
    // this, so it stays retryable like any network fault.
    return std::unexpected(Error(
        ErrorCode::kNetwork, exchange.url + ": https:// but no CA file is configured (network.tls)",
        "tls_not_configured"));
  }
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  for (const std::string& header : exchange.headers) {
    headers.reset(curl_slist_append(headers.release(), header.c_str()));
  }
  HttpReply reply;
  char error_buffer[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(handle, CURLOPT_URL, exchange.url.c_str());
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  if (exchange.method == "POST") {
    curl_easy_setopt(handle, CURLOPT_POST, 1L);
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, exchange.body.data());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE, static_cast<long>(exchange.body.size()));
  } else {
    curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(exchange.connect_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(exchange.request_timeout.count()));
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, AppendBody);
  BodySink sink{&reply.body, static_cast<std::size_t>(exchange.max_bytes)};
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, ReadHeader);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &reply.headers);
  curl_easy_setopt(handle, CURLOPT_MAXFILESIZE, exchange.max_bytes);
  if (https) SetTlsOptions(handle, *exchange.tls);

  const CURLcode code = curl_easy_perform(handle);
  curl_easy_getinfo(handle, CURLINFO_NUM_CONNECTS, &reply.new_connections);
  // The handle may be reused: nothing of this exchange's may stay behind.
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, nullptr);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, nullptr);
  if (code != CURLE_OK) {
    if (code == CURLE_WRITE_ERROR || code == CURLE_FILESIZE_EXCEEDED) {
      return std::unexpected(Error(
          ErrorCode::kInvalidData,
          exchange.url + ": the answer is over " + std::to_string(exchange.max_bytes) + " bytes",
          "too_large"));
    }
    CurlFailure failure{code, 0, 0, error_buffer};
    curl_easy_getinfo(handle, CURLINFO_SSL_VERIFYRESULT, &failure.ssl_verify_result);
    curl_easy_getinfo(handle, CURLINFO_OS_ERRNO, &failure.os_errno);
    return std::unexpected(ErrorFromCurl(failure, exchange.url));
  }
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

}  // namespace kiosk
