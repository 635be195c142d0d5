// Submissions and their idempotency keys (IETF httpapi Idempotency-Key
// draft semantics) over real HTTP.

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "central/sha256.h"
#include "tests/central/central_test_support.h"

namespace kiosk::central::testing {
namespace {

using nlohmann::json;

json Submission(const std::string& kind, const std::string& item_id, const json& payload) {
  return {{"kind", kind}, {"item_id", item_id}, {"kiosk_id", "SZ-FT-0007"}, {"payload", payload}};
}

const json kEnrolment = Submission("child_medical_enrolment", "gd-ybj-0012",
                                   {{"child_name", "张小明"}, {"birth_date", "2024-05-01"}});

json ListSubmissions(RunningCentral& central, const std::string& query = "") {
  auto result = central.Client().Get("/v1/submissions" + query);
  REQUIRE(result);
  REQUIRE(result->status == 200);
  return BodyOf(result)["submissions"];
}

TEST_CASE("a new submission is stored and answered 201 with a tracking number", "[central]") {
  RunningCentral central;
  auto result = central.Submit("440300", "key-1", kEnrolment.dump());
  REQUIRE(result);
  REQUIRE(result->status == 201);
  CHECK_FALSE(result->has_header("Idempotent-Replayed"));
  const auto body = BodyOf(result);
  CHECK(body["status"] == "accepted");
  CHECK(LooksLike(body["tracking_number"].get<std::string>(), "440300-20######-######"));
  CHECK(LooksLike(body["received_at"].get<std::string>(), "####-##-##T##:##:##Z"));

  const auto stored = ListSubmissions(central);
  REQUIRE(stored.size() == 1);
  CHECK(stored[0] == json{{"tracking_number", body["tracking_number"]},
                          {"region", "440300"},
                          {"kind", "child_medical_enrolment"},
                          {"item_id", "gd-ybj-0012"},
                          {"kiosk_id", "SZ-FT-0007"},
                          {"idempotency_key", "key-1"},
                          {"received_at", body["received_at"]},
                          {"payload", kEnrolment["payload"]}});
}

TEST_CASE("a repeat with the same key and body replays the first answer", "[central]") {
  RunningCentral central;
  auto first = central.Submit("440300", "key-1", kEnrolment.dump());
  REQUIRE(first);
  REQUIRE(first->status == 201);

  // The same document with other spacing and key order is the same body.
  for (const std::string& body : {kEnrolment.dump(), kEnrolment.dump(2)}) {
    auto again = central.Submit("440300", "key-1", body);
    REQUIRE(again);
    CHECK(again->status == 201);
    CHECK(again->body == first->body);
    CHECK(again->get_header_value("Idempotent-Replayed") == "true");
  }
  const std::string reordered =
      R"({"payload":{"birth_date":"2024-05-01","child_name":"张小明"},"kiosk_id":"SZ-FT-0007",)"
      R"("kind":"child_medical_enrolment","item_id":"gd-ybj-0012"})";
  auto again = central.Submit("440300", "key-1", reordered);
  REQUIRE(again);
  CHECK(again->body == first->body);
  CHECK(ListSubmissions(central).size() == 1);
}

TEST_CASE("a reused key with another body is refused with 422", "[central]") {
  RunningCentral central;
  REQUIRE(central.Submit("440300", "key-1", kEnrolment.dump())->status == 201);
  json changed = kEnrolment;
  changed["payload"]["child_name"] = "张小红";
  auto result = central.Submit("440300", "key-1", changed.dump());
  REQUIRE(result);
  CHECK(result->status == 422);
  CHECK(ErrorCodeOf(result) == "idempotency_key_reused");
  CHECK(ListSubmissions(central).size() == 1);
}

TEST_CASE("idempotency keys are scoped per region", "[central]") {
  RunningCentral central;
  auto shenzhen = central.Submit("440300", "key-1", kEnrolment.dump());
  auto zhongshan = central.Submit("442000", "key-1", kEnrolment.dump());
  REQUIRE(shenzhen);
  REQUIRE(zhongshan);
  CHECK(shenzhen->status == 201);
  CHECK(zhongshan->status == 201);
  CHECK_FALSE(zhongshan->has_header("Idempotent-Replayed"));
  CHECK(BodyOf(zhongshan)["tracking_number"].get<std::string>().starts_with("442000-"));
  CHECK(ListSubmissions(central).size() == 2);
}

TEST_CASE("a repeat while the first is in progress is refused with 409", "[central]") {
  RunningCentral central;
  // Claim the key as a concurrent request would, between its two steps.
  auto fingerprint = Sha256Hex(kEnrolment.dump());
  REQUIRE(fingerprint);
  auto claim = central.Store().ClaimKey("440300", "key-1", *fingerprint);
  REQUIRE(claim);
  REQUIRE(claim->outcome == ClaimOutcome::kClaimed);

  auto result = central.Submit("440300", "key-1", kEnrolment.dump());
  REQUIRE(result);
  CHECK(result->status == 409);
  CHECK(ErrorCodeOf(result) == "request_in_progress");
  CHECK(result->get_header_value("Retry-After") == "1");
  // A different body is still a reused key, in progress or not.
  json changed = kEnrolment;
  changed["item_id"] = "gd-ybj-0013";
  result = central.Submit("440300", "key-1", changed.dump());
  REQUIRE(result);
  CHECK(result->status == 422);

  // Once the first gives up, the retry goes through.
  REQUIRE(central.Store().ReleaseKey("440300", "key-1"));
  result = central.Submit("440300", "key-1", kEnrolment.dump());
  REQUIRE(result);
  CHECK(result->status == 201);
  CHECK(ListSubmissions(central).size() == 1);
}

TEST_CASE("concurrent repeats store the submission once", "[central]") {
  RunningCentral central;
  constexpr int kRequests = 8;
  std::vector<int> statuses(kRequests);
  std::vector<bool> replayed(kRequests);
  std::vector<std::string> bodies(kRequests);
  std::vector<std::thread> threads;
  for (int i = 0; i < kRequests; ++i) {
    threads.emplace_back([&, i] {
      httplib::Client client("127.0.0.1", central.Port());
      auto result = client.Post("/v1/regions/440300/submissions",
                                httplib::Headers{{"Idempotency-Key", "same-key"}},
                                kEnrolment.dump(), "application/json");
      if (!result) return;
      statuses[i] = result->status;
      replayed[i] = result->has_header("Idempotent-Replayed");
      bodies[i] = result->body;
    });
  }
  for (auto& thread : threads) thread.join();
  int fresh = 0;
  std::string first_body;
  for (int i = 0; i < kRequests; ++i) {
    INFO(i << ": " << statuses[i] << " " << bodies[i]);
    CHECK((statuses[i] == 201 || statuses[i] == 409));
    if (statuses[i] == 201 && !replayed[i]) {
      ++fresh;
      first_body = bodies[i];
    }
  }
  CHECK(fresh == 1);
  for (int i = 0; i < kRequests; ++i) {
    if (statuses[i] == 201) CHECK(bodies[i] == first_body);
  }
  CHECK(ListSubmissions(central).size() == 1);
}

TEST_CASE("a missing or malformed Idempotency-Key is refused with 400", "[central]") {
  RunningCentral central;
  auto missing = central.Client().Post("/v1/regions/440300/submissions", kEnrolment.dump(),
                                       "application/json");
  REQUIRE(missing);
  CHECK(missing->status == 400);
  CHECK(ErrorCodeOf(missing) == "invalid_idempotency_key");

  for (const std::string& key : {std::string(129, 'k'), std::string("钥匙"), std::string("a\tb")}) {
    INFO(key);
    auto result = central.Submit("440300", key, kEnrolment.dump());
    REQUIRE(result);
    CHECK(result->status == 400);
    CHECK(ErrorCodeOf(result) == "invalid_idempotency_key");
  }
  auto twice = central.Client().Post(
      "/v1/regions/440300/submissions",
      httplib::Headers{{"Idempotency-Key", "key-1"}, {"Idempotency-Key", "key-2"}},
      kEnrolment.dump(), "application/json");
  REQUIRE(twice);
  CHECK(twice->status == 400);
  CHECK(ErrorCodeOf(twice) == "invalid_idempotency_key");

  // 128 printable characters are fine.
  auto longest = central.Submit("440300", std::string(128, '~'), kEnrolment.dump());
  REQUIRE(longest);
  CHECK(longest->status == 201);
  CHECK(ListSubmissions(central).size() == 1);
}

TEST_CASE("a malformed submission or unknown region is refused and not stored", "[central]") {
  RunningCentral central;
  std::vector<std::string> bodies = {"not json", "[]", "{}"};
  for (const char* field : {"kind", "item_id", "kiosk_id", "payload"}) {
    json without = kEnrolment;
    without.erase(field);
    bodies.push_back(without.dump());
  }
  for (const json& kind : {json("ChildEnrolment"), json("1st"), json(""), json(7)}) {
    json bad = kEnrolment;
    bad["kind"] = kind;
    bodies.push_back(bad.dump());
  }
  json not_object = kEnrolment;
  not_object["payload"] = json::array({1, 2});
  bodies.push_back(not_object.dump());
  json empty_item = kEnrolment;
  empty_item["item_id"] = "";
  bodies.push_back(empty_item.dump());

  int n = 0;
  for (const std::string& body : bodies) {
    INFO(body);
    auto result = central.Submit("440300", "key-" + std::to_string(n++), body);
    REQUIRE(result);
    CHECK(result->status == 400);
    CHECK(ErrorCodeOf(result) == "invalid_request");
  }
  auto unknown = central.Submit("110000", "key-x", kEnrolment.dump());
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
  CHECK(ErrorCodeOf(unknown) == "unknown_region");
  CHECK(ListSubmissions(central).empty());

  // A refused request does not use up its key.
  auto fixed = central.Submit("440300", "key-0", kEnrolment.dump());
  REQUIRE(fixed);
  CHECK(fixed->status == 201);
}

TEST_CASE("the submission list filters by region and kind in arrival order", "[central]") {
  RunningCentral central;
  const json rating = Submission("service_rating", "gd-ybj-0012", {{"stars", 5}});
  REQUIRE(central.Submit("440300", "a", kEnrolment.dump())->status == 201);
  REQUIRE(central.Submit("442000", "b", kEnrolment.dump())->status == 201);
  REQUIRE(central.Submit("440300", "c", rating.dump())->status == 201);
  REQUIRE(central.Submit("440300", "d", kEnrolment.dump())->status == 201);

  auto keys = [](const json& list) {
    std::vector<std::string> result;
    for (const auto& entry : list) result.push_back(entry["idempotency_key"]);
    return result;
  };
  using Keys = std::vector<std::string>;
  CHECK(keys(ListSubmissions(central)) == Keys{"a", "b", "c", "d"});
  CHECK(keys(ListSubmissions(central, "?region=440300")) == Keys{"a", "c", "d"});
  CHECK(keys(ListSubmissions(central, "?kind=child_medical_enrolment")) == Keys{"a", "b", "d"});
  CHECK(keys(ListSubmissions(central, "?region=440300&kind=service_rating")) == Keys{"c"});
  CHECK(ListSubmissions(central, "?region=110000").empty());
}

TEST_CASE("tracking numbers are unique and counted per region and day", "[central]") {
  RunningCentral central;
  std::set<std::string> numbers;
  for (int i = 0; i < 20; ++i) {
    auto result = central.Submit("440300", "key-" + std::to_string(i), kEnrolment.dump());
    REQUIRE(result);
    REQUIRE(result->status == 201);
    numbers.insert(BodyOf(result)["tracking_number"].get<std::string>());
  }
  CHECK(numbers.size() == 20);
  // Sequential within a day (the test does not straddle Beijing midnight
  // in practice; if it does, each day still starts at 000001).
  CHECK(numbers.begin()->ends_with("-000001"));
}

TEST_CASE("keys and submissions survive a restart of the service", "[central]") {
  TempDir dir;
  const std::string db = dir.File("central.sqlite");
  std::string first_body;
  {
    RunningCentral central(db);
    auto result = central.Submit("440300", "key-1", kEnrolment.dump());
    REQUIRE(result);
    REQUIRE(result->status == 201);
    first_body = result->body;
    // A claim that a crash would leave behind.
    auto claim = central.Store().ClaimKey("440300", "stuck", "0");
    REQUIRE(claim);
  }
  RunningCentral central(db);
  auto replay = central.Submit("440300", "key-1", kEnrolment.dump());
  REQUIRE(replay);
  CHECK(replay->status == 201);
  CHECK(replay->body == first_body);
  CHECK(replay->get_header_value("Idempotent-Replayed") == "true");
  // The stale in-progress marker is gone, so the key works again.
  auto retried = central.Submit("440300", "stuck", kEnrolment.dump());
  REQUIRE(retried);
  CHECK(retried->status == 201);
  CHECK(ListSubmissions(central).size() == 2);
}

}  // namespace
}  // namespace kiosk::central::testing
