// Every refusal of a targets.json and its files, in both signature schemes.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>

#include "kiosk/core/remote_config/reasons.h"
#include "tests/remote_config/bundle_fixture.h"
#include "tests/support/temp_dir.h"

namespace kiosk::remote_config {
namespace {

using testing::Fixture;
using testing::kDay;
using testing::kNow;
using testing::ReasonOf;

KeyScheme AnyScheme() { return GENERATE(KeyScheme::kEd25519, KeyScheme::kSm2Sm3); }

// Edits the JSON of a signed file and writes it back, signatures as they were.
std::string Edit(const std::string& text, const std::function<void(nlohmann::json&)>& change) {
  auto document = nlohmann::json::parse(text);
  change(document);
  return document.dump(2);
}

TEST_CASE("a bundle signed by the targets key verifies", "[remote_config]") {
  Fixture fixture(AnyScheme());
  auto verified = fixture.Verify(fixture.Sign(fixture.Spec(2)));
  REQUIRE(verified);
  CHECK(verified->version == 2);
  CHECK(verified->files.size() == 3);
  CHECK(verified->target.regions == std::vector<std::string>{"440300"});
}

TEST_CASE("bad_signature: signed content changed after signing", "[remote_config]") {
  Fixture fixture(AnyScheme());
  const std::string changed =
      Edit(fixture.Sign(fixture.Spec(2)), [](auto& doc) { doc["signed"]["version"] = 3; });
  auto verified = fixture.Verify(changed);
  CHECK(ReasonOf(verified) == reason::kBadSignature);
}

TEST_CASE("bad_signature: signature bytes changed", "[remote_config]") {
  Fixture fixture(AnyScheme());
  const std::string changed = Edit(fixture.Sign(fixture.Spec(2)), [](auto& doc) {
    auto sig = *Base64Decode(doc["signatures"][0]["sig"].template get<std::string>());
    sig[sig.size() / 2] = static_cast<char>(sig[sig.size() / 2] ^ 0x01);
    doc["signatures"][0]["sig"] = Base64Encode(sig);
  });
  CHECK(ReasonOf(fixture.Verify(changed)) == reason::kBadSignature);
}

TEST_CASE("unknown_key: signed by a key the root does not name", "[remote_config]") {
  Fixture fixture(AnyScheme());
  const auto stranger = testing::NewKey(fixture.scheme);
  CHECK(ReasonOf(fixture.Verify(fixture.Sign(fixture.Spec(2), {stranger}))) == reason::kUnknownKey);
}

TEST_CASE("unknown_key: targets signed by a root key (roles are separate)", "[remote_config]") {
  Fixture fixture(AnyScheme());
  CHECK(ReasonOf(fixture.Verify(fixture.Sign(fixture.Spec(2), fixture.root_keys))) ==
        reason::kUnknownKey);
}

TEST_CASE("threshold_not_met: one signature where two are needed", "[remote_config]") {
  Fixture fixture(AnyScheme(), /*targets_threshold=*/2);
  CHECK(ReasonOf(fixture.Verify(fixture.Sign(fixture.Spec(2)))) == reason::kThresholdNotMet);
  CHECK(ReasonOf(fixture.Verify(fixture.Sign(fixture.Spec(2), {}))) == reason::kThresholdNotMet);
  CHECK(fixture.Verify(fixture.Sign(fixture.Spec(2), fixture.targets_keys)));
}

TEST_CASE("duplicate_signature: one key's signature twice does not count twice",
          "[remote_config]") {
  Fixture fixture(AnyScheme(), /*targets_threshold=*/2);
  const auto& key = fixture.targets_keys[0];
  CHECK(ReasonOf(fixture.Verify(fixture.Sign(fixture.Spec(2), {key, key}))) ==
        reason::kDuplicateSignature);
}

TEST_CASE("a signature by an unknown key beside a threshold of good ones is ignored",
          "[remote_config]") {
  Fixture fixture(AnyScheme());
  const auto stranger = testing::NewKey(fixture.scheme);
  CHECK(fixture.Verify(fixture.Sign(fixture.Spec(2), {stranger, fixture.targets_keys[1]})));
}

TEST_CASE("rollback: a version equal to or lower than the applied one", "[remote_config]") {
  Fixture fixture(AnyScheme());
  const std::string v2 = fixture.Sign(fixture.Spec(2));
  CHECK(fixture.Verify(v2, /*current_version=*/1));
  CHECK(ReasonOf(fixture.Verify(v2, /*current_version=*/2)) == reason::kRollback);
  CHECK(ReasonOf(fixture.Verify(v2, /*current_version=*/7)) == reason::kRollback);
}

TEST_CASE("expired: targets past their expiry (freeze)", "[remote_config]") {
  Fixture fixture(AnyScheme());
  auto spec = fixture.Spec(2);
  spec.expires = kNow - 1;
  CHECK(ReasonOf(fixture.Verify(fixture.Sign(spec))) == reason::kExpired);
  spec.expires = kNow;  // Expiry is exclusive: at the second itself it is over.
  CHECK(ReasonOf(fixture.Verify(fixture.Sign(spec))) == reason::kExpired);
}

TEST_CASE("expired: the root itself past its expiry", "[remote_config]") {
  Fixture fixture(AnyScheme());
  const std::string targets = fixture.Sign(fixture.Spec(2));
  auto later = VerifyTargets(fixture.root, targets, 1, fixture.root.expires + 1);
  CHECK(ReasonOf(later) == reason::kExpired);
}

TEST_CASE("hash_mismatch and length_mismatch: files that are not the listed ones",
          "[remote_config]") {
  Fixture fixture(AnyScheme());
  const std::string targets = fixture.Sign(fixture.Spec(2));
  SECTION("same length, other bytes") {
    fixture.files["kiosk.json"][3] = 'X';
    CHECK(ReasonOf(fixture.Verify(targets)) == reason::kHashMismatch);
  }
  SECTION("one byte more") {
    fixture.files["kiosk.json"] += " ";
    CHECK(ReasonOf(fixture.Verify(targets)) == reason::kLengthMismatch);
  }
  SECTION("another version's file (mix-and-match)") {
    fixture.files["ui/zh-CN.json"] = R"({"home.title": "旧版本"})";
    CHECK(ReasonOf(fixture.Verify(targets)) != "accepted");
  }
}

TEST_CASE("missing_file and unlisted_file", "[remote_config]") {
  Fixture fixture(AnyScheme());
  const std::string targets = fixture.Sign(fixture.Spec(2));
  SECTION("missing") {
    fixture.files.erase("catalog/catalog.json");
    CHECK(ReasonOf(fixture.Verify(targets)) == reason::kMissingFile);
  }
  SECTION("unlisted") {
    fixture.files["devices/hardware.json"] = "{}";
    CHECK(ReasonOf(fixture.Verify(targets)) == reason::kUnlistedFile);
  }
  SECTION("one file at a time") {
    auto parsed = VerifyTargets(fixture.root, targets, 1, kNow);
    REQUIRE(parsed);
    CHECK(VerifyFile(*parsed, "kiosk.json", fixture.files["kiosk.json"]));
    CHECK(ReasonOf(VerifyFile(*parsed, "other.json", "{}")) == reason::kUnlistedFile);
    CHECK(ReasonOf(VerifyFile(*parsed, "kiosk.json", "{}")) == reason::kLengthMismatch);
  }
}

TEST_CASE("not_targeted: a bundle for another region, group or kiosk", "[remote_config]") {
  Fixture fixture(AnyScheme());
  auto spec = fixture.Spec(2);
  spec.target = {{"440100"}, {"hall-tianhe"}, {"K-0002"}};
  const std::string elsewhere = fixture.Sign(spec);
  CHECK(ReasonOf(fixture.Verify(elsewhere)) == reason::kNotTargeted);
  SECTION("named by group") {
    fixture.identity.groups = {"pilot", "hall-tianhe"};
    CHECK(fixture.Verify(elsewhere));
  }
  SECTION("named by kiosk id") {
    fixture.identity.kiosk_id = "K-0002";
    CHECK(fixture.Verify(elsewhere));
  }
  SECTION("every region") {
    spec.target = {{"*"}, {}, {}};
    CHECK(fixture.Verify(fixture.Sign(spec)));
  }
}

TEST_CASE("malformed: truncated, garbage, wrong types, wrong type", "[remote_config]") {
  Fixture fixture(AnyScheme());
  const std::string good = fixture.Sign(fixture.Spec(2));
  auto reason_of = [&](const std::string& text) { return ReasonOf(fixture.Verify(text)); };
  CHECK(reason_of(good.substr(0, good.size() / 2)) == reason::kMalformed);
  CHECK(reason_of("") == reason::kMalformed);
  CHECK(reason_of("\x89PNG\r\n\x1a\n garbage") == reason::kMalformed);
  CHECK(reason_of("[]") == reason::kMalformed);
  CHECK(reason_of(Edit(good, [](auto& d) { d["signed"]["type"] = "root"; })) == reason::kMalformed);
  CHECK(reason_of(Edit(good, [](auto& d) { d["signed"]["version"] = "3"; })) == reason::kMalformed);
  CHECK(reason_of(Edit(good, [](auto& d) { d["signed"]["version"] = 0; })) == reason::kMalformed);
  CHECK(reason_of(Edit(good, [](auto& d) { d["signed"]["version"] = 2.5; })) == reason::kMalformed);
  CHECK(reason_of(Edit(good, [](auto& d) { d["signed"]["expires"] = "2027-02-30T00:00:00Z"; })) ==
        reason::kMalformed);
  CHECK(reason_of(Edit(good, [](auto& d) { d["signed"]["extra"] = 1; })) == reason::kMalformed);
  CHECK(reason_of(Edit(good, [](auto& d) { d["signed"].erase("files"); })) == reason::kMalformed);
  CHECK(reason_of(Edit(good, [](auto& d) { d["signatures"] = nlohmann::json::object(); })) ==
        reason::kMalformed);
  CHECK(reason_of(Edit(good, [](auto& d) { d["signatures"][0]["sig"] = "not base64!"; })) ==
        reason::kMalformed);
  CHECK(reason_of(Edit(good, [](auto& d) {
          d["signed"]["files"]["kiosk.json"]["sha256"] = "ABC";
        })) == reason::kMalformed);
  CHECK(reason_of(Edit(good, [](auto& d) { d["signed"]["files"]["kiosk.json"]["length"] = -1; })) ==
        reason::kMalformed);
  auto spec = fixture.Spec(2);
  spec.target = {};
  CHECK(reason_of(fixture.Sign(spec)) == reason::kMalformed);
}

TEST_CASE("unsafe_path: file names that could leave the bundle's directory", "[remote_config]") {
  Fixture fixture(AnyScheme());
  for (const std::string& path :
       std::vector<std::string>{"../kiosk.json", "/etc/passwd", "catalog/../../x", "a/./b", "a//b",
                                "a\\..\\b", "ui/", std::string("a\nb"), "."}) {
    auto spec = fixture.Spec(2);
    spec.files[path] = {2, Sha256Hex("{}")};
    INFO(path);
    CHECK(ReasonOf(fixture.Verify(fixture.Sign(spec))) == reason::kUnsafePath);
  }
  auto spec = fixture.Spec(2);
  spec.files["catalog"] = {2, Sha256Hex("{}")};  // Beside catalog/catalog.json.
  CHECK(ReasonOf(fixture.Verify(fixture.Sign(spec))) == reason::kUnsafePath);
  CHECK(IsSafeTargetPath("catalog/items/ssi.insurance_record_query.json"));
  CHECK(IsSafeTargetPath("ui/zh-CN.json"));
  CHECK(IsSafeTargetPath("..hidden/a"));
}

TEST_CASE("VerifyDirectory: a staged folder holds exactly the listed files", "[remote_config]") {
  namespace fs = std::filesystem;
  Fixture fixture(KeyScheme::kEd25519);
  auto targets = VerifyTargets(fixture.root, fixture.Sign(fixture.Spec(2)), 1, kNow);
  REQUIRE(targets);
  kiosk::testing::TempDir dir("remote-config-dir");
  for (const auto& [path, bytes] : fixture.files) {
    fs::create_directories((dir.Path() / path).parent_path());
    std::ofstream(dir.Path() / path, std::ios::binary) << bytes;
  }
  CHECK(VerifyDirectory(*targets, dir.Path()));
  SECTION("a symbolic link in place of a file") {
    fs::remove(dir.Path() / "kiosk.json");
    fs::create_symlink("/etc/hostname", dir.Path() / "kiosk.json");
    CHECK(ReasonOf(VerifyDirectory(*targets, dir.Path())) == reason::kUnsafePath);
  }
  SECTION("a file missing") {
    fs::remove(dir.Path() / "ui" / "zh-CN.json");
    CHECK(ReasonOf(VerifyDirectory(*targets, dir.Path())) == reason::kMissingFile);
  }
  SECTION("a file longer") {
    std::ofstream(dir.Path() / "kiosk.json", std::ios::app) << "\n";
    CHECK(ReasonOf(VerifyDirectory(*targets, dir.Path())) == reason::kLengthMismatch);
  }
  SECTION("a file more") {
    std::ofstream(dir.Path() / "catalog" / "extra.json") << "{}";
    CHECK(ReasonOf(VerifyDirectory(*targets, dir.Path())) == reason::kUnlistedFile);
  }
  CHECK_FALSE(VerifyDirectory(*targets, dir.Path() / "absent"));
}

TEST_CASE("the signature is over the canonical form, not the file's spacing", "[remote_config]") {
  Fixture fixture(AnyScheme());
  const auto document = nlohmann::json::parse(fixture.Sign(fixture.Spec(2)));
  CHECK(fixture.Verify(document.dump()));
  CHECK(fixture.Verify(document.dump(8)));
  CHECK(fixture.Verify(document.dump(-1, ' ', /*ensure_ascii=*/true)));
}

}  // namespace
}  // namespace kiosk::remote_config
