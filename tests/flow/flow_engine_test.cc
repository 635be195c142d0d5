// The flow engine's promises, one at a time, on shipped items: what is
// known is not asked (秒报), invalid input blocks with its reason, the
// confirm screen masks, the submission is queued once for the region that
// handles the item, bundles ask shared fields once, refusals are clear,
// and nothing of the citizen survives the session.

#include <catch2/catch.hpp>

#include "tests/flow/flow_harness.h"

namespace kiosk::testing {
namespace {

const Citizen& Find(const std::vector<Citizen>& citizens, const std::string& id) {
  for (const auto& citizen : citizens) {
    if (citizen.id == id) return citizen;
  }
  throw std::runtime_error("no test citizen " + id);
}

std::vector<std::string> FieldIds(const SessionView& view) {
  std::vector<std::string> ids;
  for (const auto& field : view.form) ids.push_back(field.id);
  return ids;
}

// Home → guide → card → (queries) → the first form.
void StartWithCard(FlowHarness& harness, const std::string& item, const Citizen& who) {
  harness.session->SelectItem(item);
  harness.session->Continue();
  harness.reader.Insert(*who.card);
  harness.Settle();
}

}  // namespace

TEST_CASE("a registration asks only what nobody knows, validates, masks and queues once") {
  FlowHarness harness;
  const auto citizens = FlowHarness::Citizens();
  StartWithCard(harness, "ssi.flexible_employment_registration", Find(citizens, "zhang-wei"));
  REQUIRE(harness.session->CurrentScreen() == Screen::kForm);
  // Name and ID from the card, phone, address and bank card from the
  // citizen's profile at the central service.
  CHECK(FieldIds(harness.session->View()) ==
        std::vector<std::string>{"contribution_grade", "start_month"});

  SECTION("invalid input is refused with its reason and blocks the form") {
    CHECK_FALSE(harness.session->SetField("start_month", "2026-02-30"));
    CHECK_FALSE(harness.session->SetField("contribution_grade", "150"));
    harness.session->Continue();
    CHECK(harness.session->CurrentScreen() == Screen::kForm);
    const auto view = harness.session->View();
    CHECK(view.form[0].error_key == "field.error.not_a_choice");
    CHECK(view.form[1].error_key == "field.error.bad_date");
    CHECK(view.form[1].value == "2026-02-30");  // Shown back to correct.
  }

  SECTION("an empty required field is named when the citizen goes on") {
    CHECK(harness.session->SetField("contribution_grade", "100"));
    harness.session->Continue();
    const auto view = harness.session->View();
    CHECK(view.screen == Screen::kForm);
    CHECK(view.form[1].error_key == "field.error.required");
  }

  SECTION("valid answers reach a masked confirm, then one queued submission") {
    CHECK(harness.session->SetField("contribution_grade", "100"));
    CHECK(harness.session->SetField("start_month", " 2026-12-01 "));
    harness.session->Continue();
    REQUIRE(harness.session->CurrentScreen() == Screen::kConfirm);
    const auto confirm = harness.session->View().confirm_rows;
    std::map<std::string, std::string> rows(confirm.begin(), confirm.end());
    CHECK(rows.at("姓名") == "张伟");
    CHECK(rows.at("公民身份号码") == "440304********2711");
    CHECK(rows.at("手机号码") == "138****8000");
    CHECK(rows.at("代扣银行卡号").find("****") != std::string::npos);
    CHECK(rows.at("缴费基数档次") == "100%（7,487 元/月）");
    CHECK(rows.at("参保起始日期") == "2026-12-01");

    // Back to correct an answer: the answers are kept.
    harness.session->Back();
    REQUIRE(harness.session->CurrentScreen() == Screen::kForm);
    CHECK(harness.session->View().form[1].value == "2026-12-01");
    harness.session->Continue();
    REQUIRE(harness.session->CurrentScreen() == Screen::kConfirm);

    harness.session->Continue();
    REQUIRE(harness.session->CurrentScreen() == Screen::kAccepted);
    const auto view = harness.session->View();
    CHECK(view.acceptance_number.starts_with("SL20261123-"));
    CHECK(view.region == "440300");  // Zhang Wei is insured in 深圳: his region handles it.
    auto rows_in_outbox = harness.outbox->List(cache::OutboxState::kPending);
    REQUIRE(rows_in_outbox);
    REQUIRE(rows_in_outbox->size() == 1);
    const auto& row = rows_in_outbox->front();
    CHECK(row.region == "440300");
    CHECK(row.kind == "flexible_employment_registration");
    const auto body = nlohmann::json::parse(row.body_json);
    CHECK(body["payload"]["fields"]["id_number"] == "440304198803152711");
    CHECK(body["payload"]["fields"]["start_month"] == "2026-12-01");
    CHECK(body["payload"]["fields"]["phone"] == "13800138000");
    CHECK(body["payload"]["identity"]["method"] == "social_security_card");

    harness.session->Print();
    harness.Settle();
    REQUIRE(harness.printer.Printed().size() == 1);
    CHECK(harness.session->CurrentScreen() == Screen::kRate);
    harness.session->SkipRating();
    CHECK(harness.session->CurrentScreen() == Screen::kTakeCard);
    // The session is over: nothing of the citizen is left to show.
    const auto after = harness.session->View();
    CHECK(after.citizen_name.empty());
    CHECK(after.acceptance_number.empty());
    CHECK(after.confirm_rows.empty());
  }
}

TEST_CASE("a bundle runs its sub-items and asks a shared field once") {
  FlowHarness harness;
  const auto citizens = FlowHarness::Citizens();
  StartWithCard(harness, "bundle.newborn", Find(citizens, "huang-xiuying"));
  std::vector<std::string> asked;
  std::vector<std::string> items;
  for (int step = 0; step < 20 && harness.session->CurrentScreen() == Screen::kForm; ++step) {
    const auto view = harness.session->View();
    items.push_back(view.step_item->id);
    for (const auto& field : view.form) {
      asked.push_back(field.id);
      REQUIRE(harness.session->SetField(field.id, ValidAnswerFor(*field.rule, {2026, 11, 23})));
    }
    harness.session->Continue();
    harness.Settle();
    while (harness.session->CurrentScreen() == Screen::kConfirm ||
           harness.session->CurrentScreen() == Screen::kAccepted) {
      harness.session->Continue();
      harness.Settle();
    }
  }
  CHECK(std::count(asked.begin(), asked.end(), "child_id_number") == 1);
  CHECK(std::count(asked.begin(), asked.end(), "child_name") == 1);
  auto queued = harness.outbox->List(cache::OutboxState::kPending);
  REQUIRE(queued);
  REQUIRE(queued->size() == 2);  // One submission per sub-item.
  CHECK((*queued)[0].item_id == "mi.child_medical_enrolment");
  CHECK((*queued)[1].item_id == "ssc.child_card_application");
  const auto first = nlohmann::json::parse((*queued)[0].body_json);
  const auto second = nlohmann::json::parse((*queued)[1].body_json);
  CHECK(first["payload"]["bundle_id"] == "bundle.newborn");
  CHECK(first["payload"]["fields"]["child_id_number"] ==
        second["payload"]["fields"]["child_id_number"]);
  CHECK((*queued)[0].idempotency_key != (*queued)[1].idempotency_key);
}

TEST_CASE("items are routed to the region that handles them") {
  FlowHarness harness;
  for (const ServiceItem& item : harness.catalog.Items()) {
    const std::string region = harness.session->RegionFor(item);
    INFO(item.id);
    CHECK(std::find(item.regions.begin(), item.regions.end(), region) != item.regions.end());
    if (std::find(item.regions.begin(), item.regions.end(), "442000") != item.regions.end()) {
      CHECK(region == "442000");  // Home first when nobody is identified yet.
    }
  }
}

TEST_CASE("refusals and identities the item does not take are told clearly") {
  FlowHarness harness;
  const auto citizens = FlowHarness::Citizens();

  SECTION("a requirement on the answer ends with the catalog's words") {
    // 张伟's card is not in 挂失 status (吴婷's is). A lost card cannot
    // identify, so the item takes the ID card.
    Identity id_card;
    id_card.method = "id_card";
    id_card.name = "张伟";
    id_card.id_number = "440304198803152711";
    harness.session->SelectItem("ssc.card_cancel_loss");
    harness.session->Continue();
    harness.session->OnIdentityPresented(id_card);
    harness.Settle();
    REQUIRE(harness.session->CurrentScreen() == Screen::kNotice);
    const auto view = harness.session->View();
    CHECK(view.notice->title_key == "notice.refused");
    CHECK_FALSE(view.notice->advice_text.empty());
    CHECK_FALSE(view.notice->can_retry);
  }

  SECTION("a social security card for an enterprise item") {
    harness.session->SelectItem("lic.business_license_query");
    harness.session->Continue();
    harness.reader.Insert(*Find(citizens, "zhang-wei").card);
    harness.Settle();
    REQUIRE(harness.session->CurrentScreen() == Screen::kNotice);
    CHECK(harness.session->View().notice->title_key == "notice.method_not_accepted");
    harness.session->Retry();
    CHECK(harness.session->CurrentScreen() == Screen::kIdentify);
    harness.session->OnIdentityPresented(*Find(citizens, "yunfan-tech").presented);
    harness.Settle();
    CHECK(harness.session->CurrentScreen() == Screen::kResult);
    const auto view = harness.session->View();
    REQUIRE(view.displayed != nullptr);
    CHECK_FALSE(view.displayed->rows.empty());
  }
}

}  // namespace kiosk::testing

