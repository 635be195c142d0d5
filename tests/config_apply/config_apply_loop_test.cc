// Applying a staged configuration between citizens, with the shipped
// firmware_config as the versions' contents: switched only when the kiosk
// is idle, refused before the switch when its catalog does not validate
// or a language's text table lacks the default one's keys or placeholders,
// rolled back (and the old one shown again) when its first frame fails,
// and rolled back at start when the kiosk died while it was on trial.

#include "kiosk/app/config_apply_loop.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/temp_dir.h"

namespace kiosk {
namespace {

namespace fs = std::filesystem;

std::vector<ConfigFile> ShippedTree() {
  const fs::path shipped = KIOSK_CONFIG_DIR;
  std::vector<ConfigFile> files;
  for (auto walk = fs::recursive_directory_iterator(shipped);
       walk != fs::recursive_directory_iterator(); ++walk) {
    const std::string path = fs::relative(walk->path(), shipped).generic_string();
    if (path == "keys") walk.disable_recursion_pending();
    if (!walk->is_regular_file() || path.starts_with("keys")) continue;
    std::ifstream in(walk->path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    files.push_back({path, bytes.str()});
  }
  return files;
}

std::vector<ConfigFile> WithBrokenCatalog() {
  auto files = ShippedTree();
  files.push_back({"catalog/items/ssi.broken.json", R"({"id": "ssi.broken"})"});
  return files;
}

// The shipped tree with `key` taken out of the English table, or its
// text replaced by `text` when given.
std::vector<ConfigFile> WithEnglishChanged(const std::string& key, const std::string& text = "") {
  auto files = ShippedTree();
  for (auto& file : files) {
    if (file.path != "ui/en-US.json") continue;
    auto table = nlohmann::json::parse(file.bytes);
    if (text.empty()) {
      table["texts"].erase(key);
    } else {
      table["texts"][key] = text;
    }
    file.bytes = table.dump(2);
  }
  return files;
}

class LoopRig {
 public:
  LoopRig() : store_(dir_.File("config")) {
    REQUIRE(store_.Prepare());
    auto terminal = LoadKioskConfig(KIOSK_CONFIG_DIR);
    REQUIRE(terminal);
    terminal_ = *terminal;
    installed_ = {KIOSK_CONFIG_DIR, 0, nullptr, "", dir_.File("last_good_catalog"), ""};
    HeadquartersOptions hq;
    hq.api_endpoint = "http://127.0.0.1:9";  // Reports are queued, never sent here.
    hq.repository_url = "http://127.0.0.1:9";
    headquarters_ = std::make_unique<HeadquartersClient>(hq);
    updater_ = std::make_unique<ConfigUpdater>(UpdaterOptions{}, *headquarters_, store_);
  }

  ConfigApplyLoop& Loop() {
    if (!loop_) {
      auto live = LoadConfigurationSet(installed_);
      REQUIRE(live);
      ApplyHooks hooks;
      hooks.idle = [this] { return idle; };
      hooks.switch_services = [this](const KioskConfig& config) -> Result<void> {
        services_for.push_back(config.config_dir);
        if (config.config_dir == store_.VersionDir(fail_devices_of)) {
          return std::unexpected(Error(ErrorCode::kDeviceNotReady,
                                       "receipt_printer is not up: connection refused",
                                       "device_unavailable"));
        }
        return {};
      };
      hooks.switch_to = [this](ConfigurationSet& set, std::function<void(Result<void>)> rendered) {
        switched_to.push_back(set.version);
        if (fail_first_frame_of == set.version) {
          rendered(std::unexpected(
              Error(ErrorCode::kInternal, "the home screen did not draw", "home_frame_failed")));
        } else {
          rendered({});
        }
      };
      ConfigurationSource bundles = installed_;
      bundles.terminal = &terminal_;
      loop_ =
          std::make_unique<ConfigApplyLoop>(*updater_, store_, tasks_, std::move(hooks), bundles,
                                            std::move(*live), std::chrono::seconds(300), 0);
    }
    return *loop_;
  }

  ConfigStore& store() { return store_; }
  const ConfigurationSource& installed() const { return installed_; }
  const KioskConfig& terminal() const { return terminal_; }

  bool idle = true;
  std::int64_t fail_first_frame_of = -1;
  std::int64_t fail_devices_of = -1;
  std::vector<std::int64_t> switched_to;
  std::vector<std::string> services_for;  // The config dirs devices were switched to.

 private:
  testing::TempDir dir_{"config-loop"};
  ConfigStore store_;
  KioskConfig terminal_;
  ConfigurationSource installed_;
  TaskRunner tasks_;
  std::unique_ptr<HeadquartersClient> headquarters_;
  std::unique_ptr<ConfigUpdater> updater_;
  std::unique_ptr<ConfigApplyLoop> loop_;
};

}  // namespace

TEST_CASE("a staged version is applied only between citizens, then confirmed", "[config_apply]") {
  LoopRig rig;
  REQUIRE(rig.store().Stage(1, ShippedTree()));
  rig.idle = false;
  rig.Loop().ApplyNow(1);
  CHECK(rig.switched_to.empty());
  CHECK_FALSE(rig.store().Current());

  rig.idle = true;
  rig.Loop().ApplyNow(1);
  CHECK(rig.switched_to == std::vector<std::int64_t>{1});
  CHECK(rig.store().Current() == 1);
  CHECK_FALSE(rig.store().OnTrial());
  CHECK(rig.Loop().AppliedVersion() == 1);
  CHECK(rig.Loop().Live().version == 1);
  CHECK(rig.Loop().Live().config.config_dir == rig.store().VersionDir(1));
  // The terminal's identity stays as installed.
  CHECK(rig.Loop().Live().config.kiosk_id == rig.terminal().kiosk_id);
}

TEST_CASE("a version whose catalog does not validate is refused before the switch",
          "[config_apply]") {
  LoopRig rig;
  REQUIRE(rig.store().Stage(1, WithBrokenCatalog()));
  rig.Loop().ApplyNow(1);
  CHECK(rig.switched_to.empty());
  CHECK_FALSE(rig.store().Current());
  REQUIRE(rig.store().LastRefused());
  CHECK(rig.store().LastRefused()->reason == "health_check_failed: catalog_invalid");
  CHECK(rig.Loop().Live().version == 0);
}

TEST_CASE("the set holds every language; texts is the default one's", "[config_apply][texts]") {
  LoopRig rig;
  auto set = LoadConfigurationSet(rig.installed());
  REQUIRE(set);
  CHECK((*set)->languages.size() == 2);
  CHECK((*set)->texts.Get("button.home") == "返回首页");
  CHECK((*set)->languages.at("zh-CN").Get("button.home") == "返回首页");
  CHECK((*set)->languages.at("en-US").Get("button.home") == "Home");
}

TEST_CASE("a version whose English table lacks a key or a placeholder is refused as texts_invalid",
          "[config_apply][texts]") {
  LoopRig rig;
  std::vector<ConfigFile> files;
  std::string named;
  SECTION("a key missing") {
    files = WithEnglishChanged("button.home");
    named = "missing key(s) button.home";
  }
  SECTION("a placeholder changed") {
    files = WithEnglishChanged("countdown", "Home in {second} s");
    named = "countdown has {second}, expected {seconds}";
  }
  REQUIRE(rig.store().Stage(1, files));
  ConfigurationSource source = rig.installed();
  source.dir = rig.store().VersionDir(1);
  source.terminal = &rig.terminal();
  auto set = LoadConfigurationSet(source);
  REQUIRE_FALSE(set);
  CHECK(set.error().reason == "texts_invalid");
  CHECK_THAT(set.error().detail, Catch::Matchers::Contains(named));

  rig.Loop().ApplyNow(1);
  CHECK(rig.switched_to.empty());
  CHECK_FALSE(rig.store().Current());
  REQUIRE(rig.store().LastRefused());
  CHECK(rig.store().LastRefused()->reason == "health_check_failed: texts_invalid");
  CHECK(rig.Loop().Live().version == 0);
}

TEST_CASE("a version whose changed device does not come up is refused; the devices switch back",
          "[config_apply]") {
  LoopRig rig;
  REQUIRE(rig.store().Stage(1, ShippedTree()));
  rig.fail_devices_of = 1;
  rig.Loop().ApplyNow(1);
  CHECK(rig.switched_to.empty());
  CHECK(rig.services_for ==
        std::vector<std::string>{rig.store().VersionDir(1), rig.terminal().config_dir});
  CHECK_FALSE(rig.store().Current());
  REQUIRE(rig.store().LastRefused());
  CHECK(rig.store().LastRefused()->reason == "health_check_failed: device_unavailable");
  CHECK(rig.Loop().Live().version == 0);
}

TEST_CASE("a version whose first frame fails is rolled back and the old one shown again",
          "[config_apply]") {
  LoopRig rig;
  REQUIRE(rig.store().Stage(1, ShippedTree()));
  rig.Loop().ApplyNow(1);
  REQUIRE(rig.store().Current() == 1);
  REQUIRE(rig.store().Stage(2, ShippedTree()));
  rig.fail_first_frame_of = 2;
  rig.Loop().ApplyNow(2);
  CHECK(rig.switched_to == std::vector<std::int64_t>{1, 2, 1});
  CHECK(rig.services_for == std::vector<std::string>{rig.store().VersionDir(1),
                                                     rig.store().VersionDir(2),
                                                     rig.store().VersionDir(1)});
  CHECK(rig.store().Current() == 1);
  CHECK_FALSE(rig.store().OnTrial());
  CHECK(rig.store().LastRefused()->version == 2);
  CHECK(rig.store().LastRefused()->reason == "health_check_failed: home_frame_failed");
  CHECK(rig.Loop().Live().version == 1);
  CHECK(rig.Loop().AppliedVersion() == 1);
}

TEST_CASE("a kiosk that died with a version on trial starts on the one before", "[config_apply]") {
  LoopRig rig;
  REQUIRE(rig.store().Stage(1, ShippedTree()));
  REQUIRE(rig.store().Activate(1));
  REQUIRE(rig.store().Confirm());
  REQUIRE(rig.store().Stage(2, ShippedTree()));
  REQUIRE(rig.store().Activate(2));  // On trial: the process dies here.

  auto set = StartUpConfiguration(rig.store(), rig.installed(), rig.terminal());
  REQUIRE(set);
  CHECK((*set)->version == 1);
  CHECK(rig.store().Current() == 1);
  CHECK(rig.store().LastRefused()->reason == "health_check_not_finished");

  SECTION("and one that no longer loads falls back to the installed configuration") {
    fs::remove(rig.store().VersionDir(1) + "/kiosk.json");
    auto installed = StartUpConfiguration(rig.store(), rig.installed(), rig.terminal());
    REQUIRE(installed);
    CHECK((*installed)->version == 0);
    CHECK_FALSE(rig.store().Current());
  }
}

TEST_CASE("an administrator rolls back to the previous version; the undone one stays refused",
          "[config_apply][admin]") {
  LoopRig rig;
  // Nothing from headquarters runs yet: nothing to roll back.
  auto nothing = rig.Loop().RollBackByOperator("总部通知");
  REQUIRE_FALSE(nothing);
  CHECK(nothing.error().code == ErrorCode::kSequence);

  REQUIRE(rig.store().Stage(1, ShippedTree()));
  rig.Loop().ApplyNow(1);
  REQUIRE(rig.store().Stage(2, ShippedTree()));
  rig.Loop().ApplyNow(2);
  REQUIRE(rig.store().Current() == 2);

  REQUIRE(rig.Loop().RollBackByOperator("总部通知"));
  CHECK(rig.switched_to == std::vector<std::int64_t>{1, 2, 1});
  CHECK(rig.services_for.back() == rig.store().VersionDir(1));
  CHECK(rig.store().Current() == 1);
  CHECK(rig.Loop().Live().version == 1);
  CHECK(rig.Loop().AppliedVersion() == 1);
  REQUIRE(rig.store().LastRefused());
  CHECK(rig.store().LastRefused()->version == 2);
  CHECK(rig.store().LastRefused()->reason.find("rolled back by an administrator: 总部通知") !=
        std::string::npos);

  // Once more: back to the installed configuration.
  REQUIRE(rig.Loop().RollBackByOperator("设备或系统维护"));
  CHECK(rig.switched_to.back() == 0);
  CHECK_FALSE(rig.store().Current());
  CHECK(rig.Loop().AppliedVersion() == 0);
}

}  // namespace kiosk
