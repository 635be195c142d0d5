#pragma once

// Turns a failed libcurl transfer into an Error precise enough for
// maintenance staff: `reason` names the fault ("tls_unknown_ca",
// "connection_refused", …) and `detail` the URL and curl's own message.
// Every one is kNetwork or kTimeout, never kServerRejected: the delivery
// worker retries them, since a fixed certificate or a server back up cures
// them and nothing the citizen submitted may be dropped.

#include <curl/curl.h>

#include <string>
#include <string_view>

#include "common/error.h"

namespace kiosk {

// What libcurl reports about a failed transfer.
struct CurlFailure {
  CURLcode code = CURLE_OK;
  long ssl_verify_result = 0;     // CURLINFO_SSL_VERIFYRESULT: an X509_V_ERR_* value.
  long os_errno = 0;              // CURLINFO_OS_ERRNO.
  std::string_view error_buffer;  // CURLOPT_ERRORBUFFER; may be empty.
};

// The stable reason for a failure, e.g. "tls_certificate_expired".
std::string CurlFailureReason(const CurlFailure& failure);

Error ErrorFromCurl(const CurlFailure& failure, const std::string& url);

}  // namespace kiosk
