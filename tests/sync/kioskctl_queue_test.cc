// `kioskctl submit` and `kioskctl queue` through the real programs: a
// submission queued as the UI queues it, delivered to a real kiosk-central,
// a permanent refusal shown as a dead letter and put back by `queue retry`.

#include <httplib.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/run_program.h"
#include "tests/support/temp_dir.h"
#include "tests/sync/central_process.h"

namespace kiosk::testing {
namespace {

using nlohmann::json;

constexpr const char* kItem = "ssc.child_card_application";

std::string WriteFile(const TempDir& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir.File(name)) << text;
  return dir.File(name);
}

ProgramOutcome Kioskctl(std::vector<std::string> args) {
  args.insert(args.begin(), KIOSKCTL_PATH);
  return RunProgram(args);
}

json StatusJson(const std::string& data_dir) {
  auto status = Kioskctl({"queue", "status", "--data-dir", data_dir, "--json"});
  INFO(status.err);
  REQUIRE(status.status == 0);
  return json::parse(status.out);
}

TEST_CASE("kioskctl submit checks the item and its data", "[sync][kioskctl_queue]") {
  TempDir dir("kioskctl-queue");
  const std::string data_dir = dir.File("data");
  const std::string good = WriteFile(dir, "good.json", R"({"child_name":"王小明"})");

  CHECK(Kioskctl({"submit", "--item", "no.such_item", "--data", good, "--data-dir", data_dir})
            .status == 3);
  CHECK(Kioskctl({"submit", "--item", kItem, "--data", WriteFile(dir, "list.json", "[1]"),
                  "--data-dir", data_dir})
            .status == 4);
  auto unknown_field =
      Kioskctl({"submit", "--item", kItem, "--data",
                WriteFile(dir, "bad.json", R"({"shoe_size":"42"})"), "--data-dir", data_dir});
  CHECK(unknown_field.status == 4);
  CHECK(unknown_field.err.find("shoe_size") != std::string::npos);
  CHECK(Kioskctl({"submit", "--item", kItem, "--data", good, "--region", "110000", "--data-dir",
                  data_dir})
            .status == 3);
  CHECK(Kioskctl({"submit", "--item", kItem}).status == 2);

  auto queued = Kioskctl({"submit", "--item", kItem, "--data", good, "--data-dir", data_dir});
  INFO(queued.err);
  REQUIRE(queued.status == 0);
  const json answer = json::parse(queued.out);
  CHECK(answer["id"] == 1);
  CHECK(answer["idempotency_key"].get<std::string>().size() == 36);
  CHECK(answer["acceptance_number"].get<std::string>().starts_with("SL"));
  CHECK(answer["region"] == "442000");  // The shipped kiosk's home region.

  const json status = StatusJson(data_dir);
  CHECK(status["counts"]["pending"] == 1);
  CHECK(status["regions"]["442000"]["pending"] == 1);
  CHECK(status["oldest_pending_age_ms"].is_number());
  CHECK(status["dead_letters"].empty());
}

TEST_CASE("kioskctl queue deliver, dead letters and retry against kiosk-central",
          "[sync][kioskctl_queue]") {
  TempDir dir("kioskctl-queue");
  const std::string data_dir = dir.File("data");
  const std::string data = WriteFile(dir, "data.json", R"({"child_name":"王小明"})");
  CentralProcess central(dir.Path().string(), {"--allow-fault-injection"});
  httplib::Client client("127.0.0.1", central.port());

  auto queued = Kioskctl({"submit", "--item", kItem, "--data", data, "--data-dir", data_dir});
  REQUIRE(queued.status == 0);
  const std::string key = json::parse(queued.out)["idempotency_key"];

  // The central is down: nothing leaves, and --until-empty gives up.
  auto fault = client.Post("/v1/test/faults", R"({"mode":"down"})", "application/json");
  REQUIRE(fault);
  auto down =
      Kioskctl({"queue", "deliver", "--central", central.Url(), "--until-empty", "--timeout", "1",
                "--first-backoff-ms", "50", "--max-backoff-ms", "100", "--data-dir", data_dir});
  CHECK(down.status == 7);
  CHECK(StatusJson(data_dir)["counts"]["pending"] == 1);

  // Someone else used the key for another body first: a permanent 422.
  fault = client.Post("/v1/test/faults", R"({"mode":"none"})", "application/json");
  REQUIRE(fault);
  auto squatter = client.Post(
      "/v1/regions/442000/submissions", httplib::Headers{{"Idempotency-Key", key}},
      R"({"kind":"other","item_id":"x","kiosk_id":"y","payload":{}})", "application/json");
  REQUIRE(squatter);
  REQUIRE(squatter->status == 201);
  // --until-empty waits out the backoff left from the outage.
  auto refused = Kioskctl({"queue", "deliver", "--central", central.Url(), "--until-empty",
                           "--timeout", "10", "--data-dir", data_dir});
  INFO(refused.err);
  CHECK(refused.status == 0);
  json status = StatusJson(data_dir);
  REQUIRE(status["dead_letters"].size() == 1);
  CHECK(status["dead_letters"][0]["reason"].get<std::string>().find("idempotency_key_reused") !=
        std::string::npos);
  auto text = Kioskctl({"queue", "status", "--data-dir", data_dir});
  CHECK(text.out.find("dead letter 1") != std::string::npos);

  // retry: refuses what is not dead, puts the dead letter back.
  auto missing = Kioskctl({"queue", "retry", "42", "--data-dir", data_dir});
  CHECK(missing.status == 5);
  CHECK(missing.err.find("does not exist") != std::string::npos);
  auto retried = Kioskctl({"queue", "retry", "1", "--data-dir", data_dir});
  CHECK(retried.status == 0);
  status = StatusJson(data_dir);
  CHECK(status["counts"]["pending"] == 1);
  CHECK(status["dead_letters"].empty());
  auto again = Kioskctl({"queue", "retry", "1", "--data-dir", data_dir});
  CHECK(again.status == 6);
  CHECK(again.err.find("is pending, not dead") != std::string::npos);

  // A second submission goes through to the healthy central.
  auto second = Kioskctl({"submit", "--item", kItem, "--data", data, "--data-dir", data_dir});
  REQUIRE(second.status == 0);
  auto delivered =
      Kioskctl({"queue", "deliver", "--central", central.Url(), "--data-dir", data_dir});
  CHECK(delivered.status == 0);
  status = StatusJson(data_dir);
  CHECK(status["counts"]["delivered"] == 1);
  CHECK(status["counts"]["dead"] == 1);  // The requeued one was refused again.
}

}  // namespace
}  // namespace kiosk::testing