namespace kiosk::testing {

TEST_CASE("an A4 certificate goes to the A4 printer with what the screen showed") {
  FlowHarness h;
  const auto citizens = FlowHarness::Citizens();
  const Citizen& zhang = Find(citizens, "zhang-wei");
  auto walked = h.Walk("ssi.contribution_certificate_print", zhang);
  REQUIRE(walked.outcome == Outcome::kShown);
  CHECK(walked.printed == 1);
  CHECK(h.printer.Printed().empty());
  const auto printed = h.a4_printer.Printed();
  REQUIRE(printed.size() == 1);
  CHECK(printed[0].first == "query_result");
  const nlohmann::json& data = printed[0].second;
  CHECK(data["title"] == "社会保险参保缴费证明（个人）");
  CHECK(data["item_name"] == "社会保险参保缴费证明打印");
  CHECK(data["kiosk_id"] == h.config.kiosk_id);
  bool masked_id = false;
  for (const auto& row : data["rows"]) {
    if (row["label"] == "公民身份号码") {
      masked_id = row["value"].get<std::string>().find("**") != std::string::npos;
    }
  }
  CHECK(masked_id);
  REQUIRE(data["tables"].size() == 1);
  CHECK(data["tables"][0]["headers"][0] == "险种");
  CHECK_FALSE(data["tables"][0]["rows"].empty());
}

TEST_CASE("an A4 printer that fails is told like a receipt printer that fails") {
  FlowHarness h;
  const auto citizens = FlowHarness::Citizens();
  h.a4_printer.FailWith(Error(ErrorCode::kDeviceNotReady, "queue kiosk-a4 stopped", "job_stopped"));
  auto walked = h.Walk("ssi.contribution_certificate_print", Find(citizens, "zhang-wei"));
  CHECK(walked.printed == 0);
  bool told = false;
  for (Screen screen : walked.screens) told = told || screen == Screen::kNotice;
  CHECK(told);
}

}  // namespace kiosk::testing

