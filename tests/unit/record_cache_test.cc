#include "offline_cache/record_cache.h"

#include <catch2/catch.hpp>

#include "tests/unit/store_test_support.h"
#include "tests/unit/temp_path.h"

using namespace kiosk;
using namespace kiosk::cache;

namespace {

constexpr std::int64_t kDay = 24LL * 3600 * 1000;
constexpr const char* kCitizen = "440304198805126717";
constexpr const char* kRecord = R"({"citizen":{"name":"张伟","ssn":"440304198805126717"}})";

std::unique_ptr<RecordCache> OpenCache(const testing::TempPath& path, std::uint8_t seed = 1,
                                       int days = 30) {
  auto cache = RecordCache::Open(path.str(), testing::TestKey(seed), std::chrono::hours(24 * days));
  if (!cache) FAIL(cache.error().Describe());
  return std::move(*cache);
}

}  // namespace

TEST_CASE("a kept record comes back with the time it was fetched") {
  testing::TempPath path("records");
  {
    auto cache = OpenCache(path);
    REQUIRE(cache->Put("440300", "insurance_record", kCitizen, kRecord, 10 * kDay));
  }
  auto cache = OpenCache(path);
  auto kept = cache->Get("440300", "insurance_record", kCitizen, 12 * kDay);
  REQUIRE(kept);
  REQUIRE(kept->has_value());
  CHECK((*kept)->body_json == kRecord);
  CHECK((*kept)->fetched_unix_ms == 10 * kDay);

  SECTION("per region, query and citizen") {
    CHECK_FALSE(cache->Get("442000", "insurance_record", kCitizen, 12 * kDay)->has_value());
    CHECK_FALSE(cache->Get("440300", "contribution_record", kCitizen, 12 * kDay)->has_value());
    CHECK_FALSE(
        cache->Get("440300", "insurance_record", "44030419880512671X", 12 * kDay)->has_value());
  }
  SECTION("a newer answer replaces the old one") {
    REQUIRE(cache->Put("440300", "insurance_record", kCitizen, R"({"v":2})", 11 * kDay));
    auto newer = cache->Get("440300", "insurance_record", kCitizen, 12 * kDay);
    REQUIRE(newer->has_value());
    CHECK((*newer)->body_json == R"({"v":2})");
    CHECK(*cache->Count() == 1);
  }
}

TEST_CASE("the cache file names no citizen and holds no record in the clear") {
  testing::TempPath path("records");
  {
    auto cache = OpenCache(path);
    REQUIRE(cache->Put("440300", "insurance_record", kCitizen, kRecord, kDay));
  }
  const std::string stored = testing::StoredBytes(path.str());
  CHECK_FALSE(stored.empty());
  CHECK(stored.find(kCitizen) == std::string::npos);
  CHECK(stored.find("张伟") == std::string::npos);
  CHECK(stored.find("insurance_record") == std::string::npos);
}

TEST_CASE("a record past its age is neither returned nor kept") {
  testing::TempPath path("records");
  auto cache = OpenCache(path, 1, /*days=*/30);
  REQUIRE(cache->Put("440300", "insurance_record", kCitizen, kRecord, kDay));
  REQUIRE(cache->Put("440300", "insurance_record", "440304196001011234", kRecord, 20 * kDay));
  CHECK(cache->Get("440300", "insurance_record", kCitizen, 31 * kDay)->has_value());
  CHECK_FALSE(cache->Get("440300", "insurance_record", kCitizen, 31 * kDay + 1)->has_value());
  auto purged = cache->Purge(31 * kDay + 1);
  REQUIRE(purged);
  CHECK(*purged == 1);
  CHECK(*cache->Count() == 1);
}

TEST_CASE("a record sealed with another key is not shown and is deleted") {
  testing::TempPath path("records");
  {
    auto cache = OpenCache(path, /*seed=*/1);
    REQUIRE(cache->Put("440300", "insurance_record", kCitizen, kRecord, kDay));
  }
  // A new key (the old one lost): the row's name differs, so it is simply
  // not found; it ages out like any other.
  auto other = OpenCache(path, /*seed=*/7);
  CHECK_FALSE(other->Get("440300", "insurance_record", kCitizen, 2 * kDay)->has_value());
  CHECK(*other->Count() == 1);
  CHECK(*other->Purge(40 * kDay) == 1);
}
