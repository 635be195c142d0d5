#include "kiosk/core/session/session.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <set>

#include "common/log.h"
#include "common/uuid.h"
#include "kiosk/core/records/flow_receipts.h"
#include "kiosk/core/records/receipt_builder.h"
#include "kiosk/core/records/record_age.h"
#include "kiosk/core/validation/mask.h"

namespace kiosk {
namespace {

constexpr const char* kLog = "session";

std::int64_t SystemUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Identity IdentityFromCard(const devices::SocialSecurityCard& card) {
  Identity identity;
  identity.method = "social_security_card";
  identity.name = card.name;
  identity.id_number = card.ssn;
  identity.card_number = card.card_number;
  identity.region = card.RegionCode();
  return identity;
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
    case Screen::kForm: return "form";
    case Screen::kConfirm: return "confirm";
    case Screen::kSubmitting: return "submitting";
    case Screen::kAccepted: return "accepted";
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

bool Session::Reconfigure(const KioskConfig* config, const Catalog* catalog,
                          const TextTable* texts) {
  if (!Idle()) return false;
  deps_.config = config;
  deps_.catalog = catalog;
  deps_.texts = texts;
  notice_.reset();
  log::Info(kLog, "configuration switched between sessions");
  return true;
}

void Session::MarkActivity() { last_activity_ = deps_.clock->Now(); }

void Session::Touch() {
  if (screen_ != Screen::kHome) MarkActivity();
}

const FlowStep* Session::CurrentStep() const {
  if (item_ == nullptr || step_index_ >= plan_.size()) return nullptr;
  return plan_[step_index_].step;
}

const ServiceItem* Session::StepItem() const {
  // Never null, so callers on any screen can name the item in a log line.
  static const ServiceItem kNoItem;
  if (item_ == nullptr) return &kNoItem;
  if (step_index_ >= plan_.size() || plan_[step_index_].item == nullptr) return item_;
  return plan_[step_index_].item;
}

validation::Date Session::Today() const {
  const std::string day = FormatChinaTime(deps_.unix_ms());
  return validation::ParseIsoDate(day.substr(0, 10)).value_or(validation::Date{});
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
  plan_ = PlanFlow(*deps_.catalog, *item);
  printed_ = false;
  // A full outbox turns away new applications before the citizen fills
  // them in, never by dropping a stored one.
  submissions_paused_ = false;
  for (const auto& planned : plan_) {
    if (planned.step->type != StepType::kSubmit) continue;
    auto capacity = deps_.outbox->Capacity();
    if (!capacity) {
      log::Error(kLog, "outbox capacity unknown: {}", capacity.error().Describe());
    } else if (capacity->Full()) {
      submissions_paused_ = true;
      log::Warning(kLog, "item {} not offered: the outbox is full ({} rows, {} bytes)", item->id,
                   capacity->rows, capacity->bytes);
    }
    break;
  }
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
      if (identity_) {
        AdvanceStep();  // Already identified in this session.
      } else if (card_present_ && card_inserted_this_session_ &&
                 item_->Accepts("social_security_card")) {
        StartReadCard();
      } else {
        screen_ = Screen::kIdentify;
      }
      break;
    case StepType::kQuery: StartQuery(); break;
    case StepType::kResult: ShowResult(); break;
    case StepType::kForm: StartForm(); break;
    case StepType::kConfirm: screen_ = Screen::kConfirm; break;
    case StepType::kSubmit: Submit(); break;
    case StepType::kPrint: StartPrint(); break;
    case StepType::kRate: screen_ = Screen::kRate; break;
    case StepType::kSubFlow: AdvanceStep(); break;  // Unfolded by PlanFlow; never reached.
  }
}

void Session::AdvanceStep() { StartStep(step_index_ + 1); }

void Session::Continue() {
  MarkActivity();
  switch (screen_) {
    case Screen::kGuide:
      if (submissions_paused_) break;
      if (!identity_ && !devices_.ItemUsable(*item_)) {
        log::Warning(kLog, "item {} cannot start: no way of identifying works now", item_->id);
        break;
      }
      AdvanceStep();
      break;
    case Screen::kResult:
    case Screen::kAccepted: {
      // Finish without printing: skip a print step that follows.
      std::size_t next = step_index_ + 1;
      if (next < plan_.size() && plan_[next].step->type == StepType::kPrint) ++next;
      StartStep(next);
      break;
    }
    case Screen::kForm:
      if (form_answers_.Complete(form_fields_)) {
        AdvanceStep();
      } else {
        log::Info(kLog, "form of {} not complete yet", StepItem()->id);
      }
      break;
    case Screen::kConfirm: AdvanceStep(); break;
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
    case Screen::kConfirm:
      // Back to the last form, to correct an answer.
      for (std::size_t i = step_index_; i-- > 0;) {
        if (plan_[i].step->type != StepType::kForm) continue;
        step_index_ = i;
        screen_ = Screen::kForm;
        const PlannedStep& form = plan_[i];
        form_fields_.clear();
        for (const auto& field_id : form.step->fields) {
          const FieldDefinition* field = form.item->FindField(field_id);
          const FieldAnswer* answer = form_answers_.Find(field_id);
          if (field != nullptr && (answer == nullptr || !answer->prefilled)) {
            form_fields_.push_back(field);
          }
        }
        if (form_fields_.empty()) continue;  // Nothing the citizen typed there.
        return;
      }
      break;
    default: break;
  }
}

void Session::GoHome() {
  if (screen_ == Screen::kHome || screen_ == Screen::kTakeCard) return;
  if (screen_ == Screen::kSubmitting || screen_ == Screen::kPrinting) {
    log::Warning(kLog, "home refused while {}: it cannot be broken off", ToString(screen_));
    return;
  }
  // A late answer to a query or a card read is dropped by the generation.
  EndSession(screen_ == Screen::kQuerying || screen_ == Screen::kReadingCard
                 ? "citizen cancelled the wait"
                 : "citizen chose home");
}

void Session::Print() {
  if (screen_ != Screen::kResult && screen_ != Screen::kAccepted) return;
  MarkActivity();
  std::size_t next = step_index_ + 1;
  if (next < plan_.size() && plan_[next].step->type == StepType::kPrint) StartStep(next);
}

bool Session::SetField(const std::string& field_id, const std::string& input) {
  if (screen_ != Screen::kForm) return false;
  MarkActivity();
  for (const FieldDefinition* field : form_fields_) {
    if (field->id == field_id) return form_answers_.Set(*field, input, Today());
  }
  log::Warning(kLog, "input for field {} that is not on the form", field_id);
  return false;
}

void Session::Retry() {
  if (screen_ != Screen::kNotice || !notice_ || !notice_->can_retry) return;
  MarkActivity();
  notice_.reset();
  switch (retry_screen_) {
    case Screen::kReadingCard:
      if (reading_id_card_ && deps_.id_card_reader != nullptr &&
          deps_.id_card_reader->CardPresent()) {
        StartReadIdCard();
      } else if (!reading_id_card_ && card_present_) {
        StartReadCard();
      } else {
        screen_ = Screen::kIdentify;
      }
      break;
    case Screen::kQuerying: StartQuery(); break;
    case Screen::kPrinting: StartPrint(); break;
    case Screen::kAccepted: Submit(); break;
    case Screen::kIdentify: screen_ = Screen::kIdentify; break;
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
  cache::NewSubmission submission{NewUuid(), RegionFor(*item_), "service_rating", item_->id,
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
    if (screen_ != Screen::kIdentify) return;
    if (!item_->Accepts("social_security_card")) {
      ShowNotice({"notice.method_not_accepted", "notice.method_not_accepted.advice",
                  "item " + item_->id + " does not accept a social security card", true},
                 Screen::kIdentify);
      return;
    }
    StartReadCard();
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

void Session::OnIdentityPresented(Identity identity) {
  if (screen_ != Screen::kIdentify) {
    identity.Wipe();  // Nobody asked: a code scanned by accident on another screen.
    return;
  }
  MarkActivity();
  if (!item_->Accepts(identity.method)) {
    ShowNotice({"notice.method_not_accepted", "notice.method_not_accepted.advice",
                "item " + item_->id + " does not accept " + identity.method, true},
               Screen::kIdentify);
    identity.Wipe();
    return;
  }
  AcceptIdentity(std::move(identity));
}

void Session::AcceptIdentity(Identity identity) {
  log::Info(kLog, "identified by {}{}", identity.method,
            identity.region.empty() ? "" : ", region " + identity.region);
  identity_ = std::move(identity);
  if (!identity_->region.empty() && deps_.config->FindRegion(identity_->region) == nullptr) {
    ShowNotice({"notice.region_not_served", "notice.region_not_served.advice",
                "card region " + identity_->region + " is not served by this kiosk", false},
               Screen::kHome);
    return;
  }
  AdvanceStep();
}

void Session::StartReadCard() {
  screen_ = Screen::kReadingCard;
  reading_id_card_ = false;
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
      Identity identity = IdentityFromCard(*card);
      card->Wipe();
      AcceptIdentity(std::move(identity));
    };
  });
}

std::string Session::RegionFor(const ServiceItem& item) const {
  auto handles = [&](const std::string& region) {
    return std::find(item.regions.begin(), item.regions.end(), region) != item.regions.end() &&
           deps_.config->FindRegion(region) != nullptr;
  };
  if (identity_ && handles(identity_->region)) return identity_->region;
  if (handles(deps_.config->home_region)) return deps_.config->home_region;
  for (const auto& region : item.regions) {
    if (handles(region)) return region;
  }
  return deps_.config->home_region;
}

void Session::StartForm() {
  if (CurrentStep() == nullptr) return;
  form_fields_ = form_answers_.Prepare(*StepItem(), *CurrentStep(),
                                       identity_ ? *identity_ : Identity{}, answers_, Today());
  if (form_fields_.empty()) {
    log::Info(kLog, "form of {}: everything known already (秒报)", StepItem()->id);
    AdvanceStep();
    return;
  }
  screen_ = Screen::kForm;
}

bool Session::PrintsOnReceiptPaper(const ServiceItem& item, int depth) const {
  // The catalog loader refuses looping sub-flows; the depth only guards.
  if (depth > 8) return false;
  for (const FlowStep& step : item.flow) {
    if (step.type == StepType::kPrint &&
        (step.paper == Paper::kReceipt || deps_.a4_printer == nullptr)) {
      return true;
    }
    if (step.type == StepType::kSubFlow) {
      const ServiceItem* sub = deps_.catalog->Find(step.sub_item);
      if (sub != nullptr && PrintsOnReceiptPaper(*sub, depth + 1)) return true;
    }
  }
  return false;
}

void Session::StartPrint() {
  const FlowStep* step = CurrentStep();
  if (step == nullptr) return;
  const ServiceItem* item = StepItem();
  ReceiptContext context{item->name_zh, "", deps_.unix_ms(), ""};
  if (const RegionConfig* region = deps_.config->FindRegion(RegionFor(*item))) {
    context.region_name = region->name;
  }
  // Paper outlives the screen: a kept record says so on it too.
  const std::string cached_note =
      answer_fetched_unix_ms_
          ? CachedRecordNote(*deps_.texts, *answer_fetched_unix_ms_, context.printed_unix_ms)
          : std::string();
  context.data_source = cached_note.empty() ? deps_.texts->Get("record.source_live") : cached_note;
  if (step->paper == Paper::kA4 && deps_.a4_printer != nullptr) {
    if (step->template_id == "query_result" && displayed_) {
      StartPrintA4(step->template_id,
                   BuildQueryResultDocumentData(*displayed_, context, *deps_.config));
      return;
    }
    log::Warning(kLog, "no A4 document for template {} of {}: printed as a receipt",
                 step->template_id, item->id);
  }
  devices::ReceiptDocument receipt;
  // Built here, on the owner's thread: the text table is not thread-safe.
  if (step->template_id == "insurance_record" && record_) {
    receipt = BuildInsuranceRecordReceipt(*record_, *deps_.texts, *deps_.config, deps_.unix_ms());
  } else if (step->template_id == "query_result" && displayed_) {
    receipt = BuildQueryResultReceipt(*displayed_, context, *deps_.texts, *deps_.config);
  } else if (step->template_id == "submission_receipt" && !acceptance_number_.empty()) {
    // The receipt says what the screen said: sent, or waiting for the network.
    auto rows = ConfirmRows();
    rows.insert(rows.begin(),
                {deps_.texts->Get("receipt.submission.status"),
                 deps_.texts->Get(submission_confirmed_ ? "receipt.submission.status_submitted"
                                                        : "receipt.submission.status_queued")});
    if (submission_confirmed_) {
      rows.insert(rows.begin() + 1,
                  {deps_.texts->Get("receipt.submission.tracking"), tracking_number_});
    }
    receipt =
        BuildSubmissionReceipt(acceptance_number_, rows, context, *deps_.texts, *deps_.config);
  } else {
    AdvanceStep();  // Nothing to print in this flow.
    return;
  }
  if (!cached_note.empty() && step->template_id != "submission_receipt") {
    AddCachedRecordNote(receipt, cached_note);
  }
  if (step->paper == Paper::kA4) {
    log::Info(kLog, "A4 document of {} printed as a receipt (no A4 printer)", item->id);
  }
  screen_ = Screen::kPrinting;
  const std::uint64_t generation = generation_;
  devices::ReceiptPrinter* printer = deps_.receipt_printer;
  std::weak_ptr<bool> alive = alive_;
  deps_.tasks->Post(
      [this, printer, generation, receipt = std::move(receipt), alive]() -> std::function<void()> {
        auto printed = printer->Print(receipt);
        return [this, generation, alive, printed]() {
          if (alive.expired() || generation != generation_ || screen_ != Screen::kPrinting) return;
          PrintFinished(printed);
        };
      });
}

void Session::StartPrintA4(const std::string& template_id, nlohmann::json data) {
  screen_ = Screen::kPrinting;
  const std::uint64_t generation = generation_;
  A4DocumentPrinter* printer = deps_.a4_printer;
  std::weak_ptr<bool> alive = alive_;
  deps_.tasks->Post([this, printer, generation, template_id, data = std::move(data),
                     alive]() -> std::function<void()> {
    auto printed = printer->PrintDocument(template_id, data);
    return [this, generation, alive, printed]() {
      if (alive.expired() || generation != generation_ || screen_ != Screen::kPrinting) return;
      PrintFinished(printed);
    };
  });
}

void Session::PrintFinished(const Result<void>& printed) {
  MarkActivity();
  if (!printed) {
    log::Error(kLog, "not printed: {}", printed.error().Describe());
    ShowNotice(
        {"notice.print_failed", "notice.print_failed.advice", printed.error().Describe(), true},
        Screen::kPrinting);
    return;
  }
  printed_ = true;
  AdvanceStep();
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
  plan_.clear();
  step_index_ = 0;
  printed_ = false;
  notice_.reset();
  card_left_behind_ = card_present_;
}

void Session::WipeCitizenData() {
  if (identity_) identity_->Wipe();
  identity_.reset();
  if (record_) record_->Wipe();
  record_.reset();
  // JSON answers cannot be wiped in place reliably; dropping them is the
  // best the library allows, the typed copies above are zeroed.
  answers_.clear();
  last_query_.clear();
  if (displayed_) displayed_->Wipe();
  displayed_.reset();
  answer_fetched_unix_ms_.reset();
  form_answers_.Wipe();
  form_fields_.clear();
  acceptance_number_.clear();
  submission_confirmed_ = false;
  tracking_number_.clear();
  last_submission_key_.clear();
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
  if (identity_) view.citizen_name = identity_->name;
  view.notice = notice_;
  view.card_present = card_present_;
  view.card_left_behind =
      card_left_behind_ && (screen_ == Screen::kHome || screen_ == Screen::kIdentify);
  view.printed = printed_;
  view.can_cancel = screen_ == Screen::kQuerying || screen_ == Screen::kReadingCard;
  if (item_ != nullptr) {
    view.step_item = StepItem();
    view.region = RegionFor(*view.step_item);
    if (const RegionConfig* region = deps_.config->FindRegion(view.region)) {
      view.region_name = region->name;
    }
    view.other_region = view.region != deps_.config->home_region;
    view.step_number = static_cast<int>(step_index_) + 1;
    view.step_count = static_cast<int>(plan_.size());
  }
  view.displayed = displayed_ ? &*displayed_ : nullptr;
  if (answer_fetched_unix_ms_) {
    view.cached_record_note =
        CachedRecordNote(*deps_.texts, *answer_fetched_unix_ms_, deps_.unix_ms());
  }
  if (screen_ == Screen::kForm) {
    for (const FieldDefinition* field : form_fields_) {
      FormFieldView shown{field->id, field->label.zh, field->hint.zh, &field->rule, "", "", {}};
      if (const FieldAnswer* answer = form_answers_.Find(field->id)) {
        shown.value = answer->value;
        if (answer->error) {
          shown.error_key = answer->error->TextKey();
          shown.error_values = answer->error->values;
        }
      }
      view.form.push_back(std::move(shown));
    }
  }
  if (screen_ == Screen::kConfirm) view.confirm_rows = ConfirmRows();
  view.acceptance_number = acceptance_number_;
  view.submission_confirmed = submission_confirmed_;
  view.tracking_number = tracking_number_;
  if (item_ != nullptr) {
    view.unusable_methods = devices_.UnusableMethods(*item_);
    view.item_usable =
        !submissions_paused_ && (identity_.has_value() || devices_.ItemUsable(*item_));
    view.submissions_paused = submissions_paused_;
    if (screen_ == Screen::kGuide && PrintsOnReceiptPaper(*item_)) {
      view.receipt_warning = devices_.ReceiptPrinterWarning();
    }
  }
  view.reading_id_card = reading_id_card_;
  if (auto deadline = NextDeadline()) {
    auto left = std::chrono::ceil<std::chrono::seconds>(*deadline - deps_.clock->Now());
    if (left <= deps_.config->timeouts.countdown_warning) {
      view.seconds_left = static_cast<int>(std::max<std::int64_t>(0, left.count()));
    }
  }
  return view;
}

}  // namespace kiosk
