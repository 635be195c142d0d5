#include <catch2/catch.hpp>

#include "tests/unit/session_harness.h"

using namespace kiosk;
using namespace kiosk::testing;
using std::chrono::seconds;

namespace {

// Walks from home to the result screen with the Shenzhen test card.
void WalkToResult(SessionHarness& h) {
  h.session->SelectItem(kRecordQuery);
  REQUIRE(h.screen() == Screen::kGuide);
  h.session->Continue();
  REQUIRE(h.screen() == Screen::kIdentify);
  h.reader.Insert(ShenzhenCard());
  h.Settle();
  REQUIRE(h.screen() == Screen::kResult);
}

}  // namespace

TEST_CASE("the whole journey: guide, card, query, result, print, rate, take card, home") {
  SessionHarness h;
  REQUIRE(h.screen() == Screen::kHome);
  h.session->SelectItem(kRecordQuery);
  CHECK(h.screen() == Screen::kGuide);
  CHECK(h.session->View().item->name_zh == "参保基本信息查询");
  h.session->Continue();
  CHECK(h.screen() == Screen::kIdentify);

  h.reader.Insert(ShenzhenCard());
  h.tasks.RunCompletions();  // The insertion event only.
  CHECK((h.screen() == Screen::kReadingCard || h.screen() == Screen::kQuerying ||
         h.screen() == Screen::kResult));
  h.Settle();
  REQUIRE(h.screen() == Screen::kResult);

  auto queries = h.central.Queries();
  REQUIRE(queries.size() == 1);
  CHECK(queries[0].region == "440300");  // The card's region, not the kiosk's home.
  CHECK(queries[0].query == "insurance_record");
  CHECK(queries[0].request["identity"]["ssn"] == "440304198805126717");
  auto view = h.session->View();
  REQUIRE(view.record != nullptr);
  CHECK(view.record->insurances.size() == 2);
  CHECK(view.citizen_name == "张伟");

  h.session->Print();
  CHECK(h.screen() == Screen::kPrinting);
  h.Settle();
  CHECK(h.screen() == Screen::kRate);
  REQUIRE(h.printer.Printed().size() == 1);

  h.session->Rate(5);
  CHECK(h.screen() == Screen::kTakeCard);
  auto pending = h.outbox->List(cache::OutboxState::kPending);
  REQUIRE(pending);
  REQUIRE(pending->size() == 1);
  CHECK((*pending)[0].kind == "service_rating");
  CHECK((*pending)[0].region == "440300");
  CHECK((*pending)[0].idempotency_key == h.session->LastRatingKey());
  CHECK(nlohmann::json::parse((*pending)[0].body_json)["payload"]["level"] == 5);
  // The rating carries no personal data.
  CHECK((*pending)[0].body_json.find("440304198805126717") == std::string::npos);
  // Data is already wiped while the citizen takes the card.
  CHECK(h.session->View().record == nullptr);
  CHECK(h.session->View().citizen_name.empty());

  h.reader.Remove();
  h.Settle();
  CHECK(h.screen() == Screen::kHome);
  CHECK(h.session->SessionsEnded() == 1);
  CHECK_FALSE(h.session->View().card_left_behind);
}

TEST_CASE("back and home transitions") {
  SessionHarness h;
  SECTION("back from the guide ends the session") {
    h.session->SelectItem(kRecordQuery);
    h.session->Back();
    CHECK(h.screen() == Screen::kHome);
  }
  SECTION("back from identify returns to the guide") {
    h.session->SelectItem(kRecordQuery);
    h.session->Continue();
    h.session->Back();
    CHECK(h.screen() == Screen::kGuide);
  }
  SECTION("home from identify with no card goes straight home") {
    h.session->SelectItem(kRecordQuery);
    h.session->Continue();
    h.session->GoHome();
    CHECK(h.screen() == Screen::kHome);
  }
  SECTION("home from the result asks for the card and wipes") {
    WalkToResult(h);
    h.session->GoHome();
    CHECK(h.screen() == Screen::kTakeCard);
    CHECK(h.session->View().record == nullptr);
  }
  SECTION("finishing without printing skips the print step") {
    WalkToResult(h);
    h.session->Continue();
    CHECK(h.screen() == Screen::kRate);
    CHECK(h.printer.Printed().empty());
  }
  SECTION("skipping the rating stores nothing") {
    WalkToResult(h);
    h.session->Continue();
    h.session->SkipRating();
    CHECK(h.screen() == Screen::kTakeCard);
    CHECK(h.outbox->Counts()->pending == 0);
  }
  SECTION("unknown items and out-of-place intents are ignored") {
    h.session->SelectItem("no.such.item");
    CHECK(h.screen() == Screen::kHome);
    h.session->Print();
    h.session->Rate(3);
    h.session->Continue();
    CHECK(h.screen() == Screen::kHome);
    WalkToResult(h);
    h.session->Rate(0);
    h.session->Rate(6);
    CHECK(h.screen() == Screen::kResult);
  }
}

