#pragma once

// The citizen's session: one state machine from choosing an item to taking
// the card back, driven by intents (taps), device events and completions of
// background work. Single-threaded: every method runs on the owner's (UI)
// thread; slow work goes through the TaskRunner and comes back as a
// completion. No UI library is involved, so tests drive whole journeys.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "drivers/card_reader/card_reader.h"
#include "drivers/common/device_report.h"
#include "drivers/id_card/id_card_reader.h"
#include "drivers/printer/receipt_printer.h"
#include "drivers/scanner/scan_payload.h"
#include "kiosk/core/catalog/catalog.h"
#include "kiosk/core/central/central_client.h"
#include "kiosk/core/config/kiosk_config.h"
#include "kiosk/core/config/text_table.h"
#include "kiosk/core/flow/flow_plan.h"
#include "kiosk/core/flow/form_answers.h"
#include "kiosk/core/flow/identity.h"
#include "kiosk/core/records/a4_document.h"
#include "kiosk/core/session/device_availability.h"
#include "kiosk/core/session/session_view.h"
#include "kiosk/core/util/clock.h"
#include "kiosk/core/util/task_runner.h"
#include "offline_cache/outbox.h"
#include "offline_cache/record_cache.h"

namespace kiosk {

struct SessionDependencies {
  const KioskConfig* config = nullptr;
  const Catalog* catalog = nullptr;
  const TextTable* texts = nullptr;
  CentralClient* central = nullptr;
  devices::CardReader* card_reader = nullptr;
  devices::IdCardReader* id_card_reader = nullptr;  // Optional: none fitted.
  devices::ReceiptPrinter* receipt_printer = nullptr;
  // Optional: without one, A4 documents are printed as receipts.
  A4DocumentPrinter* a4_printer = nullptr;
  cache::Outbox* outbox = nullptr;
  // Optional: keeps each citizen's last answer to a read-only item's query,
  // shown with its age when the service cannot be reached.
  cache::RecordCache* record_cache = nullptr;
  const Clock* clock = nullptr;
  TaskRunner* tasks = nullptr;
  std::function<std::int64_t()> unix_ms;  // Wall time for records; defaults to the system clock.
  std::function<void()> submitted;        // Called after a submission is queued durably.
  // Optional: delivers outbox row N now (on a worker thread) and returns the
  // server's tracking number, or nullopt when it stays queued.
  std::function<std::optional<std::string>(std::int64_t)> deliver_now;
};

class Session {
 public:
  explicit Session(SessionDependencies dependencies);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Intents from the citizen. Each counts as activity; an intent that makes
  // no sense on the current screen is ignored (a double tap, a stale frame).
  void SelectItem(const std::string& item_id);
  void Continue();  // Guide: start; Result/Accepted: finish without printing;
                    // Form: check and go on; Confirm: submit; Notice: go on.
  void Back();      // One screen back where that is safe.
  void GoHome();    // Ends the session (asks for the card first if one is in);
                    // not while a submission is sent or a receipt printed.
  void Print();     // Result/Accepted: print the receipt.
  // Form: the citizen's input for one field; false (and the reason in the
  // view) when it is refused. Ignored for fields not on the screen.
  bool SetField(const std::string& field_id, const std::string& input);
  void Retry();          // Notice: try the failed step again.
  void Rate(int level);  // 1 (很不满意) .. 5 (非常满意).
  void SkipRating();
  void Touch();  // Any other touch: resets the inactivity timer.

  // Device events, delivered on the owner's thread.
  void OnCardEvent(devices::CardEvent event);
  // An ID card placed on (or taken from) its reader.
  void OnIdCardEvent(devices::IdCardEvent event);
  // A code the scanner read, already classified (or refused, with the
  // reason the citizen is told).
  void OnScan(Result<devices::ScanPayload> payload);
  // An identity from another reader: an ID card, an electronic card's QR
  // code, an enterprise's business licence code.
  void OnIdentityPresented(Identity identity);
  // A device's status changed (from the device manager): items whose every
  // way of identifying is broken cannot start, and a citizen waiting on
  // such a device is told.
  void OnDeviceReport(const devices::DeviceReport& report);
  const DeviceAvailability& Devices() const { return devices_; }

