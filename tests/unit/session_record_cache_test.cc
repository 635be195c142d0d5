// Offline answers from the record cache: a read-only item shows the
// citizen's last retrieved record when the service cannot be reached —
// marked with its time and age on the screen and on paper — and nothing
// else ever does.

#include <catch2/catch.hpp>

#include "tests/unit/session_harness.h"

using namespace kiosk;
using namespace kiosk::testing;

namespace {

constexpr std::int64_t kHourMs = 3600LL * 1000;
constexpr const char* kCitizen = "440304198805126717";

// From home to the record query's first answer (a result or a notice).
void QueryWithCard(SessionHarness& h, const char* item = kRecordQuery) {
  h.session->SelectItem(item);
  REQUIRE(h.screen() == Screen::kGuide);
  h.session->Continue();
  REQUIRE(h.screen() == Screen::kIdentify);
  h.reader.Insert(ShenzhenCard());
  h.Settle();
}

void EndWithCardTaken(SessionHarness& h) {
  h.session->GoHome();
  h.reader.Remove();
  h.Settle();
  REQUIRE(h.screen() == Screen::kHome);
}

std::string ReceiptTexts(const devices::ReceiptDocument& receipt) {
  std::string texts;
  for (const auto& element : receipt.elements) {
    if (const auto* text = std::get_if<devices::Text>(&element)) texts += text->text + "\n";
  }
  return texts;
}

}  // namespace

TEST_CASE("offline, a read-only item shows the citizen's kept record with its age") {
  SessionHarness h(/*keep_records=*/true);
  QueryWithCard(h);
  REQUIRE(h.screen() == Screen::kResult);
  CHECK(h.session->View().cached_record_note.empty());  // Live.
  EndWithCardTaken(h);
  CHECK(*h.record_cache->Count() == 1);

  // Three days later the network is down.
  h.now_unix_ms += 72 * kHourMs + 5 * 60 * 1000;
  h.central.FailNextQuery(Error(ErrorCode::kNetwork, "connection refused"));
  QueryWithCard(h);
  REQUIRE(h.screen() == Screen::kResult);
  const SessionView view = h.session->View();
  REQUIRE(view.record != nullptr);
  CHECK(view.record->insurances.size() == 2);
  CHECK(view.cached_record_note.find("3 天前") != std::string::npos);
  CHECK(view.cached_record_note.find("2026-11-23 16:00") != std::string::npos);  // China time.

  h.session->Print();
  h.Settle();
  REQUIRE(h.printer.Printed().size() == 1);
  CHECK(ReceiptTexts(h.printer.Printed()[0]).find(view.cached_record_note) != std::string::npos);

  // The next query that reaches the service is live again.
  EndWithCardTaken(h);
  QueryWithCard(h);
  REQUIRE(h.screen() == Screen::kResult);
  CHECK(h.session->View().cached_record_note.empty());
}

TEST_CASE("with nothing kept, or a refusal, the citizen is told as before") {
  SessionHarness h(/*keep_records=*/true);
  SECTION("nothing kept for this citizen: the network notice") {
    h.central.FailNextQuery(Error(ErrorCode::kTimeout, "timed out"));
    QueryWithCard(h);
    REQUIRE(h.screen() == Screen::kNotice);
    CHECK(h.session->View().notice->title_key == "notice.network_unavailable");
  }
  SECTION("the service refuses: never answered from the cache") {
    REQUIRE(h.record_cache->Put("440300", "insurance_record", kCitizen, InsuranceAnswer().dump(),
                                h.now_unix_ms - kHourMs));
    h.central.FailNextQuery(Error(ErrorCode::kServerRejected, "HTTP 403", "card_reported_lost"));
    QueryWithCard(h);
    REQUIRE(h.screen() == Screen::kNotice);
    CHECK(h.session->View().notice->title_key == "notice.card_reported_lost");
  }
  SECTION("a record older than the cache keeps is not shown") {
    REQUIRE(h.record_cache->Put("440300", "insurance_record", kCitizen, InsuranceAnswer().dump(),
                                h.now_unix_ms - 31 * 24 * kHourMs));
    h.central.FailNextQuery(Error(ErrorCode::kServerUnavailable, "HTTP 503"));
    QueryWithCard(h);
    REQUIRE(h.screen() == Screen::kNotice);
    CHECK(h.session->View().notice->title_key == "notice.network_unavailable");
  }
}

TEST_CASE("an item that submits never runs on a kept record") {
  SessionHarness h(/*keep_records=*/true);
  const nlohmann::json profile = {{"record", {{"name", "张伟"}, {"employment", "unemployed"}}}};
  h.central.SetQueryAnswer("citizen_profile", profile);
  REQUIRE(h.record_cache->Put("440300", "citizen_profile", kCitizen, profile.dump(),
                              h.now_unix_ms - kHourMs));
  h.central.FailNextQuery(Error(ErrorCode::kNetwork, "connection refused"));
  QueryWithCard(h, "emp.employment_registration");
  REQUIRE(h.screen() == Screen::kNotice);
  CHECK(h.session->View().notice->title_key == "notice.network_unavailable");

  // Nor is its live answer kept.
  h.session->Retry();
  h.Settle();
  CHECK(h.screen() != Screen::kNotice);
  CHECK(*h.record_cache->Count() == 1);
}