TEST_CASE("inactivity ends the session and wipes the citizen's data") {
  SessionHarness h;
  SECTION("on the guide after the configured timeout, not before") {
    h.session->SelectItem(kRecordQuery);
    h.Advance(h.config.timeouts.inactivity - seconds(1));
    CHECK(h.screen() == Screen::kGuide);
    h.Advance(seconds(1));
    CHECK(h.screen() == Screen::kHome);
  }
  SECTION("a touch restarts the countdown") {
    h.session->SelectItem(kRecordQuery);
    h.Advance(h.config.timeouts.inactivity - seconds(5));
    h.session->Touch();
    h.Advance(seconds(10));
    CHECK(h.screen() == Screen::kGuide);
  }
  SECTION("the countdown shows only near the end") {
    h.session->SelectItem(kRecordQuery);
    CHECK_FALSE(h.session->View().seconds_left.has_value());
    h.Advance(h.config.timeouts.inactivity - h.config.timeouts.countdown_warning);
    REQUIRE(h.session->View().seconds_left.has_value());
    CHECK(*h.session->View().seconds_left == h.config.timeouts.countdown_warning.count());
  }
  SECTION("on the result: data wiped, card asked back, then home") {
    WalkToResult(h);
    h.Advance(h.config.timeouts.result_inactivity);
    CHECK(h.screen() == Screen::kTakeCard);
    auto view = h.session->View();
    CHECK(view.record == nullptr);
    CHECK(view.citizen_name.empty());
    h.Advance(h.config.timeouts.take_card);
    CHECK(h.screen() == Screen::kHome);
    CHECK(h.session->View().card_left_behind);
  }
  SECTION("on the rating screen") {
    WalkToResult(h);
    h.session->Continue();
    h.Advance(h.config.timeouts.inactivity);
    CHECK(h.screen() == Screen::kTakeCard);
  }
  SECTION("waiting for a card") {
    h.session->SelectItem(kRecordQuery);
    h.session->Continue();
    h.Advance(h.config.timeouts.inactivity);
    CHECK(h.screen() == Screen::kHome);
  }
  SECTION("home never times out") {
    h.Advance(seconds(3600));
    CHECK(h.screen() == Screen::kHome);
    CHECK_FALSE(h.session->NextDeadline().has_value());
  }
}

TEST_CASE("a card left in the reader by someone else is never used") {
  SessionHarness h;
  h.reader.PlaceSilently(ShenzhenCard());
  h.session->OnCardEvent(devices::CardEvent::kInserted);  // Inserted while home.
  h.session->SelectItem(kRecordQuery);
  h.session->Continue();
  CHECK(h.screen() == Screen::kIdentify);
  CHECK(h.central.Queries().empty());
  h.reader.Remove();
  h.Settle();
  h.reader.Insert(ShenzhenCard());
  h.Settle();
  CHECK(h.screen() == Screen::kResult);
}

TEST_CASE("failures become notices with a way forward") {
  SessionHarness h;
  SECTION("citizen not found: no retry, ends with the card") {
    h.central.FailNextQuery(Error(ErrorCode::kServerRejected, "HTTP 404", "citizen_not_found"));
    h.session->SelectItem(kRecordQuery);
    h.session->Continue();
    h.reader.Insert(ShenzhenCard());
    h.Settle();
    REQUIRE(h.screen() == Screen::kNotice);
    CHECK(h.session->View().notice->title_key == "notice.citizen_not_found");
    CHECK_FALSE(h.session->View().notice->can_retry);
    h.session->Retry();
    CHECK(h.screen() == Screen::kNotice);
    h.session->Continue();
    CHECK(h.screen() == Screen::kTakeCard);
  }
  SECTION("card mismatch is told apart") {
    h.central.FailNextQuery(Error(ErrorCode::kServerRejected, "HTTP 403", "card_mismatch"));
    h.session->SelectItem(kRecordQuery);
    h.session->Continue();
    h.reader.Insert(ShenzhenCard());
    h.Settle();
    CHECK(h.session->View().notice->title_key == "notice.card_mismatch");
  }
  SECTION("network down: retry succeeds") {
    h.central.FailNextQuery(Error(ErrorCode::kNetwork, "connection refused"));
    h.session->SelectItem(kRecordQuery);
    h.session->Continue();
    h.reader.Insert(ShenzhenCard());
    h.Settle();
    REQUIRE(h.screen() == Screen::kNotice);
    CHECK(h.session->View().notice->title_key == "notice.network_unavailable");
    h.session->Retry();
    h.Settle();
    CHECK(h.screen() == Screen::kResult);
  }
  SECTION("a malformed answer is a service error, not a crash") {
    h.central.SetQueryAnswer("insurance_record", nlohmann::json{{"region", "440300"}});
    h.session->SelectItem(kRecordQuery);
    h.session->Continue();
    h.reader.Insert(ShenzhenCard());
    h.Settle();
    CHECK(h.session->View().notice->title_key == "notice.service_error");
  }
  SECTION("unreadable card: retry reads it again") {
    h.reader.FailNextRead(Error(ErrorCode::kDevice, "6A82"));
    h.session->SelectItem(kRecordQuery);
    h.session->Continue();
    h.reader.Insert(ShenzhenCard());
    h.Settle();
    REQUIRE(h.session->View().notice->title_key == "notice.card_unreadable");
    h.session->Retry();
    h.Settle();
    CHECK(h.screen() == Screen::kResult);
  }
  SECTION("a card of a region this kiosk does not serve") {
    auto card = ShenzhenCard();
    card.card_identifier = "110100D156000005";
    h.session->SelectItem(kRecordQuery);
    h.session->Continue();
    h.reader.Insert(card);
    h.Settle();
    CHECK(h.session->View().notice->title_key == "notice.region_not_served");
    CHECK(h.central.Queries().empty());
  }
  SECTION("paper out: told, may retry, may go on to rate") {
    WalkToResult(h);
    h.printer.SetPaper(devices::PaperState::kOut);
    h.session->Print();
    h.Settle();
    REQUIRE(h.screen() == Screen::kNotice);
    CHECK(h.session->View().notice->title_key == "notice.print_failed");
    h.session->Retry();
    h.Settle();
    CHECK(h.screen() == Screen::kNotice);
    h.printer.SetPaper(devices::PaperState::kFull);
    h.session->Retry();
    h.Settle();
    CHECK(h.screen() == Screen::kRate);
    CHECK(h.session->View().printed);
  }
  SECTION("paper out, then continue without the receipt") {
    WalkToResult(h);
    h.printer.SetPaper(devices::PaperState::kOut);
    h.session->Print();
    h.Settle();
    h.session->Continue();
    CHECK(h.screen() == Screen::kRate);
  }
}

