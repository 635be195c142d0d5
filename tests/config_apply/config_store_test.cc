#include "kiosk/core/config_apply/config_store.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/temp_dir.h"

using namespace kiosk;

namespace {

std::vector<ConfigFile> Tree(int version) {
  const std::string v = std::to_string(version);
  return {{"kiosk.json", R"({"version":)" + v + "}"},
          {"catalog/items/a.json", "item a of " + v},
          {"ui/zh-CN.json", "texts of " + v}};
}

std::string Read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("a staged version becomes current in one switch, the old one kept") {
  testing::TempDir dir("config-store");
  ConfigStore store(dir.File("config"));
  REQUIRE(store.Prepare());
  CHECK_FALSE(store.Current());

  REQUIRE(store.Stage(1, Tree(1)));
  CHECK_FALSE(store.Current());  // Staged is not applied.
  REQUIRE(store.Activate(1));
  CHECK(store.Current() == 1);
  CHECK(store.OnTrial() == 1);
  CHECK(Read(store.CurrentDir() + "/catalog/items/a.json") == "item a of 1");
  REQUIRE(store.Confirm());
  CHECK_FALSE(store.OnTrial());

  REQUIRE(store.Stage(2, Tree(2)));
  REQUIRE(store.Activate(2));
  CHECK(store.Current() == 2);
  CHECK(store.Previous() == 1);
  CHECK(Read(store.CurrentDir() + "/kiosk.json") == R"({"version":2})");

  SECTION("a version stored already is not overwritten") {
    auto again = store.Stage(2, Tree(9));
    REQUIRE_FALSE(again);
    CHECK(again.error().code == ErrorCode::kSequence);
  }
  SECTION("rolling back returns to the previous version and remembers why") {
    REQUIRE(store.RollBack("health_check_failed: catalog refused"));
    CHECK(store.Current() == 1);
    CHECK_FALSE(store.OnTrial());
    CHECK(Read(store.CurrentDir() + "/kiosk.json") == R"({"version":1})");
    auto refused = store.LastRefused();
    REQUIRE(refused);
    CHECK(refused->version == 2);
    CHECK(refused->reason == "health_check_failed: catalog refused");
    CHECK_FALSE(std::filesystem::exists(store.VersionDir(2)));
  }
  SECTION("pruning keeps current and previous only") {
    REQUIRE(store.Confirm());
    REQUIRE(store.Stage(3, Tree(3)));
    REQUIRE(store.Activate(3));
    REQUIRE(store.Prune());
    CHECK_FALSE(std::filesystem::exists(store.VersionDir(1)));
    CHECK(std::filesystem::exists(store.VersionDir(2)));
    CHECK(std::filesystem::exists(store.VersionDir(3)));
  }
}

TEST_CASE("rolling back the first version returns to the shipped configuration") {
  testing::TempDir dir("config-store");
  ConfigStore store(dir.File("config"));
  REQUIRE(store.Prepare());
  auto nothing = store.RollBack("x");
  REQUIRE_FALSE(nothing);
  CHECK(nothing.error().code == ErrorCode::kSequence);
  REQUIRE(store.Stage(1, Tree(1)));
  REQUIRE(store.Activate(1));
  REQUIRE(store.RollBack("health_check_failed"));
  CHECK_FALSE(store.Current());
  CHECK_FALSE(std::filesystem::exists(store.CurrentDir()));
  CHECK(store.LastRefused()->version == 1);
}

TEST_CASE("a file name that would leave the tree is refused and nothing is stored") {
  testing::TempDir dir("config-store");
  ConfigStore store(dir.File("config"));
  REQUIRE(store.Prepare());
  for (const char* bad : {"../escape.json", "/etc/passwd", "ui/../../x", "a/./b", ""}) {
    INFO(bad);
    auto staged = store.Stage(5, {{"kiosk.json", "{}"}, {bad, "x"}});
    REQUIRE_FALSE(staged);
    CHECK(staged.error().code == ErrorCode::kInvalidData);
    CHECK_FALSE(std::filesystem::exists(store.VersionDir(5)));
  }
  CHECK_FALSE(std::filesystem::exists(dir.File("escape.json")));
}

TEST_CASE("what an interrupted stage left is cleared on start") {
  testing::TempDir dir("config-store");
  ConfigStore store(dir.File("config"));
  REQUIRE(store.Prepare());
  std::filesystem::create_directories(dir.File("config/staging/7.123/catalog"));
  std::ofstream(dir.File("config/staging/7.123/kiosk.json")) << "{";
  REQUIRE(store.Prepare());
  CHECK(std::filesystem::is_empty(dir.File("config/staging")));
  REQUIRE(store.Stage(7, Tree(7)));  // The same version stages cleanly now.
}
