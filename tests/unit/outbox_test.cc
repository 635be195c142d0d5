#include <catch2/catch.hpp>

#include "offline_cache/outbox.h"
#include "tests/unit/temp_path.h"

using namespace kiosk;
using namespace kiosk::cache;

namespace {
NewSubmission Rating(const std::string& key, const std::string& region = "440300") {
  return {key, region, "service_rating", "ssi.insurance_record_query", R"({"level":5})"};
}
}  // namespace

TEST_CASE("outbox rows survive closing and reopening the store") {
  testing::TempPath path("outbox");
  {
    auto outbox = Outbox::Open(path.str());
    REQUIRE(outbox);
    REQUIRE((*outbox)->Enqueue(Rating("k1"), 1000));
    REQUIRE((*outbox)->Enqueue(Rating("k2"), 1001));
  }
  auto reopened = Outbox::Open(path.str());
  REQUIRE(reopened);
  auto rows = (*reopened)->List(OutboxState::kPending);
  REQUIRE(rows);
  REQUIRE(rows->size() == 2);
  CHECK((*rows)[0].idempotency_key == "k1");
  CHECK((*rows)[1].body_json == R"({"level":5})");
}

TEST_CASE("an idempotency key is stored once") {
  testing::TempPath path("outbox");
  auto outbox = Outbox::Open(path.str());
  REQUIRE(outbox);
  REQUIRE((*outbox)->Enqueue(Rating("same"), 1));
  auto again = (*outbox)->Enqueue(Rating("same"), 2);
  REQUIRE_FALSE(again);
  CHECK(again.error().code == ErrorCode::kIo);
  CHECK((*outbox)->Counts()->pending == 1);
}

TEST_CASE("claiming, retrying, delivering and dead letters") {
  testing::TempPath path("outbox");
  auto opened = Outbox::Open(path.str());
  REQUIRE(opened);
  Outbox& outbox = **opened;
  auto first = outbox.Enqueue(Rating("a"), 100);
  auto second = outbox.Enqueue(Rating("b"), 100);
  auto other = outbox.Enqueue(Rating("c", "442000"), 100);
  REQUIRE((first && second && other));

  auto claimed = outbox.ClaimNextDue("440300", 100);
  REQUIRE(claimed);
  REQUIRE(claimed->has_value());
  CHECK((*claimed)->idempotency_key == "a");
  CHECK((*claimed)->attempts == 1);
  CHECK(outbox.Counts()->in_flight == 1);

  REQUIRE(outbox.MarkRetry(*first, "HTTP 503", 5000));
  auto next = outbox.ClaimNextDue("440300", 200);
  REQUIRE(next);
  REQUIRE(next->has_value());
  CHECK((*next)->idempotency_key == "b");  // "a" is not due until 5000.
  REQUIRE(outbox.MarkDead(*second, "HTTP 422 idempotency_key_reused"));
  auto none = outbox.ClaimNextDue("440300", 200);
  REQUIRE(none);
  CHECK_FALSE(none->has_value());

  auto later = outbox.ClaimNextDue("440300", 5000);
  REQUIRE(later);
  REQUIRE(later->has_value());
  CHECK((*later)->attempts == 2);
  REQUIRE(outbox.MarkDelivered(*first, "440300-20261123-000001"));

  auto counts = outbox.Counts();
  CHECK(counts->delivered == 1);
  CHECK(counts->dead == 1);
  CHECK(counts->pending == 1);
  auto dead = outbox.List(OutboxState::kDead);
  CHECK((*dead)[0].last_error == "HTTP 422 idempotency_key_reused");
  CHECK(*outbox.RegionsWithPending() == std::vector<std::string>{"442000"});
}

TEST_CASE("a row left in flight by a crash is pending again after reopening") {
  testing::TempPath path("outbox");
  {
    auto outbox = Outbox::Open(path.str());
    REQUIRE((*outbox)->Enqueue(Rating("k"), 1));
    REQUIRE((*outbox)->ClaimNextDue("", 1)->has_value());
  }
  auto outbox = Outbox::Open(path.str());
  CHECK((*outbox)->Counts()->pending == 1);
  CHECK((*outbox)->Counts()->in_flight == 0);
}

TEST_CASE("an unopenable store is an error value") {
  auto outbox = Outbox::Open("/nonexistent-dir/for/sure/outbox.sqlite");
  REQUIRE_FALSE(outbox);
  CHECK(outbox.error().code == ErrorCode::kIo);
}
