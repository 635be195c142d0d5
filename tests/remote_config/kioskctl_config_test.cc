// The real kioskctl: keygen → root → sign → publish → verify, a tampered
// file, a bundle for elsewhere, rotation, and what sign refuses.

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kiosk/core/remote_config/keys.h"
#include "kiosk/core/remote_config/verify.h"
#include "tests/support/run_program.h"
#include "tests/support/temp_dir.h"

namespace kiosk::remote_config {
namespace {

namespace fs = std::filesystem;
using kiosk::testing::ProgramOutcome;
using kiosk::testing::TempDir;

constexpr const char* kDevKeys = KIOSK_CONFIG_DIR "/keys/dev-private/";

ProgramOutcome Ctl(std::vector<std::string> args) {
  args.insert(args.begin(), KIOSKCTL_PATH);
  return kiosk::testing::RunProgram(args, std::chrono::seconds(120));
}

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// A small configuration folder to sign.
void WriteConfig(const fs::path& dir) {
  fs::create_directories(dir / "catalog");
  std::ofstream(dir / "kiosk.json") << R"({"kiosk_id": "K-0001"})";
  std::ofstream(dir / "catalog" / "catalog.json") << R"({"items": ["社保查询"]})";
}

TEST_CASE("kioskctl config keygen writes a 0600 key and its public half",
          "[remote_config][kioskctl]") {
  TempDir dir("kioskctl-keygen");
  for (const std::string scheme : {"ed25519", "sm2"}) {
    const std::string prefix = dir.File(scheme);
    auto made = Ctl({"config", "keygen", "--scheme", scheme, "--out", prefix});
    REQUIRE(made.status == 0);
    struct stat info {};
    REQUIRE(::stat((prefix + ".key").c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    auto key = PublicKey::FromPem(Read(prefix + ".pub"));
    REQUIRE(key);
    CHECK(made.out.find(key->KeyId()) != std::string::npos);
    CHECK(Ctl({"config", "keygen", "--scheme", scheme, "--out", prefix}).status == 4);
  }
  CHECK(Ctl({"config", "keygen", "--scheme", "rsa", "--out", dir.File("x")}).status == 2);
}

TEST_CASE("kioskctl signs the shipped configuration with the development keys and verifies it",
          "[remote_config][kioskctl]") {
  TempDir dir("kioskctl-sign");
  const std::string bundle = dir.File("bundle");
  auto refused = Ctl({"config", "sign", KIOSK_CONFIG_DIR, "--key",
                      std::string(kDevKeys) + "targets-sm2.key", "--version", "3", "--expires",
                      "2099-01-01", "--target", "region=440300", "--out", bundle});
  CHECK(refused.status == 5);  // keys/dev-private holds private keys.
  auto signed_bundle =
      Ctl({"config", "sign", KIOSK_CONFIG_DIR, "--exclude", "keys/dev-private", "--key",
           std::string(kDevKeys) + "targets-sm2.key", "--version", "3", "--expires", "2099-01-01",
           "--target", "region=440300,group=pilot", "--out", bundle});
  REQUIRE(signed_bundle.status == 0);
  CHECK(fs::exists(fs::path(bundle) / "files" / "catalog" / "catalog.json"));
  CHECK_FALSE(fs::exists(fs::path(bundle) / "files" / "keys" / "dev-private"));

  auto verified = Ctl({"config", "verify", bundle, "--region", "440300"});
  CHECK(verified.status == 0);
  CHECK(verified.out.find("ok: targets v3") != std::string::npos);
  CHECK(Ctl({"config", "verify", bundle, "--group", "pilot", "--region", "110000"}).status == 0);

  auto elsewhere = Ctl({"config", "verify", bundle, "--region", "440100", "--kiosk-id", "K-9"});
  CHECK(elsewhere.status == 3);
  CHECK(elsewhere.err.find("refused: not_targeted") != std::string::npos);
  auto rollback = Ctl({"config", "verify", bundle, "--current-version", "3"});
  CHECK(rollback.status == 3);
  CHECK(rollback.err.find("refused: rollback") != std::string::npos);
  auto expired = Ctl({"config", "verify", bundle, "--now", "2099-01-02"});
  CHECK(expired.status == 3);
  CHECK(expired.err.find("refused: expired") != std::string::npos);
}

TEST_CASE("kioskctl keygen → root → sign → publish → verify, then a tampered file",
          "[remote_config][kioskctl]") {
  TempDir dir("kioskctl-flow");
  const fs::path base = dir.Path();
  for (const auto& [name, scheme] : std::vector<std::pair<std::string, std::string>>{
           {"root", "ed25519"}, {"targets", "sm2"}, {"root2", "sm2"}, {"targets2", "ed25519"}}) {
    REQUIRE(Ctl({"config", "keygen", "--scheme", scheme, "--out", dir.File(name)}).status == 0);
  }
  const std::string root1 = dir.File("1.root.json");
  REQUIRE(Ctl({"config", "root", "--root-key", dir.File("root.pub"), "--targets-key",
               dir.File("targets.pub"), "--version", "1", "--expires", "2099-01-01", "--sign-with",
               dir.File("root.key"), "--out", root1})
              .status == 0);
  WriteConfig(base / "config");
  const std::string bundle = dir.File("bundle");
  REQUIRE(Ctl({"config", "sign", dir.File("config"), "--key", dir.File("targets.key"), "--version",
               "1", "--expires", "2099-01-01", "--target", "kiosk=K-0001", "--out", bundle})
              .status == 0);
  CHECK(Ctl({"config", "sign", dir.File("config"), "--key", dir.File("targets.key"), "--version",
             "1", "--expires", "2099-01-01", "--target", "all", "--out", bundle})
            .status == 4);

  const std::string repo = dir.File("repo");
  auto published = Ctl({"config", "publish", bundle, "--repo", repo, "--root", root1});
  REQUIRE(published.status == 0);
  CHECK(fs::exists(fs::path(repo) / "root" / "1.root.json"));
  CHECK(fs::exists(fs::path(repo) / "1.targets.json"));
  CHECK(Read(fs::path(repo) / "targets.json") == Read(fs::path(bundle) / "targets.json"));
  auto again = Ctl({"config", "publish", bundle, "--repo", repo});
  CHECK(again.status == 3);
  CHECK(again.err.find("refused: rollback") != std::string::npos);

  SECTION("the repository holds what a kiosk needs, content-addressed") {
    auto root = LoadTrustedRoot(Read(fs::path(repo) / "root" / "1.root.json"));
    REQUIRE(root);
    const std::string targets_json = Read(fs::path(repo) / "targets.json");
    auto targets = ParseTargets(targets_json);
    REQUIRE(targets);
    std::map<std::string, std::string> files;
    for (const auto& [path, file] : targets->files) {
      files[path] = Read(fs::path(repo) / "files" / file.sha256);
    }
    auto verified =
        VerifyBundle(*root, {"K-0001", "440300", {}}, 0, 1800000000, targets_json, files);
    CHECK(verified);
  }

  SECTION("verify refuses a tampered file") {
    CHECK(Ctl({"config", "verify", bundle, "--root", root1, "--kiosk-id", "K-0001"}).status == 0);
    std::ofstream(fs::path(bundle) / "files" / "kiosk.json") << R"({"kiosk_id": "K-0002"})";
    auto tampered = Ctl({"config", "verify", bundle, "--root", root1});
    CHECK(tampered.status == 3);
    CHECK(tampered.err.find("refused: hash_mismatch: kiosk.json") != std::string::npos);
    std::ofstream(fs::path(bundle) / "files" / "kiosk.json") << R"({"kiosk_id": "K-0001"})";
    CHECK(Ctl({"config", "verify", bundle, "--root", root1}).status == 0);
    std::ofstream(fs::path(bundle) / "files" / "extra.json") << "{}";
    CHECK(Ctl({"config", "verify", bundle, "--root", root1}).err.find("unlisted_file") !=
          std::string::npos);
    auto publish_tampered =
        Ctl({"config", "publish", bundle, "--repo", dir.File("repo-b"), "--root", root1});
    CHECK(publish_tampered.status == 3);
    CHECK_FALSE(fs::exists(fs::path(dir.File("repo-b")) / "targets.json"));
  }

  SECTION("verify refuses a bundle signed by a key the root does not know") {
    const std::string stranger = dir.File("stranger-bundle");
    REQUIRE(Ctl({"config", "sign", dir.File("config"), "--key", dir.File("targets2.key"),
                 "--version", "2", "--expires", "2099-01-01", "--target", "all", "--out", stranger})
                .status == 0);
    auto refused = Ctl({"config", "verify", stranger, "--root", root1});
    CHECK(refused.status == 3);
    CHECK(refused.err.find("refused: unknown_key") != std::string::npos);
  }

  SECTION("rotation: root v2 with new keys, signed by v1's and its own root keys") {
    const std::string root2 = dir.File("2.root.json");
    const std::vector<std::string> v2 = {"config",        "root",
                                         "--root-key",    dir.File("root2.pub"),
                                         "--targets-key", dir.File("targets2.pub"),
                                         "--version",     "2",
                                         "--expires",     "2099-01-01",
                                         "--previous",    root1};
    auto only_new = v2;
    only_new.insert(only_new.end(), {"--sign-with", dir.File("root2.key"), "--out", root2});
    auto refused = Ctl(only_new);
    CHECK(refused.status == 3);
    CHECK(refused.err.find("refused: unknown_key") != std::string::npos);
    CHECK_FALSE(fs::exists(root2));

    auto skipped = v2;
    skipped[7] = "3";
    skipped.insert(skipped.end(), {"--sign-with", dir.File("root.key"), "--sign-with",
                                   dir.File("root2.key"), "--out", dir.File("3.root.json")});
    CHECK(Ctl(skipped).err.find("refused: root_version") != std::string::npos);

    // A v2 signed by its own key only: publish refuses it and writes nothing.
    RootSpec bad;
    bad.version = 2;
    bad.expires = 4070908800;  // 2099-01-01
    bad.root_keys = {*PublicKey::FromPem(Read(dir.File("root2.pub")))};
    bad.targets_keys = {*PublicKey::FromPem(Read(dir.File("targets2.pub")))};
    std::ofstream(dir.File("bad-2.root.json"))
        << *SignMetadata(RootSigned(bad), {*PrivateKey::FromFile(dir.File("root2.key"))});
    auto bad_publish =
        Ctl({"config", "publish", bundle, "--repo", repo, "--root", dir.File("bad-2.root.json")});
    CHECK(bad_publish.status == 3);
    CHECK(bad_publish.err.find("refused: unknown_key") != std::string::npos);
    CHECK_FALSE(fs::exists(fs::path(repo) / "root" / "2.root.json"));

    auto both = v2;
    both.insert(both.end(), {"--sign-with", dir.File("root.key"), "--sign-with",
                             dir.File("root2.key"), "--out", root2});
    REQUIRE(Ctl(both).status == 0);

    const std::string bundle2 = dir.File("bundle2");
    REQUIRE(Ctl({"config", "sign", dir.File("config"), "--key", dir.File("targets2.key"),
                 "--version", "2", "--expires", "2099-01-01", "--target", "all", "--out", bundle2})
                .status == 0);
    auto rotated = Ctl({"config", "publish", bundle2, "--repo", repo, "--root", root2});
    CHECK(rotated.status == 0);
    CHECK(rotated.out.find("under root v2") != std::string::npos);
    CHECK(fs::exists(fs::path(repo) / "root" / "2.root.json"));
    CHECK(Ctl({"config", "verify", bundle2, "--root", root2}).status == 0);
    CHECK(Ctl({"config", "verify", bundle2, "--root", root1}).status == 3);
  }
}

TEST_CASE("kioskctl config check still checks the shipped configuration",
          "[remote_config][kioskctl]") {
  CHECK(Ctl({"config", "check", KIOSK_CONFIG_DIR}).status == 0);
  CHECK(Ctl({"config", "frobnicate"}).status == 2);
}

}  // namespace
}  // namespace kiosk::remote_config
