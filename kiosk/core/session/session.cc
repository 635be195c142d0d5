#include "kiosk/core/session/session.h"

#include <chrono>

#include "common/log.h"
#include "common/uuid.h"
#include "kiosk/core/records/receipt_builder.h"

namespace kiosk {
namespace {

constexpr const char* kLog = "session";

std::int64_t SystemUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Notice NoticeForQueryError(const Error& error) {
  if (error.reason == "citizen_not_found") {
    return {"notice.citizen_not_found", "notice.citizen_not_found.advice", error.Describe(), false};
  }
  if (error.reason == "card_mismatch") {
    return {"notice.card_mismatch", "notice.card_mismatch.advice", error.Describe(), false};
  }
  switch (error.code) {
    case ErrorCode::kNetwork:
    case ErrorCode::kTimeout:
    case ErrorCode::kServerUnavailable:
      return {"notice.network_unavailable", "notice.network_unavailable.advice", error.Describe(),
              true};
    default:
      return {"notice.service_error", "notice.service_error.advice", error.Describe(), true};
  }
}

}  // namespace

const char* ToString(Screen screen) {
  switch (screen) {
    case Screen::kHome: return "home";
    case Screen::kGuide: return "guide";
    case Screen::kIdentify: return "identify";
    case Screen::kReadingCard: return "reading_card";
    case Screen::kQuerying: return "querying";
    case Screen::kResult: return "result";
    case Screen::kPrinting: return "printing";
    case Screen::kRate: return "rate";
    case Screen::kTakeCard: return "take_card";
    case Screen::kNotice: return "notice";
  }
  return "home";
}

Session::Session(SessionDependencies dependencies) : deps_(std::move(dependencies)) {
  if (!deps_.unix_ms) deps_.unix_ms = SystemUnixMs;
  card_present_ = deps_.card_reader->CardPresent();
  last_activity_ = deps_.clock->Now();
}

Session::~Session() {
  *alive_ = false;
  WipeCitizenData();
}

void Session::MarkActivity() { last_activity_ = deps_.clock->Now(); }

void Session::Touch() {
  if (screen_ != Screen::kHome) MarkActivity();
}

const FlowStep* Session::CurrentStep() const {
  if (item_ == nullptr || step_index_ >= item_->flow.size()) return nullptr;
  return &item_->flow[step_index_];
}

void Session::SelectItem(const std::string& item_id) {
  if (screen_ != Screen::kHome) return;
  const ServiceItem* item = deps_.catalog->Find(item_id);
  if (item == nullptr) {
    log::Warning(kLog, "tap on unknown item {}", item_id);
    return;
  }
  ++generation_;
  item_ = item;
  printed_ = false;
  card_inserted_this_session_ = false;
  // A card already in the reader belongs to someone who left: never use it.
  card_left_behind_ = card_present_;
  log::Info(kLog, "session started: item {}", item->id);
  MarkActivity();
  StartStep(0);
}

void Session::StartStep(std::size_t index) {
  step_index_ = index;
  const FlowStep* step = CurrentStep();
  if (step == nullptr) {
    EndSession("flow complete");
    return;
  }
  MarkActivity();
  switch (step->type) {
    case StepType::kGuide: screen_ = Screen::kGuide; break;
    case StepType::kIdentify:
      if (card_ && card_present_) {
        AdvanceStep();  // Already identified in this session.
      } else if (card_present_ && card_inserted_this_session_) {
        StartReadCard();
      } else {
        screen_ = Screen::kIdentify;
      }
      break;
    case StepType::kQuery: StartQuery(); break;
    case StepType::kResult: screen_ = Screen::kResult; break;
    case StepType::kPrint: StartPrint(); break;
    case StepType::kRate: screen_ = Screen::kRate; break;
  }
}

void Session::AdvanceStep() { StartStep(step_index_ + 1); }

void Session::Continue() {
  MarkActivity();
  switch (screen_) {
    case Screen::kGuide: AdvanceStep(); break;
    case Screen::kResult: {
      // Finish without printing: skip a print step that follows.
      std::size_t next = step_index_ + 1;
      if (item_ && next < item_->flow.size() && item_->flow[next].type == StepType::kPrint) ++next;
      StartStep(next);
      break;
    }
    case Screen::kNotice:
      if (retry_screen_ == Screen::kPrinting) {
        AdvanceStep();  // A failed print does not stop the citizen from finishing.
      } else {
        EndSession("notice acknowledged");
      }
      break;
    default: break;
  }
}

void Session::Back() {
  MarkActivity();
  switch (screen_) {
    case Screen::kGuide: EndSession("back from guide"); break;
    case Screen::kIdentify:
      if (step_index_ > 0) StartStep(step_index_ - 1);
      break;
    default: break;
  }
}

void Session::GoHome() {
  if (screen_ == Screen::kHome || screen_ == Screen::kTakeCard) return;
  EndSession("citizen chose home");
}

void Session::Print() {
  if (screen_ != Screen::kResult) return;
  MarkActivity();
  std::size_t next = step_index_ + 1;
  if (item_ && next < item_->flow.size() && item_->flow[next].type == StepType::kPrint) {
    StartStep(next);
  }
}

void Session::Retry() {
  if (screen_ != Screen::kNotice || !notice_ || !notice_->can_retry) return;
  MarkActivity();
  notice_.reset();
  switch (retry_screen_) {
    case Screen::kReadingCard:
      if (card_present_) {
        StartReadCard();
      } else {
        screen_ = Screen::kIdentify;
      }
      break;
    case Screen::kQuerying: StartQuery(); break;
    case Screen::kPrinting: StartPrint(); break;
    default: EndSession("retry without a step"); break;
  }
}

void Session::Rate(int level) {
  if (screen_ != Screen::kRate || level < 1 || level > 5) return;
  MarkActivity();
  // The rating is a submission like any other: durable first, delivered
  // later by the sync worker, exactly once thanks to its key.
  nlohmann::json body = {{"kind", "service_rating"},
                         {"item_id", item_->id},
                         {"kiosk_id", deps_.config->kiosk_id},
                         {"payload", {{"level", level}, {"channel", "kiosk"}}}};
  cache::NewSubmission submission{NewUuid(), RegionForCitizen(), "service_rating", item_->id,
                                  body.dump()};
  auto queued = deps_.outbox->Enqueue(submission, deps_.unix_ms());
  if (!queued) {
    // The rating is optional for the citizen; losing the ability to store it
    // must not trap them, but maintenance must see it.
    log::Error(kLog, "rating not stored: {}", queued.error().Describe());
  } else {
    last_rating_key_ = submission.idempotency_key;
    log::Info(kLog, "rating {} queued as outbox row {}", level, *queued);
    if (deps_.submitted) deps_.submitted();
  }
  AdvanceStep();
}

void Session::SkipRating() {
  if (screen_ != Screen::kRate) return;
  MarkActivity();
  AdvanceStep();
}

void Session::OnCardEvent(devices::CardEvent event) {
  if (event == devices::CardEvent::kInserted) {
    card_present_ = true;
    card_left_behind_ = false;
    if (screen_ == Screen::kHome) return;  // Read once an item asks for it.
    card_inserted_this_session_ = true;
    MarkActivity();
    if (screen_ == Screen::kIdentify) StartReadCard();
    return;
  }
  card_present_ = false;
  card_inserted_this_session_ = false;
  card_left_behind_ = false;
  if (screen_ == Screen::kTakeCard) {
    ReturnHome();
  } else if (screen_ != Screen::kHome) {
    MarkActivity();
  }
}

void Session::StartReadCard() {
  screen_ = Screen::kReadingCard;
  const std::uint64_t generation = generation_;
  devices::CardReader* reader = deps_.card_reader;
  std::weak_ptr<bool> alive = alive_;
  deps_.tasks->Post([this, reader, generation, alive]() -> std::function<void()> {
    auto card = reader->ReadCard();
    return [this, generation, alive, card = std::move(card)]() mutable {
      if (alive.expired() || generation != generation_ || screen_ != Screen::kReadingCard) {
        if (card) card->Wipe();
        return;
      }
      MarkActivity();
      if (!card) {
        log::Warning(kLog, "card read failed: {}", card.error().Describe());
        ShowNotice({"notice.card_unreadable", "notice.card_unreadable.advice",
                    card.error().Describe(), true},
                   Screen::kReadingCard);
        return;
      }
      log::Info(kLog, "card read: region {}", card->RegionCode());
      card_ = std::move(*card);
      if (deps_.config->FindRegion(card_->RegionCode()) == nullptr) {
        ShowNotice({"notice.region_not_served", "notice.region_not_served.advice",
                    "card region " + card_->RegionCode() + " is not served by this kiosk", false},
                   Screen::kHome);
        return;
      }
      AdvanceStep();
    };
  });
}

std::string Session::RegionForCitizen() const {
  if (card_ && deps_.config->FindRegion(card_->RegionCode()) != nullptr) {
    return card_->RegionCode();
  }
  return deps_.config->home_region;
}

void Session::StartQuery() {
  const FlowStep* step = CurrentStep();
  if (!card_) {
    ShowNotice({"notice.service_error", "notice.service_error.advice",
                "flow of " + item_->id + " queries before it identifies the citizen", false},
               Screen::kHome);
    return;
  }
  screen_ = Screen::kQuerying;
  const std::uint64_t generation = generation_;
  const std::string region = RegionForCitizen();
  const std::string query = step->query;
  nlohmann::json request = {{"identity",
                             {{"method", "social_security_card"},
                              {"ssn", card_->ssn},
                              {"card_number", card_->card_number}}}};
  CentralClient* central = deps_.central;
  std::weak_ptr<bool> alive = alive_;
  deps_.tasks->Post([this, central, generation, region, query, request, alive]()
                        -> std::function<void()> {
    auto answer = central->Query(region, query, request);
    Result<InsuranceRecord> record =
        answer ? ParseInsuranceRecord(*answer) : Result<InsuranceRecord>(std::unexpected(answer.error()));
    return [this, generation, alive, record = std::move(record)]() mutable {
      if (alive.expired() || generation != generation_ || screen_ != Screen::kQuerying) {
        if (record) record->Wipe();
        return;
      }
      MarkActivity();
      if (!record) {
        log::Warning(kLog, "query failed: {}", record.error().Describe());
        ShowNotice(NoticeForQueryError(record.error()), Screen::kQuerying);
        return;
      }
      log::Info(kLog, "query answered: {} insurance(s)", record->insurances.size());
      record_ = std::move(*record);
      AdvanceStep();
    };
  });
}

void Session::StartPrint() {
  if (!record_) {
    AdvanceStep();  // Nothing to print in this flow.
    return;
  }
  screen_ = Screen::kPrinting;
  const std::uint64_t generation = generation_;
  // Built here, on the owner's thread: the text table is not thread-safe.
  devices::ReceiptDocument receipt =
      BuildInsuranceRecordReceipt(*record_, *deps_.texts, *deps_.config, deps_.unix_ms());
  devices::ReceiptPrinter* printer = deps_.receipt_printer;
  std::weak_ptr<bool> alive = alive_;
  deps_.tasks->Post([this, printer, generation, receipt = std::move(receipt), alive]()
                        -> std::function<void()> {
    auto printed = printer->Print(receipt);
    return [this, generation, alive, printed]() {
      if (alive.expired() || generation != generation_ || screen_ != Screen::kPrinting) return;
      MarkActivity();
      if (!printed) {
        log::Error(kLog, "receipt not printed: {}", printed.error().Describe());
        ShowNotice({"notice.print_failed", "notice.print_failed.advice",
                    printed.error().Describe(), true},
                   Screen::kPrinting);
        return;
      }
      printed_ = true;
      AdvanceStep();
    };
  });
}

void Session::ShowNotice(Notice notice, Screen retry_screen) {
  notice_ = std::move(notice);
  retry_screen_ = retry_screen;
  screen_ = Screen::kNotice;
  MarkActivity();
}

void Session::EndSession(const char* why) {
  log::Info(kLog, "session ending at {}: {}", ToString(screen_), why);
  WipeCitizenData();
  ++generation_;  // Anything still running for this citizen is dropped.
  if (card_present_ && card_inserted_this_session_) {
    screen_ = Screen::kTakeCard;
    MarkActivity();
    return;
  }
  ReturnHome();
}

void Session::ReturnHome() {
  if (screen_ != Screen::kHome) ++sessions_ended_;
  WipeCitizenData();
  screen_ = Screen::kHome;
  item_ = nullptr;
  step_index_ = 0;
  printed_ = false;
  notice_.reset();
  card_left_behind_ = card_present_;
}

void Session::WipeCitizenData() {
  if (card_) card_->Wipe();
  card_.reset();
  if (record_) record_->Wipe();
  record_.reset();
  if (notice_) notice_->detail.clear();
}

std::chrono::seconds Session::TimeoutFor(Screen screen) const {
  switch (screen) {
    case Screen::kHome:
    case Screen::kReadingCard:
    case Screen::kQuerying:
    case Screen::kPrinting:
      return std::chrono::seconds(0);  // No inactivity timeout; work is bounded by its own.
    case Screen::kResult: return deps_.config->timeouts.result_inactivity;
    case Screen::kTakeCard: return deps_.config->timeouts.take_card;
    default: return deps_.config->timeouts.inactivity;
  }
}

std::optional<Clock::TimePoint> Session::NextDeadline() const {
  auto timeout = TimeoutFor(screen_);
  if (timeout.count() == 0) return std::nullopt;
  return last_activity_ + timeout;
}

void Session::Tick() {
  auto deadline = NextDeadline();
  if (!deadline || deps_.clock->Now() < *deadline) return;
  if (screen_ == Screen::kTakeCard) {
    log::Warning(kLog, "card not taken within {} s; returning home with the card in the reader",
                 deps_.config->timeouts.take_card.count());
    ReturnHome();
    return;
  }
  EndSession("inactivity timeout");
}

SessionView Session::View() const {
  SessionView view;
  view.screen = screen_;
  view.item = item_;
  view.record = record_ ? &*record_ : nullptr;
  if (card_) view.citizen_name = card_->name;
  view.notice = notice_;
  view.card_present = card_present_;
  view.card_left_behind =
      card_left_behind_ && (screen_ == Screen::kHome || screen_ == Screen::kIdentify);
  view.printed = printed_;
  if (auto deadline = NextDeadline()) {
    auto left = std::chrono::ceil<std::chrono::seconds>(*deadline - deps_.clock->Now());
    if (left <= deps_.config->timeouts.countdown_warning) {
      view.seconds_left = static_cast<int>(std::max<std::int64_t>(0, left.count()));
    }
  }
  return view;
}

}  // namespace kiosk