  // Checks timeouts; call when woken and at least once a second while a
  // countdown is shown.
  void Tick();

  // No citizen is being served: the home screen with no item chosen.
  bool Idle() const { return screen_ == Screen::kHome && item_ == nullptr; }
  // Switches to a new configuration (from headquarters) between citizens;
  // false, and nothing changed, while someone is being served. The old
  // objects may be freed once this returns true.
  bool Reconfigure(const KioskConfig* config, const Catalog* catalog, const TextTable* texts);

  SessionView View() const;
  Screen CurrentScreen() const { return screen_; }
  // When the next timeout falls, so an idle UI can sleep until then.
  std::optional<Clock::TimePoint> NextDeadline() const;
  // Sessions started since the program began; a test can see a wipe happened.
  int SessionsEnded() const { return sessions_ended_; }
  const std::string& LastRatingKey() const { return last_rating_key_; }
  const std::string& LastSubmissionKey() const { return last_submission_key_; }
  // The region that handles `item` for this kiosk: the citizen's own when
  // it does, else the home region, else the first served region it lists.
  std::string RegionFor(const ServiceItem& item) const;

 private:
  void StartStep(std::size_t index);
  void AdvanceStep();
  void StartReadCard();
  void StartReadIdCard();
  void StartQuery();
  // Whether a query of the current flow may be answered from the record
  // cache: only where nothing is submitted on the strength of it.
  bool QueryMayUseCache() const;
  void StartPrint();
  void StartPrintA4(const std::string& template_id, nlohmann::json data);
  void PrintFinished(const Result<void>& printed);
  void SubmissionSettled(std::optional<std::string> tracking_number);
  // Whether the item's flow (its sub-items' too) prints on the receipt printer.
  bool PrintsOnReceiptPaper(const ServiceItem& item, int depth = 0) const;
  void StartForm();
  void Submit();
  void ShowResult();
  void AcceptIdentity(Identity identity);
  bool CheckRequirements(const FlowStep& step, const nlohmann::json& record);
  const ServiceItem* StepItem() const;
  validation::Date Today() const;
  std::vector<std::pair<std::string, std::string>> ConfirmRows() const;
  void ShowNotice(Notice notice, Screen retry_screen);
  void EndSession(const char* why);
  void ReturnHome();
  void WipeCitizenData();
  void MarkActivity();
  std::chrono::seconds TimeoutFor(Screen screen) const;
  const FlowStep* CurrentStep() const;

  SessionDependencies deps_;
  Screen screen_ = Screen::kHome;
  const ServiceItem* item_ = nullptr;
  std::vector<PlannedStep> plan_;
  std::size_t step_index_ = 0;
  std::optional<Identity> identity_;
  std::optional<InsuranceRecord> record_;
  QueryAnswers answers_;
  std::string last_query_;
  std::optional<DisplayedRecord> displayed_;
  // Set when the last query was answered from the record cache: when that
  // answer was fetched.
  std::optional<std::int64_t> answer_fetched_unix_ms_;
  FormAnswers form_answers_;
  std::vector<const FieldDefinition*> form_fields_;  // Asked on the form screen now.
  std::string acceptance_number_;
  bool submission_confirmed_ = false;
  bool submissions_paused_ = false;  // The item submits and the outbox is full.
  std::string tracking_number_;
  std::optional<Notice> notice_;
  Screen retry_screen_ = Screen::kHome;
  DeviceAvailability devices_;
  bool reading_id_card_ = false;  // kReadingCard reads the ID card, not the 社保卡.
  bool card_present_ = false;
  bool card_inserted_this_session_ = false;
  bool card_left_behind_ = false;
  bool printed_ = false;
  Clock::TimePoint last_activity_{};
  // Completions from earlier sessions carry an old generation and are dropped.
  std::uint64_t generation_ = 0;
  int sessions_ended_ = 0;
  std::string last_rating_key_;
  std::string last_submission_key_;
  // Lets completions queued on the TaskRunner detect a destroyed session.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace kiosk
