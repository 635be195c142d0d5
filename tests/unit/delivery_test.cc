#include <catch2/catch.hpp>

#include "kiosk/core/central/switchable_central_client.h"
#include "kiosk/core/sync/delivery_worker.h"
#include "kiosk/core/sync/network_monitor.h"
#include "tests/support/fakes/fake_central_client.h"
#include "tests/unit/temp_path.h"

using namespace kiosk;

namespace {
struct DeliveryHarness {
  DeliveryHarness() : outbox(std::move(*cache::Outbox::Open(path.str()))) {}
  testing::TempPath path{"delivery"};
  std::unique_ptr<cache::Outbox> outbox;
  testing::FakeCentralClient central;
  std::int64_t now = 1000;
  DeliveryWorker worker{*outbox, central, DeliveryPolicy{}, [this] { return now; }};
  void Add(const std::string& key, const std::string& region = "440300") {
    REQUIRE(outbox->Enqueue({key, region, "service_rating", "item", "{}"}, now));
  }
};
}  // namespace

TEST_CASE("due rows are delivered once, with their own key") {
  DeliveryHarness h;
  h.Add("k1");
  h.Add("k2", "442000");
  CHECK(h.worker.DeliverDue() == 2);
  auto sent = h.central.Submissions();
  REQUIRE(sent.size() == 2);
  CHECK(sent[0].key != sent[1].key);
  CHECK(h.outbox->Counts()->delivered == 2);
  CHECK(h.worker.DeliverDue() == 0);
}

TEST_CASE("temporary failures back off; permanent ones become dead letters") {
  DeliveryHarness h;
  h.Add("k1");
  h.central.FailNextSubmit(Error(ErrorCode::kServerUnavailable, "HTTP 503"));
  CHECK(h.worker.DeliverDue() == 1);
  auto pending = h.outbox->List(cache::OutboxState::kPending);
  REQUIRE(pending->size() == 1);
  CHECK((*pending)[0].last_error.find("503") != std::string::npos);
  CHECK((*pending)[0].next_attempt_unix_ms >= h.now);

  h.now += 10 * 60 * 1000;  // Past any backoff.
  h.central.FailNextSubmit(Error(ErrorCode::kServerRejected, "HTTP 422", "idempotency_key_reused"));
  CHECK(h.worker.DeliverDue() == 1);
  CHECK(h.outbox->Counts()->dead == 1);
  CHECK(h.central.Submissions().empty());
}

TEST_CASE("one failing region does not hold back another") {
  DeliveryHarness h;
  h.Add("sz", "440300");
  h.Add("zs", "442000");
  h.central.FailNextSubmit(Error(ErrorCode::kNetwork, "connection refused"));
  h.worker.DeliverDue();
  auto sent = h.central.Submissions();
  REQUIRE(sent.size() == 1);
  CHECK(sent[0].region == "442000");
}

TEST_CASE("backoff is full jitter under a doubling cap") {
  DeliveryHarness h;
  for (int attempt = 1; attempt <= 12; ++attempt) {
    auto cap = std::min<std::int64_t>(1000LL << (attempt - 1), 300000);
    for (int sample = 0; sample < 50; ++sample) {
      auto wait = h.worker.BackoffFor(attempt).count();
      CHECK(wait >= 0);
      CHECK(wait <= cap);
    }
  }
}

TEST_CASE("after a switch of endpoints the next delivery goes to the new service") {
  testing::TempPath path{"delivery"};
  auto outbox = std::move(*cache::Outbox::Open(path.str()));
  auto old_service = std::make_shared<testing::FakeCentralClient>();
  auto new_service = std::make_shared<testing::FakeCentralClient>();
  SwitchableCentralClient central(old_service);
  DeliveryWorker worker{*outbox, central, DeliveryPolicy{}, [] { return std::int64_t{1000}; }};
  REQUIRE(outbox->Enqueue({"k1", "442000", "service_rating", "item", "{}"}, 1000));
  CHECK(worker.DeliverDue() == 1);
  central.SwitchTo(new_service);
  REQUIRE(outbox->Enqueue({"k2", "442000", "service_rating", "item", "{}"}, 1000));
  CHECK(worker.DeliverDue() == 1);
  REQUIRE(old_service->Submissions().size() == 1);
  CHECK(old_service->Submissions()[0].key == "k1");
  REQUIRE(new_service->Submissions().size() == 1);
  CHECK(new_service->Submissions()[0].key == "k2");
}

TEST_CASE("the network state: unknown, then what the last exchange of the home region says") {
  testing::FakeCentralClient fake;
  std::int64_t now = 1000;
  NetworkMonitor monitor(fake, "442000", [&now] { return now; });
  int changes = 0;
  monitor.SetChangeHandler([&changes](NetworkState) { ++changes; });
  CHECK(monitor.State() == NetworkState::kUnknown);
  fake.FailNextSubmit(Error(ErrorCode::kTimeout, "transfer timed out"));
  CHECK_FALSE(monitor.Submit("442000", "k1", "{}"));
  CHECK(monitor.State() == NetworkState::kOffline);
  // Another region's trouble does not make the home region's network down.
  CHECK(monitor.Submit("440300", "k2", "{}"));
  fake.FailNextSubmit(Error(ErrorCode::kNetwork, "connection refused"));
  CHECK_FALSE(monitor.Submit("440300", "k3", "{}"));
  CHECK(monitor.State() == NetworkState::kOffline);
  CHECK(changes == 1);
  // Quiet regions are checked; a recent exchange spares the check.
  now += 60'000;
  monitor.CheckStale({"442000", "440300"}, std::chrono::milliseconds(30'000));
  CHECK(monitor.State() == NetworkState::kOnline);
  CHECK(changes == 2);
  fake.FailNextHealthCheck(Error(ErrorCode::kNetwork, "connection refused"));
  monitor.CheckStale({"442000"}, std::chrono::milliseconds(30'000));  // Not stale: not asked.
  CHECK(monitor.State() == NetworkState::kOnline);
  CHECK(monitor.Contacts().at("440300").reachable);
}
