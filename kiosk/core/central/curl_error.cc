#include "kiosk/core/central/curl_error.h"

#include <errno.h>
#include <openssl/x509_vfy.h>

#include <utility>

namespace kiosk {
namespace {

bool Mentions(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

// CURLE_PEER_FAILED_VERIFICATION: the server's certificate did not pass.
// OpenSSL's verdict tells expired from untrusted; the host name check is
// libcurl's own in 7.88 (it leaves the verdict at X509_V_OK and says so in
// the error buffer), and newer builds may let OpenSSL do it.
std::string PeerVerificationReason(const CurlFailure& failure) {
  switch (failure.ssl_verify_result) {
    case X509_V_ERR_CERT_HAS_EXPIRED: return "tls_certificate_expired";
    // Usually the kiosk's own clock is wrong (no RTC battery, no NTP yet).
    case X509_V_ERR_CERT_NOT_YET_VALID: return "tls_certificate_not_yet_valid";
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_CERT_UNTRUSTED: return "tls_unknown_ca";
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH: return "tls_host_mismatch";
    default: break;
  }
  if (Mentions(failure.error_buffer, "target host name") ||
      Mentions(failure.error_buffer, "common name from peer certificate")) {
    return "tls_host_mismatch";
  }
  return "tls_certificate_invalid";
}

// The server ended the handshake with an alert about our certificate. With
// TLS 1.3 the client finishes its side first, so libcurl 7.88 reads the
// alert only when it waits for the answer (CURLE_RECV_ERROR, "tlsv13 alert
// certificate required"); with TLS 1.2 it comes during the handshake
// (CURLE_SSL_CONNECT_ERROR). libcurl passes on OpenSSL's text only, hence
// matching it. A TLS 1.2 OpenSSL server sends a plain "handshake failure"
// for a missing certificate, which a cipher mismatch also causes: that one
// stays "tls_handshake_failed".
bool ClientCertificateRefused(std::string_view error_buffer) {
  for (std::string_view alert :
       {"alert certificate required", "alert bad certificate", "alert unknown ca",
        "alert certificate unknown", "alert certificate expired", "alert certificate revoked",
        "alert unsupported certificate", "alert access denied"}) {
    if (Mentions(error_buffer, alert)) return true;
  }
  return false;
}

}  // namespace

std::string CurlFailureReason(const CurlFailure& failure) {
  switch (failure.code) {
    case CURLE_OPERATION_TIMEDOUT: return "timeout";
    case CURLE_PEER_FAILED_VERIFICATION: return PeerVerificationReason(failure);
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH: return "tls_pin_mismatch";
    case CURLE_SSL_CERTPROBLEM: return "tls_client_certificate_unusable";
    case CURLE_SSL_CACERT_BADFILE: return "tls_ca_unusable";
    case CURLE_COULDNT_RESOLVE_HOST: return "dns_failure";
    case CURLE_COULDNT_CONNECT:
      if (failure.os_errno == ECONNREFUSED) return "connection_refused";
      // A peer that accepts and resets at once can do so before libcurl
      // sees its non-blocking connect complete: the reset comes as the
      // connect's own error.
      if (failure.os_errno == ECONNRESET) return "connection_reset";
      return "connection_failed";
    case CURLE_GOT_NOTHING: return "empty_reply";
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
      if (ClientCertificateRefused(failure.error_buffer)) return "tls_client_certificate_refused";
      if (failure.os_errno == ECONNRESET || Mentions(failure.error_buffer, "reset by peer")) {
        return "connection_reset";
      }
      return failure.code == CURLE_SSL_CONNECT_ERROR ? "tls_handshake_failed" : "transfer_broken";
    default: return "network_error";
  }
}

Error ErrorFromCurl(const CurlFailure& failure, const std::string& url) {
  std::string reason = CurlFailureReason(failure);
  // The reason leads the detail too: the outbox keeps only the detail as
  // a row's last error, and admin mode shows that.
  std::string detail = url + " (" + reason + "): " + curl_easy_strerror(failure.code);
  if (!failure.error_buffer.empty()) detail += ": " + std::string(failure.error_buffer);
  detail += " (curl error " + std::to_string(static_cast<int>(failure.code)) + ")";
  const ErrorCode code =
      failure.code == CURLE_OPERATION_TIMEDOUT ? ErrorCode::kTimeout : ErrorCode::kNetwork;
  return Error(code, std::move(detail), std::move(reason));
}

}  // namespace kiosk
