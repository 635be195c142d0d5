// Keys, signatures, key ids, the canonical form, base64 and dates; the
// signatures checked against the openssl command line, so an SM2 signature
// is shown to carry the distinguishing ID 1234567812345678.

#include "kiosk/core/remote_config/keys.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kiosk/core/remote_config/canonical_json.h"
#include "kiosk/core/remote_config/iso_time.h"
#include "tests/remote_config/bundle_fixture.h"
#include "tests/support/run_program.h"
#include "tests/support/temp_dir.h"

namespace kiosk::remote_config {
namespace {

void WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

TEST_CASE("keys sign and verify, and come back from their PEM", "[remote_config]") {
  const KeyScheme scheme = GENERATE(KeyScheme::kEd25519, KeyScheme::kSm2Sm3);
  const auto key = testing::NewKey(scheme);
  CHECK(key.scheme() == scheme);
  CHECK(key.KeyId().size() == 64);
  const auto signature = testing::Must(key.Sign("message"));
  CHECK(key.Public().Verify("message", signature));
  CHECK_FALSE(key.Public().Verify("messagf", signature));
  CHECK_FALSE(key.Public().Verify("message", signature.substr(1)));

  const auto reloaded = testing::Must(PrivateKey::FromPem(testing::Must(key.Pem())));
  CHECK(reloaded.KeyId() == key.KeyId());
  CHECK(reloaded.scheme() == scheme);
  const auto public_key = testing::Must(PublicKey::FromPem(key.Public().Pem(), scheme));
  CHECK(public_key.KeyId() == key.KeyId());
  CHECK(public_key.Verify("message", signature));

  const KeyScheme other = scheme == KeyScheme::kEd25519 ? KeyScheme::kSm2Sm3 : KeyScheme::kEd25519;
  CHECK_FALSE(PublicKey::FromPem(key.Public().Pem(), other));
  CHECK_FALSE(PublicKey::FromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"));
  CHECK_FALSE(PrivateKey::FromPem(key.Public().Pem()));
}

TEST_CASE("a signature does not verify under the other scheme's key", "[remote_config]") {
  const auto ed = testing::NewKey(KeyScheme::kEd25519);
  const auto sm = testing::NewKey(KeyScheme::kSm2Sm3);
  CHECK_FALSE(sm.Public().Verify("m", testing::Must(ed.Sign("m"))));
  CHECK_FALSE(ed.Public().Verify("m", testing::Must(sm.Sign("m"))));
}

TEST_CASE("key id, Ed25519 and SM2 signatures agree with the openssl command line",
          "[remote_config][openssl]") {
  const KeyScheme scheme = GENERATE(KeyScheme::kEd25519, KeyScheme::kSm2Sm3);
  kiosk::testing::TempDir dir("remote-config-openssl");
  const auto key = testing::NewKey(scheme);
  WriteFile(dir.File("pub.pem"), key.Public().Pem());
  WriteFile(dir.File("key.pem"), testing::Must(key.Pem()));
  WriteFile(dir.File("message"), "canonical bytes 政务");
  WriteFile(dir.File("sig"), testing::Must(key.Sign("canonical bytes 政务")));

  // Key id: SHA-256 of the DER SubjectPublicKeyInfo.
  auto der = kiosk::testing::RunProgram(
      {"/usr/bin/openssl", "pkey", "-pubin", "-in", dir.File("pub.pem"), "-outform", "DER"});
  REQUIRE(der.status == 0);
  CHECK(Sha256Hex(der.out) == key.KeyId());

  auto verify_with = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"/usr/bin/openssl", "pkeyutl",      "-verify",
                                     "-pubin",           "-inkey",       dir.File("pub.pem"),
                                     "-rawin",           "-in",          dir.File("message"),
                                     "-sigfile",         dir.File("sig")};
    args.insert(args.end(), extra.begin(), extra.end());
    return kiosk::testing::RunProgram(args).status;
  };
  if (scheme == KeyScheme::kEd25519) {
    CHECK(verify_with({}) == 0);
  } else {
    CHECK(verify_with({"-digest", "sm3", "-pkeyopt", "distid:1234567812345678"}) == 0);
    CHECK(verify_with({"-digest", "sm3", "-pkeyopt", "distid:8765432187654321"}) != 0);
    // And the other way: openssl signs, we verify.
    auto signed_by_cli = kiosk::testing::RunProgram(
        {"/usr/bin/openssl", "pkeyutl", "-sign", "-inkey", dir.File("key.pem"), "-rawin", "-digest",
         "sm3", "-pkeyopt", "distid:1234567812345678", "-in", dir.File("message")});
    REQUIRE(signed_by_cli.status == 0);
    CHECK(key.Public().Verify("canonical bytes 政务", signed_by_cli.out));
  }
}

TEST_CASE("the canonical form is pinned to fixed bytes", "[remote_config]") {
  const auto document = nlohmann::json::parse(
      "{ \"z\": 1, \"a\": [true, null, \"政务/\\n\\u0001\\\"\"], \"B\": {\"y\": -2, \"x\": \"\"} "
      "}");
  CHECK(*CanonicalJson(document) ==
        "{\"B\":{\"x\":\"\",\"y\":-2},\"a\":[true,null,\"政务/\\n\\u0001\\\"\"],\"z\":1}");
  CHECK(CanonicalJson(nlohmann::json::parse("{\"a\": 1.5}")).error().reason == "malformed");
  CHECK(CanonicalJson(nlohmann::json("\xff\xfe")).error().reason == "malformed");
  // Member order and spacing in the input do not matter.
  CHECK(*CanonicalJson(nlohmann::json::parse("{\"b\":2,\"a\":1}")) ==
        *CanonicalJson(nlohmann::json::parse("{ \"a\" : 1 ,\n \"b\" : 2 }")));
}

TEST_CASE("base64 takes only its canonical spelling", "[remote_config]") {
  for (const std::string& bytes :
       std::vector<std::string>{"", "f", "fo", "foo", "foob", std::string("\0\xff", 2)}) {
    CHECK(*Base64Decode(Base64Encode(bytes)) == bytes);
  }
  CHECK(Base64Encode("foo") == "Zm9v");
  CHECK_FALSE(Base64Decode("Zm9"));
  CHECK_FALSE(Base64Decode("Zm9v\n"));
  CHECK_FALSE(Base64Decode("Zg=a"));
  CHECK_FALSE(Base64Decode("Zh=="));  // Non-zero padding bits.
}

TEST_CASE("expiry dates are ISO-8601 UTC to the second", "[remote_config]") {
  CHECK(*ParseIsoUtc("2027-01-15T08:00:00Z") == testing::kNow);
  CHECK(FormatIsoUtc(testing::kNow) == "2027-01-15T08:00:00Z");
  CHECK(*ParseIsoUtcOrDate("2027-01-15") == testing::kNow - 8 * 3600);
  CHECK_FALSE(ParseIsoUtc("2027-02-30T00:00:00Z"));
  CHECK_FALSE(ParseIsoUtc("2027-01-15T08:00:00+08:00"));
  CHECK_FALSE(ParseIsoUtc("2027-01-15 08:00:00Z"));
  CHECK_FALSE(ParseIsoUtc("2027-1-15T08:00:00Z"));
  CHECK_FALSE(ParseIsoUtc("2027-01-15T24:00:00Z"));
}

}  // namespace
}  // namespace kiosk::remote_config
