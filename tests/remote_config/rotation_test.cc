// Root rotation (TUF 5.3): each new root signed by a threshold of the
// previous root's root keys and of its own, versions one by one.

#include <catch2/catch.hpp>

#include "kiosk/core/remote_config/reasons.h"
#include "tests/remote_config/bundle_fixture.h"

namespace kiosk::remote_config {
namespace {

using testing::Fixture;
using testing::kDay;
using testing::kNow;
using testing::Must;
using testing::NewKey;
using testing::Publics;
using testing::ReasonOf;

KeyScheme AnyScheme() { return GENERATE(KeyScheme::kEd25519, KeyScheme::kSm2Sm3); }

// Root `version` with new root and targets keys.
struct NextRoot {
  NextRoot(KeyScheme scheme, std::int64_t version) {
    root_keys = {NewKey(scheme)};
    targets_keys = {NewKey(scheme)};
    spec.version = version;
    spec.expires = kNow + 365 * kDay;
    spec.root_keys = Publics(root_keys);
    spec.targets_keys = Publics(targets_keys);
  }
  std::string SignedBy(const std::vector<PrivateKey>& keys) const {
    return Must(SignMetadata(RootSigned(spec), keys));
  }
  std::vector<PrivateKey> root_keys;
  std::vector<PrivateKey> targets_keys;
  RootSpec spec;
};

std::vector<PrivateKey> Both(const std::vector<PrivateKey>& a, const std::vector<PrivateKey>& b) {
  std::vector<PrivateKey> keys = a;
  keys.insert(keys.end(), b.begin(), b.end());
  return keys;
}

TEST_CASE("a chain of rotated roots is followed, and the new targets key trusted",
          "[remote_config][rotation]") {
  Fixture fixture(AnyScheme());
  NextRoot v2(fixture.scheme, 2);
  NextRoot v3(fixture.scheme, 3);
  const std::vector<std::string> chain = {v2.SignedBy(Both(fixture.root_keys, v2.root_keys)),
                                          v3.SignedBy(Both(v2.root_keys, v3.root_keys))};
  auto root = UpdateRootChain(fixture.root, chain, kNow);
  REQUIRE(root);
  CHECK(root->version == 3);

  fixture.root = *root;
  auto spec = fixture.Spec(2);
  CHECK(fixture.Verify(fixture.Sign(spec, v3.targets_keys)));
  // The old targets key is no longer trusted.
  CHECK(ReasonOf(fixture.Verify(fixture.Sign(spec))) == reason::kUnknownKey);
}

TEST_CASE("a skipped root version is refused", "[remote_config][rotation]") {
  Fixture fixture(AnyScheme());
  NextRoot v3(fixture.scheme, 3);
  auto root = UpdateRoot(fixture.root, v3.SignedBy(Both(fixture.root_keys, v3.root_keys)));
  CHECK(ReasonOf(root) == reason::kRootVersion);
  NextRoot v1(fixture.scheme, 1);
  CHECK(ReasonOf(UpdateRoot(fixture.root, v1.SignedBy(Both(fixture.root_keys, v1.root_keys)))) ==
        reason::kRootVersion);
}

TEST_CASE("a new root not signed by the old root's threshold is refused",
          "[remote_config][rotation]") {
  Fixture fixture(AnyScheme());
  NextRoot v2(fixture.scheme, 2);
  SECTION("only its own keys") {
    CHECK(ReasonOf(UpdateRoot(fixture.root, v2.SignedBy(v2.root_keys))) == reason::kUnknownKey);
  }
  SECTION("the old root's targets key is not a root key") {
    CHECK(
        ReasonOf(UpdateRoot(fixture.root, v2.SignedBy(Both(fixture.targets_keys, v2.root_keys)))) ==
        reason::kUnknownKey);
  }
  SECTION("old keys but not its own") {
    CHECK(ReasonOf(UpdateRoot(fixture.root, v2.SignedBy(fixture.root_keys))) ==
          reason::kUnknownKey);
  }
  SECTION("changed after signing") {
    auto text = v2.SignedBy(Both(fixture.root_keys, v2.root_keys));
    text.replace(text.find("\"version\": 2"), 12, "\"version\": 2 ");
    CHECK(UpdateRoot(fixture.root, text));  // Spacing is not content.
    const auto at = text.find("\"expires\": \"20");
    text[at + 14] = '3';
    CHECK(ReasonOf(UpdateRoot(fixture.root, text)) == reason::kBadSignature);
  }
}

TEST_CASE("a root threshold of two needs two of the old root's keys", "[remote_config][rotation]") {
  const KeyScheme scheme = AnyScheme();
  Fixture fixture(scheme, 1, /*root_key_count=*/3);
  fixture.root_spec.root_threshold = 2;
  fixture.root_json = Must(SignMetadata(RootSigned(fixture.root_spec), fixture.root_keys));
  fixture.root = Must(LoadTrustedRoot(fixture.root_json));
  NextRoot v2(scheme, 2);
  CHECK(
      ReasonOf(UpdateRoot(fixture.root, v2.SignedBy(Both({fixture.root_keys[0]}, v2.root_keys)))) ==
      reason::kThresholdNotMet);
  CHECK(UpdateRoot(fixture.root,
                   v2.SignedBy(Both({fixture.root_keys[0], fixture.root_keys[2]}, v2.root_keys))));
}

TEST_CASE("the trusted root must be signed by its own threshold", "[remote_config][rotation]") {
  Fixture fixture(AnyScheme());
  const std::string unsigned_root = Must(SignMetadata(RootSigned(fixture.root_spec), {}));
  CHECK(ReasonOf(LoadTrustedRoot(unsigned_root)) == reason::kThresholdNotMet);
  CHECK(ReasonOf(LoadTrustedRoot("{\"signed\":")) == reason::kMalformed);
}

TEST_CASE("a chain ending in an expired root is refused (freeze)", "[remote_config][rotation]") {
  Fixture fixture(AnyScheme());
  NextRoot v2(fixture.scheme, 2);
  v2.spec.expires = kNow - kDay;
  auto root =
      UpdateRootChain(fixture.root, {v2.SignedBy(Both(fixture.root_keys, v2.root_keys))}, kNow);
  CHECK(ReasonOf(root) == reason::kExpired);
  // An expired anchor with nothing newer is refused too.
  CHECK(ReasonOf(UpdateRootChain(fixture.root, {}, fixture.root.expires)) == reason::kExpired);
}

TEST_CASE("a root whose key id is not its key's hash is malformed", "[remote_config][rotation]") {
  Fixture fixture(AnyScheme());
  auto document = nlohmann::json::parse(fixture.root_json);
  auto& keys = document["signed"]["keys"];
  const std::string first = keys.begin().key();
  auto entry = keys[first];
  keys.erase(first);
  keys[std::string(64, 'a')] = entry;
  CHECK(ReasonOf(ParseRoot(document.dump())) == reason::kMalformed);
}

}  // namespace
}  // namespace kiosk::remote_config