TEST_CASE("a result arriving after the citizen left is dropped") {
  SessionHarness h;
  h.session->SelectItem(kRecordQuery);
  h.session->Continue();
  h.reader.Insert(ShenzhenCard());
  h.tasks.WaitIdle();
  h.tasks.RunCompletions();  // Card event: reading starts.
  h.session->GoHome();       // The citizen gives up while the card is read.
  h.Settle();
  CHECK((h.screen() == Screen::kTakeCard || h.screen() == Screen::kHome));
  CHECK(h.session->View().record == nullptr);
}

TEST_CASE("the citizen may give up waiting for a card read or a query, not for a print") {
  SessionHarness h;
  h.session->SelectItem(kRecordQuery);
  h.session->Continue();
  CHECK_FALSE(h.session->View().can_cancel);  // The identify screen has its own way home.
  h.reader.Insert(ShenzhenCard());
  h.tasks.RunCompletions();  // The insertion event: reading starts.
  REQUIRE(h.screen() == Screen::kReadingCard);
  CHECK(h.session->View().can_cancel);
  // The read finishes and the query is asked; its answer is not in yet.
  for (int round = 0; round < 5 && h.screen() == Screen::kReadingCard; ++round) {
    h.tasks.WaitIdle();
    h.tasks.RunCompletions();
  }
  REQUIRE(h.screen() == Screen::kQuerying);
  CHECK(h.session->View().can_cancel);
  h.session->GoHome();
  CHECK(h.screen() == Screen::kTakeCard);
  h.Settle();  // The answer arrives and is dropped.
  CHECK(h.screen() == Screen::kTakeCard);
  CHECK(h.session->View().record == nullptr);
  CHECK(h.session->View().citizen_name.empty());
  CHECK(h.central.Queries().size() == 1);

  h.reader.Remove();
  h.Settle();
  WalkToResult(h);
  h.session->Print();
  REQUIRE(h.screen() == Screen::kPrinting);
  CHECK_FALSE(h.session->View().can_cancel);
  h.session->GoHome();  // Refused: the receipt is half out.
  CHECK(h.screen() == Screen::kPrinting);
  h.Settle();
  CHECK(h.screen() == Screen::kRate);
  CHECK(h.printer.Printed().size() == 1);
}

TEST_CASE("removing the card mid-session keeps the journey, and ends it on take-card") {
  SessionHarness h;
  WalkToResult(h);
  h.reader.Remove();
  h.Settle();
  CHECK(h.screen() == Screen::kResult);
  h.session->Continue();
  h.session->SkipRating();
  CHECK(h.screen() == Screen::kHome);  // No card to take back.
}

TEST_CASE("an item needs the network when it asks a central service something first") {
  auto flow = [](std::initializer_list<StepType> types) {
    std::vector<FlowStep> steps;
    for (StepType type : types) {
      FlowStep step;
      step.type = type;
      steps.push_back(step);
    }
    return steps;
  };
  ServiceItem query_only;
  query_only.flow = flow({StepType::kIdentify, StepType::kQuery, StepType::kResult});
  CHECK(ItemNeedsNetwork(query_only));
  ServiceItem submit_only;  // Queued offline: no network needed to accept it.
  submit_only.flow =
      flow({StepType::kIdentify, StepType::kForm, StepType::kConfirm, StepType::kSubmit});
  CHECK_FALSE(ItemNeedsNetwork(submit_only));
}
