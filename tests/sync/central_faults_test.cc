// kiosk-central's fault injection through the real program: each mode
// does what fault_injection.h says, and only when the flag allows it.

#include <httplib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "tests/support/temp_dir.h"
#include "tests/sync/central_process.h"

namespace kiosk::testing {
namespace {

using nlohmann::json;

std::string Body(const std::string& item) {
  return json{{"kind", "child_card_application"},
              {"item_id", item},
              {"kiosk_id", "TEST-KIOSK"},
              {"payload", {{"fields", json::object()}}}}
      .dump();
}

httplib::Result Submit(httplib::Client& client, const std::string& region, const std::string& key,
                       const std::string& item = "ssc.child_card_application") {
  return client.Post("/v1/regions/" + region + "/submissions",
                     httplib::Headers{{"Idempotency-Key", key}}, Body(item), "application/json");
}

void SetFault(httplib::Client& client, const json& plan) {
  auto answer = client.Post("/v1/test/faults", plan.dump(), "application/json");
  REQUIRE(answer);
  INFO(answer->body);
  REQUIRE(answer->status == 200);
}

int CountStored(httplib::Client& client, const std::string& key) {
  auto answer = client.Get("/v1/submissions");
  REQUIRE(answer);
  REQUIRE(answer->status == 200);
  int count = 0;
  const json list = json::parse(answer->body);
  for (const auto& row : list["submissions"]) {
    if (row["idempotency_key"] == key) ++count;
  }
  return count;
}

TEST_CASE("without --allow-fault-injection the control endpoint does not exist",
          "[sync][central_faults]") {
  TempDir dir("central-faults");
  CentralProcess central(dir.Path().string(), {});
  httplib::Client client("127.0.0.1", central.port());
  auto set = client.Post("/v1/test/faults", R"({"mode":"down"})", "application/json");
  REQUIRE(set);
  CHECK(set->status == 404);
  auto get = client.Get("/v1/test/faults");
  REQUIRE(get);
  CHECK(get->status == 404);
  auto submitted = Submit(client, "440300", "no-faults-1");
  REQUIRE(submitted);
  CHECK(submitted->status == 201);
}

TEST_CASE("each fault mode answers as documented", "[sync][central_faults]") {
  TempDir dir("central-faults");
  CentralProcess central(dir.Path().string(), {"--allow-fault-injection"});
  httplib::Client client("127.0.0.1", central.port());
  client.set_read_timeout(2, 0);

  SECTION("a malformed plan is refused") {
    auto answer = client.Post("/v1/test/faults", R"({"mode":"explode"})", "application/json");
    REQUIRE(answer);
    CHECK(answer->status == 400);
    answer = client.Post("/v1/test/faults", R"({"mode":"stall"})", "application/json");
    REQUIRE(answer);
    CHECK(answer->status == 400);
  }

  SECTION("down answers 503 with Retry-After and stores nothing") {
    SetFault(client, {{"mode", "down"}});
    auto answer = Submit(client, "440300", "down-1");
    REQUIRE(answer);
    CHECK(answer->status == 503);
    CHECK(answer->get_header_value("Retry-After") == "1");
    CHECK(CountStored(client, "down-1") == 0);
    // The read-only list is never faulted; health neither.
    auto health = client.Get("/v1/health");
    REQUIRE(health);
    CHECK(health->status == 200);
  }

  SECTION("error_500 for `count` requests, then normal again") {
    SetFault(client, {{"mode", "error_500"}, {"count", 2}});
    for (int i = 0; i < 2; ++i) {
      auto answer = Submit(client, "440300", "e500-1");
      REQUIRE(answer);
      CHECK(answer->status == 500);
    }
    auto answer = Submit(client, "440300", "e500-1");
    REQUIRE(answer);
    CHECK(answer->status == 201);
    auto state = client.Get("/v1/test/faults");
    REQUIRE(state);
    CHECK(json::parse(state->body)["mode"] == "none");
  }

  SECTION("error_429 asks to come back later") {
    SetFault(client, {{"mode", "error_429"}});
    auto answer = Submit(client, "440300", "e429-1");
    REQUIRE(answer);
    CHECK(answer->status == 429);
    CHECK(answer->get_header_value("Retry-After") == "1");
  }

  SECTION("regions limit the fault") {
    SetFault(client, {{"mode", "error_500"}, {"regions", {"442000"}}});
    auto faulted = Submit(client, "442000", "regions-1");
    REQUIRE(faulted);
    CHECK(faulted->status == 500);
    auto spared = Submit(client, "440300", "regions-2");
    REQUIRE(spared);
    CHECK(spared->status == 201);
  }

  SECTION("cut drops the connection without an answer and stores nothing") {
    SetFault(client, {{"mode", "cut"}, {"count", 1}});
    auto answer = Submit(client, "440300", "cut-1");
    CHECK_FALSE(answer);
    CHECK(CountStored(client, "cut-1") == 0);
  }

  SECTION("cut_after_store keeps the submission but never answers") {
    SetFault(client, {{"mode", "cut_after_store"}, {"count", 1}});
    auto answer = Submit(client, "440300", "cut-after-1");
    CHECK_FALSE(answer);
    CHECK(CountStored(client, "cut-after-1") == 1);
    // The kiosk's retry gets the first answer again, and nothing is doubled.
    auto retry = Submit(client, "440300", "cut-after-1");
    REQUIRE(retry);
    CHECK(retry->status == 201);
    CHECK(retry->get_header_value("Idempotent-Replayed") == "true");
    CHECK(CountStored(client, "cut-after-1") == 1);
  }

  SECTION("stall answers after the client gave up, and still stores") {
    SetFault(client, {{"mode", "stall"}, {"stall_ms", 1500}, {"count", 1}});
    client.set_read_timeout(0, 300 * 1000);
    auto answer = Submit(client, "440300", "stall-1");
    CHECK_FALSE(answer);
    client.set_read_timeout(5, 0);
    // The stalled handler finishes in the background.
    int stored = 0;
    for (int i = 0; i < 100 && stored == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      stored = CountStored(client, "stall-1");
    }
    CHECK(stored == 1);
  }
}

}  // namespace
}  // namespace kiosk::testing
