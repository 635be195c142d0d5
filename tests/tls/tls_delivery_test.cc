// The delivery worker over the real client: a TLS fault keeps the row
// pending with the precise reason and a retry time, and once the server is
// fixed the same row goes through.

#include <catch2/catch.hpp>

#include "kiosk/core/central/http_central_client.h"
#include "kiosk/core/sync/delivery_worker.h"
#include "offline_cache/outbox.h"
#include "tests/tls/test_pki.h"
#include "tests/tls/tls_servers.h"

namespace kiosk {

TEST_CASE("a TLS failure leaves the row pending until the server is fixed", "[tls][delivery]") {
  const testing::TestPki pki;
  testing::TempDir dir("kiosk-tls-delivery");
  const int port = testing::FreePort();

  HttpClientOptions options;
  options.region_endpoints["440300"] = "https://127.0.0.1:" + std::to_string(port);
  options.kiosk_id = "ZS-24H-HALL1-T03";
  options.tls = TlsOptions{pki.ca, pki.client.cert, pki.client.key, ""};
  HttpCentralClient client(options);

  auto outbox = cache::Outbox::Open(dir.File("outbox.db"));
  REQUIRE(outbox.has_value());
  std::int64_t now = 1'000'000;
  DeliveryWorker worker(**outbox, client, DeliveryPolicy{}, [&now] { return now; });
  REQUIRE((*outbox)->Enqueue({"key-1", "440300", "service_rating", "item", "{}"}, now));

  {
    // A server whose certificate comes from a CA the kiosk does not trust.
    const testing::NginxSite site{dir.File("wrong"), port, pki.foreign, pki.ca};
    testing::NginxServer server(site);
    CHECK(worker.DeliverDue() == 1);
    CHECK(testing::NginxAccessLog(site).find("POST") == std::string::npos);
  }
  auto pending = (*outbox)->List(cache::OutboxState::kPending);
  REQUIRE(pending.has_value());
  REQUIRE(pending->size() == 1);
  const cache::OutboxEntry& row = pending->front();
  INFO(row.last_error);
  CHECK(row.attempts == 1);
  CHECK(row.last_error.find("tls_unknown_ca") != std::string::npos);
  CHECK(row.last_error.find("https://127.0.0.1:" + std::to_string(port)) != std::string::npos);
  CHECK(row.next_attempt_unix_ms >= now);
  CHECK(row.next_attempt_unix_ms <= now + DeliveryPolicy{}.first_backoff.count());

  // The region's server gets its proper certificate; past the backoff the
  // same row is delivered.
  const testing::NginxSite fixed{dir.File("fixed"), port, pki.server, pki.ca};
  testing::NginxServer server(fixed);
  now += 10 * 60 * 1000;
  CHECK(worker.DeliverDue() == 1);
  auto delivered = (*outbox)->List(cache::OutboxState::kDelivered);
  REQUIRE(delivered.has_value());
  REQUIRE(delivered->size() == 1);
  // nginx numbers connections, the start-up probe's included.
  CHECK(delivered->front().tracking_number.starts_with("T-"));
  CHECK(testing::NginxLogged(fixed, "POST /v1/regions/440300/submissions"));
}

}  // namespace kiosk
