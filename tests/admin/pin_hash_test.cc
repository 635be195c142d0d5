// PIN hashes: PBKDF2-HMAC-SHA256 with a random salt per hash.

#include "kiosk/core/admin/pin_hash.h"

#include <catch2/catch.hpp>

namespace kiosk::testing {
namespace {

using admin::HashPin;
using admin::PinMatches;

TEST_CASE("A PIN hash verifies its PIN and no other", "[admin][pin]") {
  auto hash = HashPin("246810", 1000);
  REQUIRE(hash);
  CHECK(hash->iterations == 1000);
  CHECK(hash->salt_hex.size() == 32);
  CHECK(hash->hash_hex.size() == 64);
  CHECK(hash->hash_hex.find("246810") == std::string::npos);
  CHECK(PinMatches(*hash, "246810"));
  CHECK_FALSE(PinMatches(*hash, "246811"));
  CHECK_FALSE(PinMatches(*hash, "2468100"));
  CHECK_FALSE(PinMatches(*hash, ""));

  // The iterations are part of the hash: the same salt with another count
  // gives another key.
  admin::PinHash other_count = *hash;
  other_count.iterations = 1001;
  CHECK_FALSE(PinMatches(other_count, "246810"));
}

TEST_CASE("Each hash of the same PIN has its own salt", "[admin][pin]") {
  auto first = HashPin("135790", 1000);
  auto second = HashPin("135790", 1000);
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first->salt_hex != second->salt_hex);
  CHECK(first->hash_hex != second->hash_hex);
  CHECK(PinMatches(*first, "135790"));
  CHECK(PinMatches(*second, "135790"));
}

TEST_CASE("PIN format and hashing refusals", "[admin][pin]") {
  CHECK(admin::ValidPinFormat("123456"));
  CHECK(admin::ValidPinFormat("123456789012"));
  CHECK_FALSE(admin::ValidPinFormat("12345"));
  CHECK_FALSE(admin::ValidPinFormat("1234567890123"));
  CHECK_FALSE(admin::ValidPinFormat("12345a"));
  CHECK_FALSE(admin::ValidPinFormat("123 456"));
  CHECK_FALSE(admin::ValidPinFormat(""));
  CHECK_FALSE(admin::ValidPinFormat("１２３４５６"));  // Full-width digits.

  CHECK(HashPin("12345", 1000).error().code == ErrorCode::kInvalidArgument);
  CHECK(HashPin("123456", 999).error().code == ErrorCode::kInvalidArgument);
}

TEST_CASE("A malformed stored hash matches nothing", "[admin][pin]") {
  auto hash = HashPin("246810", 1000);
  REQUIRE(hash);
  admin::PinHash broken = *hash;
  broken.salt_hex.pop_back();
  CHECK_FALSE(PinMatches(broken, "246810"));
  broken = *hash;
  broken.hash_hex[0] = 'g';
  CHECK_FALSE(PinMatches(broken, "246810"));
  broken = *hash;
  broken.iterations = 0;
  CHECK_FALSE(PinMatches(broken, "246810"));
  CHECK_FALSE(PinMatches(admin::PinHash{}, "246810"));
}

}  // namespace
}  // namespace kiosk::testing
