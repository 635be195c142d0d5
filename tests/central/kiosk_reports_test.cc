// Kiosks' reports to headquarters over real HTTP: stored with their arrival
// time, read back per kiosk (newest first) and as the fleet's latest.

#include <catch2/catch.hpp>

#include "tests/central/central_test_support.h"

namespace kiosk::central::testing {

TEST_CASE("a kiosk's configuration reports are kept and read back", "[central][reports]") {
  RunningCentral central;
  auto& client = central.Client();
  auto first = client.Post("/v1/kiosks/ZS-T03/reports/config", R"({"applied_version":3})",
                           "application/json");
  REQUIRE(first);
  CHECK(first->status == 201);
  REQUIRE(client.Post("/v1/kiosks/ZS-T03/reports/config",
                      R"({"applied_version":3,"refused":{"version":4,"reason":"rollback"}})",
                      "application/json"));
  REQUIRE(client.Post("/v1/kiosks/SZ-T01/reports/config", R"({"applied_version":5})",
                      "application/json"));

  auto history = BodyOf(client.Get("/v1/kiosks/ZS-T03/reports?kind=config"));
  REQUIRE(history["reports"].size() == 2);
  CHECK(history["reports"][0]["report"]["refused"]["reason"] == "rollback");
  CHECK(history["reports"][1]["report"]["applied_version"] == 3);
  CHECK(history["reports"][0]["received_unix_ms"].get<std::int64_t>() > 0);

  auto fleet = BodyOf(client.Get("/v1/kiosks?kind=config"));
  REQUIRE(fleet["reports"].size() == 2);
  CHECK(fleet["reports"][0]["kiosk_id"] == "SZ-T01");
  CHECK(fleet["reports"][1]["report"]["refused"]["version"] == 4);
}

TEST_CASE("a malformed report is refused with the error shape", "[central][reports]") {
  RunningCentral central;
  auto& client = central.Client();
  auto not_json = client.Post("/v1/kiosks/ZS-T03/reports/config", "{", "application/json");
  REQUIRE(not_json);
  CHECK(not_json->status == 400);
  CHECK(ErrorCodeOf(not_json) == "invalid_json");
  auto bad_id = client.Post("/v1/kiosks/ZS%20T03/reports/config", "{}", "application/json");
  REQUIRE(bad_id);
  CHECK(ErrorCodeOf(bad_id) == "invalid_kiosk_id");
  auto bad_limit = client.Get("/v1/kiosks/ZS-T03/reports?limit=x");
  REQUIRE(bad_limit);
  CHECK(ErrorCodeOf(bad_limit) == "invalid_limit");
}

}  // namespace kiosk::central::testing
