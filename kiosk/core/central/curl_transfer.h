#pragma once

// One HTTP exchange over a libcurl easy handle, set up the one way every
// client of the kiosk shares: no signals (thread-safe), connect and whole
// transfer timeouts, a size bound, http/https only, and for https mutual
// TLS against the configured CA alone. Failures of the transfer come back
// as ErrorFromCurl errors (retryable, with a precise reason); any HTTP
// status is a reply for the caller to judge.

#include <curl/curl.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "common/error.h"

namespace kiosk {

struct TlsOptions {
  std::string ca_file;             // PEM: the only CA whose servers we trust.
  std::string client_certificate;  // PEM: this kiosk's certificate (mutual TLS).
  std::string client_key;          // PEM: its private key.
  std::string pinned_public_key;   // Optional, curl's "sha256//<base64>" form.
};

struct HttpExchange {
  std::string method = "GET";  // "GET" or "POST".
  std::string url;
  std::vector<std::string> headers;  // "Name: value".
  std::string body;                  // POST only.
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds request_timeout{10000};
  long max_bytes = 8L * 1024 * 1024;
  const TlsOptions* tls = nullptr;  // Required for https://.
};

struct HttpReply {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // Lower-case names, trimmed values.
  long new_connections = 0;                    // Connections this exchange opened.
};

// curl_global_init, once per process (it is not thread-safe itself).
void InitCurlOnce();

// An https:// URL without a CA file fails before connecting
// (reason tls_not_configured): never the system's store. After a failed
// transfer the caller should drop `handle` (it may hold a half-closed
// connection).
Result<HttpReply> PerformExchange(CURL* handle, const HttpExchange& exchange);

}  // namespace kiosk
