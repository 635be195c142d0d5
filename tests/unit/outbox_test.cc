#include "offline_cache/outbox.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "offline_cache/sealed_box.h"
#include "tests/unit/store_test_support.h"
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

namespace {

OutboxOptions Sealed(std::uint8_t seed = 1) {
  OutboxOptions options;
  options.key = testing::TestKey(seed);
  return options;
}

NewSubmission Application(const std::string& key) {
  return {key, "440300", "flexible_employment_registration", "ssi.flexible_employment_registration",
          R"({"payload":{"identity":{"name":"张伟","id_number":"440304198807151234"}}})"};
}

}  // namespace

TEST_CASE("citizens' data is sealed at rest and opens only with its key") {
  testing::TempPath path("outbox");
  {
    auto outbox = Outbox::Open(path.str(), Sealed());
    REQUIRE(outbox);
    REQUIRE((*outbox)->Enqueue(Application("k1"), 1000));
    auto rows = (*outbox)->List(OutboxState::kPending);
    REQUIRE(rows);
    CHECK((*rows)[0].body_json.find("440304198807151234") != std::string::npos);
  }
  const std::string stored = testing::StoredBytes(path.str());
  CHECK_FALSE(stored.empty());
  CHECK(stored.find("440304198807151234") == std::string::npos);
  CHECK(stored.find("张伟") == std::string::npos);

  auto wrong = Outbox::Open(path.str(), Sealed(/*seed=*/9));
  REQUIRE(wrong);
  auto refused = (*wrong)->List(std::nullopt);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::kInvalidData);
  CHECK(refused.error().detail.find("row 1 does not open") != std::string::npos);
  wrong->reset();

  auto without = Outbox::Open(path.str());
  REQUIRE(without);
  auto no_key = (*without)->List(std::nullopt);
  REQUIRE_FALSE(no_key);
  CHECK(no_key.error().detail.find("without its key") != std::string::npos);
}

TEST_CASE("bodies stored in plain text by an older store are sealed when a key arrives") {
  testing::TempPath path("outbox");
  {
    auto plain = Outbox::Open(path.str());
    REQUIRE(plain);
    REQUIRE((*plain)->Enqueue(Application("old"), 1000));
  }
  {
    auto sealed = Outbox::Open(path.str(), Sealed());
    REQUIRE(sealed);
    auto rows = (*sealed)->List(std::nullopt);
    REQUIRE(rows);
    REQUIRE(rows->size() == 1);
    CHECK((*rows)[0].body_json.find("440304198807151234") != std::string::npos);
  }
  auto reopened = Outbox::Open(path.str(), Sealed());
  REQUIRE(reopened);
  // A checkpoint moves the WAL into the database; the old plain page is
  // overwritten (secure_delete), so the number is nowhere in the files.
  reopened->reset();
  CHECK(testing::StoredBytes(path.str()).find("440304198807151234") == std::string::npos);
}

TEST_CASE("a full outbox refuses new rows and drops nothing") {
  testing::TempPath path("outbox");
  OutboxOptions options = Sealed();
  options.max_rows = 2;
  auto opened = Outbox::Open(path.str(), options);
  REQUIRE(opened);
  Outbox& outbox = **opened;
  REQUIRE(outbox.Enqueue(Application("a"), 1));
  CHECK_FALSE(outbox.Capacity()->Full());
  CHECK(outbox.Capacity()->NearFull() == false);
  REQUIRE(outbox.Enqueue(Application("b"), 2));
  CHECK(outbox.Capacity()->Full());
  auto refused = outbox.Enqueue(Application("c"), 3);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::kCapacity);
  CHECK(refused.error().reason == "outbox_full");
  CHECK(outbox.Counts()->pending == 2);
  // A delivered row no longer counts: room again.
  auto claimed = outbox.ClaimNextDue("", 10);
  REQUIRE((claimed && claimed->has_value()));
  REQUIRE(outbox.MarkDelivered((*claimed)->id, "T-1", 10));
  REQUIRE(outbox.Enqueue(Application("c"), 11));

  OutboxOptions by_bytes = Sealed();
  by_bytes.max_bytes = 100;  // Less than one sealed application.
  testing::TempPath small("outbox");
  auto tiny = Outbox::Open(small.str(), by_bytes);
  REQUIRE(tiny);
  auto too_big = (*tiny)->Enqueue(Application("x"), 1);
  REQUIRE_FALSE(too_big);
  CHECK(too_big.error().detail.find("bytes (bound 100)") != std::string::npos);
}

