// "network.tls" in kiosk.json: paths resolve against the config directory,
// unknown keys and half-configured TLS are refused with the field named.

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kiosk/core/config/kiosk_config.h"
#include "tests/support/temp_dir.h"

namespace kiosk {
namespace {

nlohmann::json MinimalConfig(const std::string& endpoint) {
  return {{"format_version", 1},
          {"kiosk_id", "ZS-24H-HALL1-T03"},
          {"home_region", "442000"},
          {"regions", {{"442000", {{"name", "中山市"}, {"endpoint", endpoint}}}}}};
}

Result<KioskConfig> LoadWith(const testing::TempDir& dir, const nlohmann::json& document) {
  std::ofstream(dir.File("kiosk.json")) << document.dump(2);
  return LoadKioskConfig(dir.Path().string());
}

nlohmann::json Tls() {
  return {{"ca_file", "tls/regional-ca.pem"},
          {"client_certificate", "tls/kiosk.pem"},
          {"client_key", "/var/lib/kiosk/kiosk.key"}};
}

}  // namespace

TEST_CASE("network.tls paths resolve against the config directory", "[tls][config]") {
  testing::TempDir dir("kiosk-tls-config");
  auto document = MinimalConfig("https://central.example:8443");
  document["network"]["tls"] = Tls();
  document["network"]["tls"]["pinned_public_key"] = "sha256//abc=";
  auto config = LoadWith(dir, document);
  REQUIRE(config.has_value());
  REQUIRE(config->tls.has_value());
  CHECK(config->tls->ca_file == config->config_dir + "/tls/regional-ca.pem");
  CHECK(config->tls->client_certificate == config->config_dir + "/tls/kiosk.pem");
  CHECK(config->tls->client_key == "/var/lib/kiosk/kiosk.key");
  CHECK(config->tls->pinned_public_key == "sha256//abc=");
}

TEST_CASE("plain http endpoints need no network.tls", "[tls][config]") {
  testing::TempDir dir("kiosk-tls-config");
  auto config = LoadWith(dir, MinimalConfig("http://127.0.0.1:8480"));
  REQUIRE(config.has_value());
  CHECK_FALSE(config->tls.has_value());
}

TEST_CASE("network.tls refuses what it does not know or lacks", "[tls][config]") {
  testing::TempDir dir("kiosk-tls-config");
  auto document = MinimalConfig("https://central.example:8443");
  std::string expected;
  SECTION("an unknown key") {
    document["network"]["tls"] = Tls();
    document["network"]["tls"]["client_cert"] = "tls/kiosk.pem";
    expected = "network.tls: unknown key \"client_cert\"";
  }
  SECTION("a missing key file") {
    document["network"]["tls"] = Tls();
    document["network"]["tls"].erase("client_key");
    expected = "network.tls: \"client_key\" must be a non-empty string";
  }
  SECTION("a pin in the wrong form") {
    document["network"]["tls"] = Tls();
    document["network"]["tls"]["pinned_public_key"] = "abc=";
    expected = "\"pinned_public_key\" must have the form sha256//<base64>";
  }
  SECTION("not an object") {
    document["network"]["tls"] = "tls/regional-ca.pem";
    expected = "network.tls: must be an object";
  }
  SECTION("an https endpoint without it") {
    expected = "regions.442000: an https:// endpoint needs \"network.tls\"";
  }
  auto config = LoadWith(dir, document);
  REQUIRE_FALSE(config.has_value());
  INFO(config.error().Describe());
  CHECK(config.error().code == ErrorCode::kInvalidData);
  CHECK(config.error().detail.find(expected) != std::string::npos);
}

}  // namespace kiosk
