#pragma once

// A Session over the shipped configuration and catalog, talking to an
// in-process reference central service over real HTTP, with a fake card
// reader and printer and a real outbox. `Walk` drives one item from the
// home screen to its end as a cooperative citizen would.

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "drivers/card_reader/sim_card_reader.h"
#include "kiosk/core/central/http_central_client.h"
#include "kiosk/core/session/session.h"
#include "kiosk/core/sync/delivery_worker.h"
#include "tests/central/central_test_support.h"
#include "tests/flow/answer_generator.h"
#include "tests/support/fakes/fake_a4_printer.h"
#include "tests/support/fakes/fake_card_reader.h"
#include "tests/support/fakes/fake_receipt_printer.h"
#include "tests/support/shipped_config.h"

namespace kiosk::testing {

// 2026-11-23 12:00 China time.
constexpr std::int64_t kNowUnixMs = 1795406400000;

struct Citizen {
  std::string id;
  std::optional<devices::SocialSecurityCard> card;  // Person: a card to insert.
  // Enterprise: its licence QR code. Person without a card to insert (lost,
  // never applied for): the ID card; the item's own methods decide.
  std::optional<Identity> presented;
};

enum class Outcome { kShown, kQueued, kRefused, kNotFound, kNotAccepted, kFailed };
inline const char* ToString(Outcome outcome) {
  switch (outcome) {
    case Outcome::kShown: return "shown";
    case Outcome::kQueued: return "queued";
    case Outcome::kRefused: return "refused";
    case Outcome::kNotFound: return "not_found";
    case Outcome::kNotAccepted: return "not_accepted";
    case Outcome::kFailed: return "FAILED";
  }
  return "?";
}

struct WalkResult {
  Outcome outcome = Outcome::kFailed;
  std::string detail;  // The notice or the screen where it stuck.
  int printed = 0;
  int submissions = 0;          // Acceptance screens seen: one per submission, two in some bundles.
  bool confirmed = false;       // The last submission: 已提交 (else queued for the network).
  std::string tracking_number;  // The server's, when confirmed.
  std::vector<Screen> screens;
};

struct FlowHarnessOptions {
  // Submissions are delivered while the citizen waits, as in the kiosk.
  bool deliver_at_once = false;
  // The network fails between the queries and the delivery: the delivery
  // worker's endpoints are a port nobody listens on.
  bool delivery_unreachable = false;
  // The outbox's bound (undelivered rows).
  int outbox_max_rows = 20'000;
};

class FlowHarness {
 public:
  explicit FlowHarness(FlowHarnessOptions harness_options = {}) {
    LoadShippedConfig(config, catalog, texts);
    HttpClientOptions options;
    for (const auto& [code, region] : config.regions) {
      options.region_endpoints[code] = "http://127.0.0.1:" + std::to_string(central.Port());
    }
    options.kiosk_id = config.kiosk_id;
    client = std::make_unique<HttpCentralClient>(options);
    cache::OutboxOptions outbox_options;
    outbox_options.key = cache::SealingKey::FromBytes({7, 7, 7});
    outbox_options.max_rows = harness_options.outbox_max_rows;
    auto opened = cache::Outbox::Open(
        (std::filesystem::path(temp.Path()) / "outbox.sqlite").string(), outbox_options);
    if (!opened) throw std::runtime_error(opened.error().Describe());
    outbox = std::move(*opened);
    SessionDependencies deps;
    deps.config = &config;
    deps.catalog = &catalog;
    deps.texts = &texts;
    deps.central = client.get();
    deps.card_reader = &reader;
    deps.receipt_printer = &printer;
    deps.a4_printer = &a4_printer;
    deps.outbox = outbox.get();
    deps.clock = &clock;
    deps.tasks = &tasks;
    deps.unix_ms = [] { return kNowUnixMs; };
    if (harness_options.deliver_at_once) {
      HttpClientOptions delivery_options = options;
      if (harness_options.delivery_unreachable) {
        for (auto& [code, endpoint] : delivery_options.region_endpoints) {
          endpoint = "http://127.0.0.1:9";  // discard: nothing listens there.
        }
      }
      delivery_client = std::make_unique<HttpCentralClient>(delivery_options);
      delivery = std::make_unique<DeliveryWorker>(*outbox, *delivery_client, DeliveryPolicy{},
                                                  [] { return kNowUnixMs; });
      deps.deliver_now = [this](std::int64_t row) { return delivery->DeliverNow(row); };
    }
    session = std::make_unique<Session>(deps);
    reader.SetEventHandler([this](devices::CardEvent event) {
      tasks.PostCompletion([this, event] { session->OnCardEvent(event); });
    });
  }

  // Receipts and A4 documents printed so far.
  int Printouts() {
    return static_cast<int>(printer.Printed().size() + a4_printer.Printed().size());
  }

  void Settle() {
    for (int round = 0; round < 10; ++round) {
      tasks.WaitIdle();
      if (tasks.RunCompletions() == 0) break;
    }
  }

