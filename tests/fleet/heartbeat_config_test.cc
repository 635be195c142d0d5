// headquarters.heartbeat_interval_s in kiosk.json: its default, a set
// value, and a refused one.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kiosk/core/config/kiosk_config.h"
#include "tests/support/temp_dir.h"

namespace kiosk {
namespace {

// The shipped configuration copied, with `headquarters` set as given.
Result<KioskConfig> LoadWithHeadquarters(const nlohmann::json& headquarters) {
  testing::TempDir dir("heartbeat-config");
  std::filesystem::copy(KIOSK_CONFIG_DIR, dir.Path(), std::filesystem::copy_options::recursive);
  nlohmann::json kiosk = nlohmann::json::parse(std::ifstream(dir.File("kiosk.json")));
  kiosk["headquarters"] = headquarters;
  std::ofstream(dir.File("kiosk.json")) << kiosk.dump(2);
  return LoadKioskConfig(dir.Path().string());
}

const nlohmann::json kHeadquarters = {{"endpoint", "https://hq.example:8480"},
                                      {"config_repository", "https://cdn.example/kiosk-config"}};

}  // namespace

TEST_CASE("the heartbeat interval defaults to a minute", "[fleet][config]") {
  auto config = LoadWithHeadquarters(kHeadquarters);
  REQUIRE(config);
  REQUIRE(config->headquarters);
  CHECK(config->headquarters->heartbeat_interval == std::chrono::seconds(60));
}

TEST_CASE("the heartbeat interval is read and checked", "[fleet][config]") {
  nlohmann::json headquarters = kHeadquarters;
  headquarters["heartbeat_interval_s"] = 15;
  auto config = LoadWithHeadquarters(headquarters);
  REQUIRE(config);
  CHECK(config->headquarters->heartbeat_interval == std::chrono::seconds(15));

  headquarters["heartbeat_interval_s"] = 0;
  auto refused = LoadWithHeadquarters(headquarters);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().code == ErrorCode::kInvalidData);
  CHECK(refused.error().detail.find("\"heartbeat_interval_s\" must be a positive integer") !=
        std::string::npos);
}

}  // namespace kiosk