TEST_CASE("new bounds from headquarters apply to the next submission; nothing stored is dropped") {
  testing::TempPath path("outbox");
  auto opened = Outbox::Open(path.str(), Sealed());
  REQUIRE(opened);
  Outbox& outbox = **opened;
  REQUIRE(outbox.Enqueue(Application("a"), 1));
  REQUIRE(outbox.Enqueue(Application("b"), 2));
  outbox.SetLimits(1, std::int64_t{1} << 20, std::chrono::hours(1));
  CHECK(outbox.Capacity()->max_rows == 1);
  CHECK(outbox.Capacity()->Full());
  auto refused = outbox.Enqueue(Application("c"), 3);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().reason == "outbox_full");
  CHECK(outbox.Counts()->pending == 2);
  outbox.SetLimits(3, std::int64_t{1} << 20, std::chrono::hours(1));
  REQUIRE(outbox.Enqueue(Application("c"), 4));
}

TEST_CASE("delivered rows are deleted once past the retention") {
  testing::TempPath path("outbox");
  OutboxOptions options = Sealed();
  options.retention = std::chrono::hours(24);
  auto opened = Outbox::Open(path.str(), options);
  REQUIRE(opened);
  Outbox& outbox = **opened;
  const std::int64_t day = 24 * 3600 * 1000;
  auto delivered = outbox.Enqueue(Application("delivered"), 0);
  REQUIRE(outbox.Enqueue(Application("waiting"), 0));
  REQUIRE(delivered);
  REQUIRE(outbox.MarkDelivered(*delivered, "T-9", 1000));
  CHECK(*outbox.PurgeDelivered(1000 + day - 1) == 0);
  CHECK(*outbox.PurgeDelivered(1000 + day) == 1);
  auto counts = outbox.Counts();
  CHECK(counts->delivered == 0);
  CHECK(counts->pending == 1);  // Never a row that still waits.
}

TEST_CASE("the sealing key file") {
  testing::TempPath path("outbox-key");
  const std::string key_path = path.str();
  auto missing = SealingKey::FromFile(key_path, /*create_if_missing=*/false);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::kNotFound);
  auto made = SealingKey::FromFile(key_path, /*create_if_missing=*/true);
  REQUIRE(made);
  const auto owner_only = std::filesystem::perms::owner_read | std::filesystem::perms::owner_write;
  CHECK((std::filesystem::status(key_path).permissions() & std::filesystem::perms::all) ==
        owner_only);
  auto again = SealingKey::FromFile(key_path, false);
  REQUIRE(again);
  CHECK(again->bytes() == made->bytes());

  std::filesystem::permissions(key_path, std::filesystem::perms::group_read,
                               std::filesystem::perm_options::add);
  auto exposed = SealingKey::FromFile(key_path, false);
  REQUIRE_FALSE(exposed);
  CHECK(exposed.error().reason == "key_unprotected");
  CHECK(exposed.error().detail.find("mode 640") != std::string::npos);

  std::filesystem::permissions(
      key_path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  std::ofstream(key_path, std::ios::trunc) << "short";
  auto short_key = SealingKey::FromFile(key_path, false);
  REQUIRE_FALSE(short_key);
  CHECK(short_key.error().detail.find("exactly 32 bytes") != std::string::npos);
  std::filesystem::remove(key_path);
}

TEST_CASE("a sealed body is bound to its row") {
  const SealingKey key = testing::TestKey(3);
  auto sealed = Seal(key, "secret", "row-a");
  REQUIRE(sealed);
  CHECK(IsSealed(*sealed));
  CHECK(*Unseal(key, *sealed, "row-a") == "secret");
  CHECK_FALSE(Unseal(key, *sealed, "row-b"));
  std::string changed = *sealed;
  changed[changed.size() / 2] ^= 1;
  auto tampered = Unseal(key, changed, "row-a");
  REQUIRE_FALSE(tampered);
  CHECK(tampered.error().reason == "unseal_failed");
  CHECK_FALSE(Unseal(key, sealed->substr(0, 10), "row-a"));
}

TEST_CASE("only a dead letter can be discarded, and then it is gone") {
  testing::TempPath path("outbox");
  auto outbox = Outbox::Open(path.str());
  REQUIRE(outbox);
  auto dead = (*outbox)->Enqueue(Rating("dead"), 1);
  auto pending = (*outbox)->Enqueue(Rating("pending"), 2);
  REQUIRE(dead);
  REQUIRE(pending);
  REQUIRE((*outbox)->MarkDead(*dead, "422 invalid_field: birth_date"));

  auto refused = (*outbox)->Discard(*pending);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::kSequence);
  CHECK(refused.error().Describe().find("pending") != std::string::npos);
  auto missing = (*outbox)->Discard(999);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::kNotFound);

  REQUIRE((*outbox)->Discard(*dead));
  auto counts = (*outbox)->Counts();
  REQUIRE(counts);
  CHECK(counts->dead == 0);
  CHECK(counts->pending == 1);
}