  static std::vector<Citizen> Citizens() {
    std::vector<Citizen> citizens;
    auto cards =
        devices::LoadSimCards(std::string(KIOSK_CONFIG_DIR) + "/sim/social_security_cards.json");
    if (!cards) throw std::runtime_error(cards.error().Describe());
    for (const char* id : {"zhang-wei", "li-na", "chen-jie", "zhao-min", "huang-xiuying",
                           "liang-guohua", "he-junxi"}) {
      citizens.push_back({id, cards->at(id), std::nullopt});
    }
    // 吴婷 reported her card lost (挂失), so it cannot identify her; 邓晓雯
    // never applied for one (未申领). Both show their ID card.
    auto by_id_card = [](const std::string& name, const std::string& id_number) {
      Identity identity;
      identity.method = "id_card";
      identity.name = name;
      identity.id_number = id_number;
      return identity;
    };
    const auto& lost = cards->at("wu-ting");
    citizens.push_back({"wu-ting", std::nullopt, by_id_card(lost.name, lost.ssn)});
    citizens.push_back({"deng-xiaowen", std::nullopt, by_id_card("邓晓雯", "430104200307191284")});
    std::ifstream in(std::string(KIOSK_CONFIG_DIR) + "/sim/business_licenses.json");
    const auto businesses = nlohmann::json::parse(in);
    for (const auto& business : businesses["businesses"]) {
      Identity identity;
      identity.method = "business_license_qr";
      identity.credit_code = business["credit_code"];
      identity.company_name = business["company_name"];
      identity.name = identity.company_name;
      identity.region = business["registered_region"];
      citizens.push_back({business["id"], std::nullopt, identity});
    }
    return citizens;
  }

  // Walks `item_id` for `who`; answers every form with valid values.
  WalkResult Walk(const std::string& item_id, const Citizen& who) {
    WalkResult result;
    const int printed_before = Printouts();
    const validation::Date today{2026, 11, 23};
    session->SelectItem(item_id);
    bool reached_result = false;
    bool queued = false;
    for (int step = 0; step < 80; ++step) {
      Settle();
      const SessionView view = session->View();
      if (result.screens.empty() || result.screens.back() != view.screen) {
        result.screens.push_back(view.screen);
      }
      switch (view.screen) {
        case Screen::kHome: {
          result.printed = Printouts() - printed_before;
          if (result.outcome == Outcome::kFailed && result.detail.empty()) {
            result.outcome = queued           ? Outcome::kQueued
                             : reached_result ? Outcome::kShown
                                              : Outcome::kFailed;
            if (result.outcome == Outcome::kFailed) result.detail = "home without an end state";
          }
          return result;
        }
        case Screen::kGuide: session->Continue(); break;
        case Screen::kIdentify:
          if (who.card) {
            if (reader.CardPresent()) {
              result.outcome = Outcome::kNotAccepted;
              result.detail = "identify screen with the card in";
              session->GoHome();
              break;
            }
            reader.Insert(*who.card);
          } else {
            session->OnIdentityPresented(*who.presented);
          }
          break;
        case Screen::kForm:
          for (const auto& field : view.form) {
            if (!session->SetField(field.id, ValidAnswerFor(*field.rule, today))) {
              result.detail = "generated answer refused for field " + field.id;
              session->GoHome();
              break;
            }
          }
          session->Continue();
          if (session->CurrentScreen() == Screen::kForm) {
            result.detail = "form not complete after answering every field";
            session->GoHome();
          }
          break;
        case Screen::kConfirm: session->Continue(); break;
        case Screen::kResult:
          reached_result = true;
          session->Print();
          if (session->CurrentScreen() == Screen::kResult) session->Continue();
          break;
        case Screen::kAccepted:
          queued = true;
          ++result.submissions;
          result.confirmed = view.submission_confirmed;
          result.tracking_number = view.tracking_number;
          session->Print();
          if (session->CurrentScreen() == Screen::kAccepted) session->Continue();
          break;
        case Screen::kRate: session->Rate(5); break;
        case Screen::kTakeCard: reader.Remove(); break;
        case Screen::kNotice: {
          const Notice& notice = *view.notice;
          result.detail = notice.title_key + " " + notice.detail + " " + notice.advice_text;
          if (notice.title_key == "notice.refused") {
            result.outcome = Outcome::kRefused;
          } else if (notice.title_key == "notice.citizen_not_found" ||
                     notice.detail.find("enterprise_not_found") != std::string::npos) {
            result.outcome = Outcome::kNotFound;
          } else if (notice.title_key == "notice.method_not_accepted") {
            result.outcome = Outcome::kNotAccepted;
            session->GoHome();
            break;
          } else {
            result.outcome = Outcome::kFailed;
          }
          session->Continue();
          break;
        }
        case Screen::kReadingCard:
        case Screen::kQuerying:
        case Screen::kSubmitting:
        case Screen::kPrinting: break;  // Settle() lets the work finish.
      }
    }
    if (reader.CardPresent()) reader.Remove();
    Settle();
    result.outcome = Outcome::kFailed;
    result.detail = std::string("stuck on ") + ToString(session->CurrentScreen());
    return result;
  }

  central::testing::TempDir temp;
  central::testing::RunningCentral central;
  KioskConfig config;
  Catalog catalog;
  TextTable texts;
  std::unique_ptr<HttpCentralClient> client;
  FakeCardReader reader;
  FakeReceiptPrinter printer;
  FakeA4Printer a4_printer;
  std::unique_ptr<cache::Outbox> outbox;
  std::unique_ptr<HttpCentralClient> delivery_client;
  std::unique_ptr<DeliveryWorker> delivery;
  ManualClock clock;
  TaskRunner tasks;
  std::unique_ptr<Session> session;
};

}  // namespace kiosk::testing
