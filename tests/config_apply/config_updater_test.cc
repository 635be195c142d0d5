// The kiosk's updater against a real nginx serving the configuration
// repository and a real kiosk-central receiving its reports: a good bundle
// is staged (and the repository's next answer is a 304), and every kind of
// bad bundle is refused with its precise reason — in the report too —
// while the configuration the kiosk runs stays as it was.

#include "kiosk/core/config_apply/config_updater.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/central/central_test_support.h"
#include "tests/remote_config/bundle_fixture.h"
#include "tests/support/temp_dir.h"
#include "tests/tls/tls_servers.h"

namespace kiosk {
namespace {

namespace fs = std::filesystem;
using remote_config::KeyScheme;
using remote_config::TargetsSpec;
using remote_config::testing::Fixture;
using remote_config::testing::kDay;
using remote_config::testing::kNow;

void WriteFile(const std::string& path, const std::string& bytes) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

// A repository on nginx, a kiosk-central, and one kiosk's store and updater.
class UpdaterRig {
 public:
  explicit UpdaterRig(KeyScheme scheme = KeyScheme::kEd25519, int targets_threshold = 1)
      : fixture_(scheme, targets_threshold),
        repo_(dir_.File("repo")),
        port_(testing::FreePort()),
        nginx_(dir_.File("nginx"), port_, (fs::create_directories(repo_), repo_)),
        store_(dir_.File("config")) {
    WriteFile(dir_.File("shipped/root.json"), fixture_.root_json);
    REQUIRE(store_.Prepare());
    HeadquartersOptions options;
    options.api_endpoint = "http://127.0.0.1:" + std::to_string(central_.Port());
    options.repository_url = "http://127.0.0.1:" + std::to_string(port_);
    options.kiosk_id = fixture_.identity.kiosk_id;
    headquarters_ = std::make_unique<HeadquartersClient>(options);
    UpdaterOptions updater_options;
    updater_options.shipped_root_file = dir_.File("shipped/root.json");
    updater_options.accepted_root_file = dir_.File("config/root.json");
    updater_options.identity = fixture_.identity;
    updater_ = std::make_unique<ConfigUpdater>(updater_options, *headquarters_, store_);
  }

  Fixture& fixture() { return fixture_; }
  ConfigStore& store() { return store_; }
  ConfigUpdater& updater() { return *updater_; }

  // Publishes `targets_json` and the fixture's files (content-addressed).
  void Publish(const std::string& targets_json) {
    for (const auto& [path, bytes] : fixture_.files) {
      WriteFile(repo_ + "/files/" + remote_config::Sha256Hex(bytes), bytes);
    }
    WriteFile(repo_ + "/targets.json", targets_json);
    // nginx's ETag is the file's mtime and size: two publications within a
    // second, of one size, must still differ.
    fs::last_write_time(repo_ + "/targets.json",
                        fs::file_time_type::clock::now() + std::chrono::seconds(++published_));
  }
  void PublishFileAs(const std::string& sha256, const std::string& bytes) {
    WriteFile(repo_ + "/files/" + sha256, bytes);
  }
  void PublishRoot(std::int64_t version, const std::string& root_json) {
    WriteFile(repo_ + "/root/" + std::to_string(version) + ".root.json", root_json);
  }

  // Stages, switches to and confirms `version`, as the kiosk does.
  void Apply(const std::string& targets_json, std::int64_t version) {
    Publish(targets_json);
    const UpdateCheck check = updater_->CheckOnce(kNow);
    INFO(check.error.Describe());
    REQUIRE(check.outcome == UpdateCheck::Outcome::kStaged);
    REQUIRE(check.version == version);
    REQUIRE(store_.Activate(version));
    REQUIRE(store_.Confirm());
  }

  // The newest configuration report kiosk-central holds for this kiosk.
  nlohmann::json LastReport() {
    auto reports = central::testing::BodyOf(central_.Client().Get(
        "/v1/kiosks/" + fixture_.identity.kiosk_id + "/reports?kind=config&limit=1"));
    REQUIRE(reports["reports"].size() == 1);
    return reports["reports"][0]["report"];
  }

