// The session's submit step and what the citizen confirms before it: kept
// apart from session.cc, which drives the screens.

#include <algorithm>
#include <cctype>
#include <set>

#include "common/log.h"
#include "common/uuid.h"
#include "kiosk/core/records/receipt_builder.h"
#include "kiosk/core/session/session.h"
#include "kiosk/core/session/submission_envelope.h"
#include "kiosk/core/validation/mask.h"

namespace kiosk {
namespace {

constexpr const char* kLog = "session";

// What the confirm screen and the receipt show of a value: enough for the
// citizen to recognise it, never a whole ID or card number.
std::string ShownValue(const FieldDefinition& field, const std::string& value) {
  using validation::FieldType;
  switch (field.rule.type) {
    case FieldType::kIdNumber: return validation::MaskMiddle(value, 6, 4);
    case FieldType::kBankCard: return validation::MaskMiddle(value, 4, 4);
    case FieldType::kPhone: return validation::MaskMiddle(value, 3, 4);
    case FieldType::kChoice:
      for (const auto& option : field.rule.options) {
        if (option.id == value) return option.name_zh;
      }
      return value;
    default: return value;
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> Session::ConfirmRows() const {
  std::vector<std::pair<std::string, std::string>> rows;
  std::set<std::string> shown;
  const std::size_t end = std::min(step_index_ + 1, plan_.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (plan_[i].step->type != StepType::kForm) continue;
    for (const auto& field_id : plan_[i].step->fields) {
      const FieldDefinition* field = plan_[i].item->FindField(field_id);
      const FieldAnswer* answer = form_answers_.Find(field_id);
      if (field == nullptr || answer == nullptr || answer->error ||
          !shown.insert(field_id).second) {
        continue;
      }
      rows.emplace_back(field->label.zh,
                        answer->value.empty() ? "—" : ShownValue(*field, answer->value));
    }
  }
  return rows;
}

void Session::Submit() {
  const ServiceItem* item = StepItem();
  const FlowStep* step = CurrentStep();
  if (step == nullptr) return;
  if (!identity_) {
    ShowNotice({"notice.service_error", "notice.service_error.advice",
                "flow of " + item->id + " submits before it identifies the citizen", false},
               Screen::kHome);
    return;
  }
  // The key is chosen once per submission: a retry after a storage failure
  // reuses it, so the server can never see the same application twice.
  if (last_submission_key_.empty()) last_submission_key_ = NewUuid();
  const std::int64_t now = deps_.unix_ms();
  // The envelope every submission shares (submission_envelope.h); what the
  // citizen submitted is the payload.
  const cache::NewSubmission submission =
      BuildSubmission({.idempotency_key = last_submission_key_,
                       .region = RegionFor(*item),
                       .kind = step->submission,
                       .item_id = item->id,
                       .bundle_id = item != item_ ? item_->id : std::string(),
                       .kiosk_id = deps_.config->kiosk_id,
                       .identity = identity_->ToRequestJson(),
                       .fields = form_answers_.ToJson(),
                       .submitted_at_ms = now});
  auto queued = deps_.outbox->Enqueue(submission, now);
  if (!queued) {
    log::Error(kLog, "submission of {} not stored: {}", item->id, queued.error().Describe());
    if (queued.error().code == ErrorCode::kCapacity) {
      ShowNotice(
          {"notice.outbox_full", "notice.outbox_full.advice", queued.error().Describe(), false},
          Screen::kHome);
      return;
    }
    ShowNotice({"notice.submission_not_stored", "notice.submission_not_stored.advice",
                queued.error().Describe(), true},
               Screen::kAccepted);
    return;
  }
  acceptance_number_ = AcceptanceNumber(last_submission_key_, now);
  submission_confirmed_ = false;
  tracking_number_.clear();
  log::Info(kLog, "submission {} of {} queued as outbox row {} for region {}", acceptance_number_,
            item->id, *queued, submission.region);
  last_submission_key_.clear();
  if (!deps_.deliver_now) {
    if (deps_.submitted) deps_.submitted();
    screen_ = Screen::kAccepted;
    return;
  }
  // Stored: nothing is lost now. Try to send it while the citizen waits,
  // so the screen can honestly say 已提交 — or that it waits for the network.
  screen_ = Screen::kSubmitting;
  const std::uint64_t generation = generation_;
  std::weak_ptr<bool> alive = alive_;
  const std::int64_t row = *queued;
  deps_.tasks->Post(
      [this, generation, alive, row, deliver = deps_.deliver_now]() -> std::function<void()> {
        auto tracking_number = deliver(row);
        return [this, generation, alive, tracking_number]() {
          if (alive.expired() || generation != generation_ || screen_ != Screen::kSubmitting)
            return;
          SubmissionSettled(tracking_number);
        };
      });
}

void Session::SubmissionSettled(std::optional<std::string> tracking_number) {
  MarkActivity();
  submission_confirmed_ = tracking_number.has_value();
  tracking_number_ = tracking_number.value_or("");
  if (!submission_confirmed_ && deps_.submitted) deps_.submitted();  // The worker retries it.
  log::Info(kLog, "submission {} {}", acceptance_number_,
            submission_confirmed_ ? "confirmed by the server" : "waits in the outbox");
  screen_ = Screen::kAccepted;
}

}  // namespace kiosk
