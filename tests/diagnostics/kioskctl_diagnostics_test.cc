// `kioskctl diagnostics export` and `kioskctl certs`: the real binary on a
// kiosk.json with mutual TLS (the openssl PKI), an outbox with a row and a
// log file that carries an ID number by mistake.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kiosk/core/config/kiosk_config.h"
#include "kiosk/core/sync/kiosk_outbox.h"
#include "tests/support/run_program.h"
#include "tests/support/temp_dir.h"
#include "tests/tls/test_pki.h"

namespace kiosk {
namespace {

const testing::TestPki& Pki() {
  static const testing::TestPki pki;
  return pki;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void WriteConfig(const testing::TempDir& dir, const std::string& client_certificate) {
  const nlohmann::json document = {
      {"format_version", 1},
      {"kiosk_id", "ZS-24H-HALL1-T03"},
      {"home_region", "442000"},
      {"regions", {{"442000", {{"name", "中山市"}, {"endpoint", "https://127.0.0.1:8443"}}}}},
      {"network",
       {{"tls",
         {{"ca_file", Pki().ca},
          {"client_certificate", client_certificate},
          {"client_key", Pki().client.key}}}}}};
  std::ofstream(dir.File("kiosk.json")) << document.dump(2);
}

testing::ProgramOutcome Kioskctl(std::vector<std::string> args) {
  args.insert(args.begin(), KIOSKCTL_PATH);
  return testing::RunProgram(std::move(args));
}

}  // namespace

TEST_CASE("kioskctl diagnostics export writes a scrubbed bundle", "[diagnostics][kioskctl]") {
  testing::TempDir config_dir("kiosk-diag-config");
  testing::TempDir data_dir("kiosk-diag-data");
  testing::TempDir usb("kiosk-diag-usb");
  WriteConfig(config_dir, Pki().client.cert);

  // One queued submission, as the kiosk would have left it.
  auto config = LoadKioskConfig(config_dir.Path().string());
  REQUIRE(config);
  {
    auto outbox = OpenKioskOutbox(*config, data_dir.Path().string(), KeyCreation::kCreateIfMissing);
    REQUIRE(outbox);
    REQUIRE((*outbox)->Enqueue(
        {"key-1", "442000", "application", "item-1", R"({"id_number":"110101199003071234"})"},
        1'795'421'702'000));
  }
  std::filesystem::create_directories(data_dir / "logs");
  std::ofstream(data_dir.File("logs/kiosk.log"))
      << "2026-11-23T08:15:00.000Z INFO sync: delivered row 7 as 440300-20261123-000042\n"
         "2026-11-23T08:15:01.000Z WARN session: careless 110101199003071234 phone 13812345678\n";

  const auto outcome =
      Kioskctl({"diagnostics", "export", "--config", config_dir.Path().string(), "--data-dir",
                data_dir.Path().string(), "--to", usb.Path().string()});
  INFO(outcome.err);
  REQUIRE(outcome.status == 0);
  const std::string bundle = outcome.out.substr(0, outcome.out.find('\n'));
  CHECK(bundle.starts_with(usb.File("kiosk-ZS-24H-HALL1-T03-")));
  const std::string json_text = ReadAll(bundle + "/diagnostics.json");
  const std::string log_text = ReadAll(bundle + "/kiosk.log");
  const auto json = nlohmann::json::parse(json_text);
  CHECK(json["kiosk_id"] == "ZS-24H-HALL1-T03");
  CHECK(json["region"] == "442000");
  CHECK(json["config_version"] == 0);
  CHECK(json["queue"]["present"] == true);
  CHECK(json["queue"]["pending"] == 1);
  CHECK(json["network"]["regions"]["442000"]["endpoint"] == "https://127.0.0.1:8443");
  REQUIRE(json["certificates"].size() == 2);
  CHECK(json["certificates"][1]["subject"] == "CN=ZS-24H-HALL1-T03");
  CHECK(json["certificates"][1]["days_left"].get<int>() > 0);
  REQUIRE(json["log"].size() == 2);
  CHECK(json["log"][0] ==
        "2026-11-23T08:15:00.000Z INFO sync: delivered row 7 as 440300-20261123-000042");
  CHECK(log_text ==
        "2026-11-23T08:15:00.000Z INFO sync: delivered row 7 as 440300-20261123-000042\n"
        "2026-11-23T08:15:01.000Z WARN session: careless 1101**********1234 phone 138****5678\n");
  for (const std::string& text : {json_text, log_text}) {
    CHECK(text.find("110101199003071234") == std::string::npos);
    CHECK(text.find("13812345678") == std::string::npos);
  }
}

TEST_CASE("kioskctl diagnostics export names a missing target", "[diagnostics][kioskctl]") {
  testing::TempDir config_dir("kiosk-diag-config");
  testing::TempDir data_dir("kiosk-diag-data");
  WriteConfig(config_dir, Pki().client.cert);
  const auto outcome =
      Kioskctl({"diagnostics", "export", "--config", config_dir.Path().string(), "--data-dir",
                data_dir.Path().string(), "--to", data_dir.File("no-drive")});
  CHECK(outcome.status == 1);
  CHECK(outcome.err.find("not_found: no export target " + data_dir.File("no-drive")) !=
        std::string::npos);
  CHECK(Kioskctl({"diagnostics"}).status == 2);
  CHECK(Kioskctl({"diagnostics", "export", "--bogus"}).status == 2);
}

TEST_CASE("kioskctl certs prints each certificate's expiry", "[diagnostics][kioskctl]") {
  testing::TempDir config_dir("kiosk-diag-config");
  WriteConfig(config_dir, Pki().client.cert);
  const auto outcome = Kioskctl({"certs", "--config", config_dir.Path().string()});
  INFO(outcome.err);
  REQUIRE(outcome.status == 0);
  CHECK(outcome.out.find("subject CN=Kiosk Test Regional CA") != std::string::npos);
  CHECK(outcome.out.find("subject CN=ZS-24H-HALL1-T03") != std::string::npos);
  CHECK(outcome.out.find("day(s) left") != std::string::npos);

  const auto json = Kioskctl({"certs", "--config", config_dir.Path().string(), "--json"});
  REQUIRE(json.status == 0);
  const auto list = nlohmann::json::parse(json.out);
  REQUIRE(list.size() == 2);
  CHECK(list[1]["path"] == Pki().client.cert);
}

TEST_CASE("kioskctl certs exits 3 for an expired certificate, 1 for a broken one",
          "[diagnostics][kioskctl]") {
  testing::TempDir config_dir("kiosk-diag-config");
  WriteConfig(config_dir, Pki().expired.cert);
  const auto expired = Kioskctl({"certs", "--config", config_dir.Path().string()});
  CHECK(expired.status == 3);
  CHECK(expired.out.find("EXPIRED") != std::string::npos);

  std::ofstream(config_dir.File("garbage.pem")) << "not a certificate\n";
  WriteConfig(config_dir, config_dir.File("garbage.pem"));
  const auto broken = Kioskctl({"certs", "--config", config_dir.Path().string()});
  CHECK(broken.status == 1);
  CHECK(broken.err.find("invalid_data: no PEM certificate in " + config_dir.File("garbage.pem")) !=
        std::string::npos);
}

}  // namespace kiosk