  // nginx writes a request's line after its answer: look for a while.
  bool NginxLogged(const std::string& needle) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (true) {
      std::ifstream in(dir_.File("nginx/access.log"));
      std::stringstream text;
      text << in.rdbuf();
      if (text.str().find(needle) != std::string::npos) return true;
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

 private:
  testing::TempDir dir_{"config-updater"};
  Fixture fixture_;
  std::string repo_;
  int port_;
  testing::NginxStaticServer nginx_;
  central::testing::RunningCentral central_;
  ConfigStore store_;
  std::unique_ptr<HeadquartersClient> headquarters_;
  std::unique_ptr<ConfigUpdater> updater_;
  int published_ = 0;
};

// Refused with `reason`, reported so, and version 2 still the one applied.
void RequireRefused(UpdaterRig& rig, const std::string& reason) {
  const UpdateCheck check = rig.updater().CheckOnce(kNow);
  INFO(check.error.Describe());
  CHECK(check.outcome == UpdateCheck::Outcome::kRefused);
  CHECK(check.error.reason == reason);
  CHECK(rig.store().Current() == 2);
  const nlohmann::json report = rig.LastReport();
  CHECK(report["event"] == "refused");
  CHECK(report["reason"] == reason);
  CHECK(report["applied_version"] == 2);
}

}  // namespace

TEST_CASE("a signed bundle is fetched from nginx, verified and staged whole", "[config_apply]") {
  UpdaterRig rig;
  rig.Publish(rig.fixture().Sign(rig.fixture().Spec(2)));
  const UpdateCheck check = rig.updater().CheckOnce(kNow);
  INFO(check.error.Describe());
  REQUIRE(check.outcome == UpdateCheck::Outcome::kStaged);
  CHECK(check.version == 2);
  for (const auto& [path, bytes] : rig.fixture().files) {
    std::ifstream in(rig.store().VersionDir(2) + "/" + path, std::ios::binary);
    std::stringstream stored;
    stored << in.rdbuf();
    CHECK(stored.str() == bytes);
  }
  REQUIRE(rig.store().Activate(2));
  REQUIRE(rig.store().Confirm());
  // Asked again: nginx answers 304 to the ETag, and nothing changes.
  CHECK(rig.updater().CheckOnce(kNow).outcome == UpdateCheck::Outcome::kNothingNew);
  CHECK(rig.NginxLogged("\"GET /targets.json HTTP/1.1\" 304"));
}

TEST_CASE("bad bundles are refused with their reason; the kiosk keeps its configuration",
          "[config_apply]") {
  UpdaterRig rig;
  Fixture& fixture = rig.fixture();
  rig.Apply(fixture.Sign(fixture.Spec(2)), 2);

  SECTION("bad signature") {
    std::string signed_json = fixture.Sign(fixture.Spec(3));
    const auto at = signed_json.find("\"version\": 3");
    REQUIRE(at != std::string::npos);
    signed_json.replace(at, 12, "\"version\": 4");  // Changed after signing.
    rig.Publish(signed_json);
    RequireRefused(rig, "bad_signature");
  }
  SECTION("unknown key") {
    rig.Publish(
        fixture.Sign(fixture.Spec(3), {remote_config::testing::NewKey(KeyScheme::kEd25519)}));
    RequireRefused(rig, "unknown_key");
  }
  SECTION("version equal (other contents) or lower: rollback") {
    TargetsSpec same = fixture.Spec(2);
    same.expires += kDay;
    rig.Publish(fixture.Sign(same));
    RequireRefused(rig, "rollback");
    rig.Publish(fixture.Sign(fixture.Spec(1)));
    RequireRefused(rig, "rollback");
  }
  SECTION("expired metadata: freeze") {
    TargetsSpec spec = fixture.Spec(3);
    spec.expires = kNow - 1;
    rig.Publish(fixture.Sign(spec));
    RequireRefused(rig, "expired");
  }
  SECTION("a file whose hash does not match: mix-and-match") {
    const TargetsSpec spec = fixture.Spec(3);
    rig.Publish(fixture.Sign(spec));
    const auto& entry = spec.files.at("ui/zh-CN.json");
    std::string other = fixture.files.at("ui/zh-CN.json");
    other[other.size() - 3] = 'X';  // Same length, other bytes.
    rig.PublishFileAs(entry.sha256, other);
    RequireRefused(rig, "hash_mismatch");
  }
  SECTION("a file cut short") {
    const TargetsSpec spec = fixture.Spec(3);
    rig.Publish(fixture.Sign(spec));
    const auto& entry = spec.files.at("kiosk.json");
    rig.PublishFileAs(entry.sha256, fixture.files.at("kiosk.json").substr(0, 5));
    RequireRefused(rig, "length_mismatch");
  }
  SECTION("a bundle for another region") {
    TargetsSpec spec = fixture.Spec(3);
    spec.target.regions = {"110000"};
    rig.Publish(fixture.Sign(spec));
    RequireRefused(rig, "not_targeted");
  }
  SECTION("a truncated download of targets.json") {
    const std::string whole = fixture.Sign(fixture.Spec(3));
    rig.Publish(whole.substr(0, whole.size() / 2));
    RequireRefused(rig, "malformed");
  }
  SECTION("garbage") {
    rig.Publish(std::string("\x89PNG\r\n\x1a\n\x00\x01garbage", 16));
    RequireRefused(rig, "malformed");
  }
}

TEST_CASE("too few signatures are refused", "[config_apply]") {
  UpdaterRig rig(KeyScheme::kSm2Sm3, /*targets_threshold=*/2);
  Fixture& fixture = rig.fixture();
  rig.Apply(fixture.Sign(fixture.Spec(2), fixture.targets_keys), 2);
  rig.Publish(fixture.Sign(fixture.Spec(3), {fixture.targets_keys[0]}));
  RequireRefused(rig, "threshold_not_met");
}

TEST_CASE("a rotated root is followed and kept", "[config_apply]") {
  UpdaterRig rig;
  Fixture& fixture = rig.fixture();
  // Root 2 hands the targets role to a new key, signed by the old root key
  // and the new one.
  const auto new_root_key = remote_config::testing::NewKey(KeyScheme::kEd25519);
  const auto new_targets_key = remote_config::testing::NewKey(KeyScheme::kEd25519);
  remote_config::RootSpec spec = fixture.root_spec;
  spec.version = 2;
  spec.root_keys = {new_root_key.Public()};
  spec.targets_keys = {new_targets_key.Public()};
  spec.targets_threshold = 1;
  rig.PublishRoot(2, remote_config::testing::Must(remote_config::SignMetadata(
                         remote_config::RootSigned(spec), {fixture.root_keys[0], new_root_key})));
  rig.Publish(fixture.Sign(fixture.Spec(2), {new_targets_key}));
  const UpdateCheck check = rig.updater().CheckOnce(kNow);
  INFO(check.error.Describe());
  CHECK(check.outcome == UpdateCheck::Outcome::kStaged);
  CHECK(fs::exists(rig.store().VersionDir(2)));
  REQUIRE(rig.store().Activate(2));
  // The old targets key no longer speaks for headquarters.
  rig.Publish(fixture.Sign(fixture.Spec(3)));
  RequireRefused(rig, "unknown_key");
}

}  // namespace kiosk
