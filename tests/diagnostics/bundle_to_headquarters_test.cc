// Admin mode's "send to headquarters": the diagnostics JSON through the
// real HeadquartersClient (libcurl) to the real kiosk-central program, read
// back from its report history; then with headquarters gone.

#include <httplib.h>

#include <catch2/catch.hpp>
#include <string>

#include "kiosk/core/central/headquarters_client.h"
#include "kiosk/core/diagnostics/diagnostics_bundle.h"
#include "tests/support/temp_dir.h"
#include "tests/sync/central_process.h"

namespace kiosk {

TEST_CASE("a diagnostics bundle sent to headquarters arrives whole and scrubbed",
          "[diagnostics][central]") {
  testing::TempDir dir("diagnostics-central");
  testing::CentralProcess central(dir.Path().string(), {});
  HeadquartersOptions options;
  options.api_endpoint = central.Url();
  options.kiosk_id = "ZS-24H-HALL1-T03";
  HeadquartersClient headquarters(options);

  DiagnosticsInputs inputs;
  inputs.kiosk_id = "ZS-24H-HALL1-T03";
  inputs.region = "442000";
  inputs.software_version = "0.9.3";
  inputs.devices = {{"receipt_printer", {{"state", "online"}, {"paper", "low"}}}};
  inputs.queue = {{"pending", 3}, {"last_error", "citizen 13812345678 not found"}};
  inputs.created_unix_ms = 1'795'421'702'000;
  // A full log ring (admin mode sends the last 2,000 lines), one of them a
  // careless line with a citizen's ID number.
  const std::string padding(160, '.');
  for (int i = 0; i < 1999; ++i) {
    inputs.log.push_back({inputs.created_unix_ms - 2000 + i, log::Level::kInfo, "sync",
                          "line " + std::to_string(i) + " " + padding});
  }
  inputs.log.push_back({inputs.created_unix_ms, log::Level::kWarning, "session",
                        "lookup of 110101199003071234 took long"});

  auto sent = headquarters.Report("diagnostics", DiagnosticsJson(inputs));
  INFO((sent ? std::string("sent") : sent.error().Describe()));
  REQUIRE(sent);
  httplib::Client client(central.Url());
  auto reply = client.Get("/v1/kiosks/ZS-24H-HALL1-T03/reports?kind=diagnostics");
  REQUIRE(reply);
  REQUIRE(reply->status == 200);
  const auto reports = nlohmann::json::parse(reply->body)["reports"];
  REQUIRE(reports.size() == 1);
  const nlohmann::json& report = reports[0]["report"];
  CHECK(report["kiosk_id"] == "ZS-24H-HALL1-T03");
  CHECK(report["devices"]["receipt_printer"]["paper"] == "low");
  REQUIRE(report["log"].size() == 2000);
  CHECK(report["log"][1999].get<std::string>().ends_with("lookup of 1101**********1234 took long"));
  CHECK(report["queue"]["last_error"] == "citizen 138****5678 not found");
  CHECK(report["scrubbed"]["id_numbers"] == 1);
  const std::string text = reply->body;
  CHECK(text.find("110101199003071234") == std::string::npos);
  CHECK(text.find("13812345678") == std::string::npos);

  // Headquarters gone: a precise error for the engineer, nothing pretends
  // it went.
  central.Stop();
  auto unreachable = headquarters.Report("diagnostics", DiagnosticsJson(inputs));
  REQUIRE_FALSE(unreachable);
  INFO(unreachable.error().Describe());
  CHECK(unreachable.error().Describe().find("127.0.0.1") != std::string::npos);
}

}  // namespace kiosk