namespace kiosk::testing {

TEST_CASE("the citizen is told honestly whether the server confirmed the submission") {
  const auto citizens = FlowHarness::Citizens();
  const Citizen& zhang = Find(citizens, "zhang-wei");
  SECTION("delivered at once: 已提交, with the server's tracking number, on the receipt too") {
    FlowHarness h({.deliver_at_once = true});
    auto walked = h.Walk("ssi.flexible_employment_registration", zhang);
    REQUIRE(walked.outcome == Outcome::kQueued);
    CHECK(walked.confirmed);
    CHECK_FALSE(walked.tracking_number.empty());
    auto delivered = h.outbox->List(cache::OutboxState::kDelivered);
    REQUIRE(delivered);
    REQUIRE_FALSE(delivered->empty());
    CHECK(delivered->front().tracking_number == walked.tracking_number);
    bool status_printed = false;
    for (const auto& receipt : h.printer.Printed()) {
      for (const auto& element : receipt.elements) {
        if (const auto* row = std::get_if<devices::KeyValue>(&element)) {
          status_printed = status_printed || (row->key == "办理状态" && row->value == "已提交");
        }
      }
    }
    CHECK(status_printed);
  }
  SECTION("the network is down: 已受理, kept in the outbox for the worker") {
    FlowHarness h({.deliver_at_once = true, .delivery_unreachable = true});
    auto walked = h.Walk("ssi.flexible_employment_registration", zhang);
    REQUIRE(walked.outcome == Outcome::kQueued);
    CHECK_FALSE(walked.confirmed);
    CHECK(walked.tracking_number.empty());
    auto pending = h.outbox->List(cache::OutboxState::kPending);
    REQUIRE(pending);
    REQUIRE_FALSE(pending->empty());
    CHECK(pending->front().last_error.find("127.0.0.1:9") != std::string::npos);
  }
  SECTION("while it is sent the citizen cannot leave: they would not know what happened") {
    FlowHarness h({.deliver_at_once = true});
    StartWithCard(h, "ssi.flexible_employment_registration", zhang);
    REQUIRE(h.session->SetField("contribution_grade", "100"));
    REQUIRE(h.session->SetField("start_month", "2026-12-01"));
    h.session->Continue();
    REQUIRE(h.session->CurrentScreen() == Screen::kConfirm);
    h.session->Continue();
    REQUIRE(h.session->CurrentScreen() == Screen::kSubmitting);
    CHECK_FALSE(h.session->View().can_cancel);
    h.session->GoHome();
    CHECK(h.session->CurrentScreen() == Screen::kSubmitting);
    h.Settle();
    CHECK(h.session->CurrentScreen() == Screen::kAccepted);
    CHECK(h.session->View().submission_confirmed);
  }
}

}  // namespace kiosk::testing

namespace kiosk::testing {

TEST_CASE("a full outbox pauses new applications on their guide, not after the form") {
  const auto citizens = FlowHarness::Citizens();
  FlowHarness h({.outbox_max_rows = 1});  // No delivery worker: rows stay.
  auto first = h.Walk("ssi.flexible_employment_registration", Find(citizens, "zhang-wei"));
  REQUIRE(first.outcome == Outcome::kQueued);
  h.session->SelectItem("ssi.flexible_employment_registration");
  REQUIRE(h.session->CurrentScreen() == Screen::kGuide);
  CHECK(h.session->View().submissions_paused);
  CHECK_FALSE(h.session->View().item_usable);
  h.session->Continue();
  CHECK(h.session->CurrentScreen() == Screen::kGuide);
  h.session->GoHome();
  // A query item still works: only submissions wait.
  h.session->SelectItem("ssi.insurance_record_query");
  CHECK_FALSE(h.session->View().submissions_paused);
  CHECK(h.outbox->Counts()->pending == 1);
}

}  // namespace kiosk::testing
