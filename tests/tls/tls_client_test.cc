// HttpCentralClient against real TLS servers (nginx, openssl s_server) and
// a throwaway PKI: a successful mutual-TLS submission over one reused
// connection, and each TLS fault reported with its own reason, retryable,
// and with nothing delivered to a server the kiosk must not trust.

#include <catch2/catch.hpp>

#include "kiosk/core/central/http_central_client.h"
#include "tests/tls/test_pki.h"
#include "tests/tls/tls_servers.h"

namespace kiosk {
namespace {

using testing::NginxServer;
using testing::NginxSite;
using testing::TestPki;

constexpr const char* kRegion = "440300";
constexpr const char* kBody = R"({"item":"social-security-certificate"})";

// One PKI for the whole file: generating it takes a few openssl runs.
const TestPki& Pki() {
  static const TestPki pki;
  return pki;
}

HttpClientOptions ClientFor(int port, const std::string& host = "127.0.0.1") {
  HttpClientOptions options;
  options.region_endpoints[kRegion] = "https://" + host + ":" + std::to_string(port);
  options.kiosk_id = "ZS-24H-HALL1-T03";
  options.connect_timeout = std::chrono::milliseconds(2000);
  options.request_timeout = std::chrono::milliseconds(5000);
  options.tls.ca_file = Pki().ca;
  options.tls.client_certificate = Pki().client.cert;
  options.tls.client_key = Pki().client.key;
  return options;
}

NginxSite SiteWith(const testing::CertAndKey& certificate, const std::string& dir) {
  return NginxSite{dir, testing::FreePort(), certificate, Pki().ca};
}

// The failure must be a retryable network error with `reason` whose detail
// names the URL (the reason and curl's message follow it).
void RequireTlsFailure(const Result<SubmitResponse>& result, const std::string& reason, int port) {
  REQUIRE_FALSE(result.has_value());
  INFO(result.error().Describe());
  CHECK(result.error().reason == reason);
  CHECK(result.error().code == ErrorCode::kNetwork);
  CHECK(result.error().detail.find("https://127.0.0.1:" + std::to_string(port)) !=
        std::string::npos);
  CHECK(result.error().detail.find("(" + reason + ")") != std::string::npos);
}

bool LogHasPost(const NginxSite& site) {
  return testing::NginxAccessLog(site).find("POST") != std::string::npos;
}

}  // namespace

TEST_CASE("mutual TLS submission succeeds and reuses its connection", "[tls]") {
  testing::TempDir dir("kiosk-tls");
  const NginxSite site = SiteWith(Pki().server, dir.File("nginx"));
  NginxServer server(site);
  HttpCentralClient client(ClientFor(site.port));

  auto first = client.Submit(kRegion, "key-1", kBody);
  REQUIRE(first.has_value());
  CHECK(first->http_status == 201);
  auto second = client.Submit(kRegion, "key-2", kBody);
  REQUIRE(second.has_value());
  // nginx numbers its connections: one number for both answers, one
  // connection opened by the client.
  CHECK(first->tracking_number == second->tracking_number);
  CHECK(client.ConnectionsOpened() == 1);
}

TEST_CASE("a pinned public key that matches lets the submission through", "[tls]") {
  testing::TempDir dir("kiosk-tls");
  const NginxSite site = SiteWith(Pki().server, dir.File("nginx"));
  NginxServer server(site);
  HttpClientOptions options = ClientFor(site.port);
  options.tls.pinned_public_key = Pki().ServerPin();
  HttpCentralClient client(options);
  REQUIRE(client.Submit(kRegion, "key-1", kBody).has_value());
}

TEST_CASE("a server certificate from an unknown CA is refused before any request", "[tls]") {
  testing::TempDir dir("kiosk-tls");
  const NginxSite site = SiteWith(Pki().foreign, dir.File("nginx"));
  NginxServer server(site);
  HttpCentralClient client(ClientFor(site.port));
  RequireTlsFailure(client.Submit(kRegion, "key-1", kBody), "tls_unknown_ca", site.port);
  CHECK_FALSE(LogHasPost(site));
}

TEST_CASE("an expired server certificate is reported as expired", "[tls]") {
  testing::TempDir dir("kiosk-tls");
  const NginxSite site = SiteWith(Pki().expired, dir.File("nginx"));
  NginxServer server(site);
  HttpCentralClient client(ClientFor(site.port));
  RequireTlsFailure(client.Submit(kRegion, "key-1", kBody), "tls_certificate_expired", site.port);
  CHECK_FALSE(LogHasPost(site));
}

TEST_CASE("a server certificate for another host name is refused", "[tls]") {
  testing::TempDir dir("kiosk-tls");
  const NginxSite site = SiteWith(Pki().wrong_host, dir.File("nginx"));
  NginxServer server(site);
  HttpCentralClient client(ClientFor(site.port));
  RequireTlsFailure(client.Submit(kRegion, "key-1", kBody), "tls_host_mismatch", site.port);
  CHECK_FALSE(LogHasPost(site));
}

TEST_CASE("a public key pin that does not match is refused", "[tls]") {
  testing::TempDir dir("kiosk-tls");
  const NginxSite site = SiteWith(Pki().server, dir.File("nginx"));
  NginxServer server(site);
  HttpClientOptions options = ClientFor(site.port);
  options.tls.pinned_public_key = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  HttpCentralClient client(options);
  RequireTlsFailure(client.Submit(kRegion, "key-1", kBody), "tls_pin_mismatch", site.port);
  CHECK_FALSE(LogHasPost(site));
}

TEST_CASE("a server that refuses our missing client certificate", "[tls]") {
  testing::TempDir dir("kiosk-tls");
  const int port = testing::FreePort();
  testing::OpensslServer server(dir.Path().string(), port, Pki().server, Pki().ca);
  HttpClientOptions options = ClientFor(port);
  options.tls.client_certificate.clear();
  options.tls.client_key.clear();
  HttpCentralClient client(options);
  RequireTlsFailure(client.Submit(kRegion, "key-1", kBody), "tls_client_certificate_refused", port);
}

TEST_CASE("nginx answering 400 for a missing client certificate is a TLS refusal", "[tls]") {
  testing::TempDir dir("kiosk-tls");
  const NginxSite site = SiteWith(Pki().server, dir.File("nginx"));
  NginxServer server(site);
  HttpClientOptions options = ClientFor(site.port);
  options.tls.client_certificate.clear();
  options.tls.client_key.clear();
  HttpCentralClient client(options);
  auto result = client.Submit(kRegion, "key-1", kBody);
  REQUIRE_FALSE(result.has_value());
  INFO(result.error().Describe());
  // Retried later (not a dead letter), under the TLS reason.
  CHECK(result.error().code == ErrorCode::kNetwork);
  CHECK(result.error().reason == "tls_client_certificate_refused");
  CHECK(testing::NginxLogged(site, "\" 400 "));
}

TEST_CASE("a server that refuses a client certificate from another CA", "[tls]") {
  testing::TempDir dir("kiosk-tls");
  const int port = testing::FreePort();
  // The server trusts only the unrelated CA for its clients.
  testing::OpensslServer server(dir.Path().string(), port, Pki().server, Pki().other_ca);
  HttpCentralClient client(ClientFor(port));
  RequireTlsFailure(client.Submit(kRegion, "key-1", kBody), "tls_client_certificate_refused", port);
}

TEST_CASE("a client key file that cannot be read is our own fault", "[tls]") {
  testing::TempDir dir("kiosk-tls");
  const NginxSite site = SiteWith(Pki().server, dir.File("nginx"));
  NginxServer server(site);
  HttpClientOptions options = ClientFor(site.port);
  options.tls.client_key = dir.File("missing.key");
  HttpCentralClient client(options);
  RequireTlsFailure(client.Submit(kRegion, "key-1", kBody), "tls_client_certificate_unusable",
                    site.port);
  CHECK_FALSE(LogHasPost(site));
}

TEST_CASE("nobody listening is connection_refused", "[tls]") {
  const int port = testing::FreePort();
  HttpCentralClient client(ClientFor(port));
  RequireTlsFailure(client.Submit(kRegion, "key-1", kBody), "connection_refused", port);
}

TEST_CASE("a server that never answers is a timeout", "[tls]") {
  testing::SilentListener listener;
  HttpClientOptions options = ClientFor(listener.Port());
  options.request_timeout = std::chrono::milliseconds(500);
  HttpCentralClient client(options);
  auto result = client.Submit(kRegion, "key-1", kBody);
  REQUIRE_FALSE(result.has_value());
  INFO(result.error().Describe());
  CHECK(result.error().code == ErrorCode::kTimeout);
  CHECK(result.error().reason == "timeout");
}

TEST_CASE("a connection reset during the handshake is connection_reset", "[tls]") {
  testing::ResettingListener listener;
  HttpCentralClient client(ClientFor(listener.Port()));
  RequireTlsFailure(client.Submit(kRegion, "key-1", kBody), "connection_reset", listener.Port());
}

TEST_CASE("an https endpoint without a CA file is refused without connecting", "[tls]") {
  HttpClientOptions options = ClientFor(testing::FreePort());
  options.tls = TlsOptions{};
  HttpCentralClient client(options);
  auto result = client.Submit(kRegion, "key-1", kBody);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().reason == "tls_not_configured");
  CHECK(result.error().code != ErrorCode::kServerRejected);
}

}  // namespace kiosk
