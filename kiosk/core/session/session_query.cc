// The query and result steps: asking the region's service (or, when it
// cannot be reached, the record kept for a read-only item), the item's
// requirements on the answer, and showing it.

#include <algorithm>

#include "common/log.h"
#include "common/secure_wipe.h"
#include "kiosk/core/flow/displayed_record.h"
#include "kiosk/core/records/insurance_record.h"
#include "kiosk/core/session/session.h"

namespace kiosk {
namespace {

constexpr const char* kLog = "session";

Notice NoticeForQueryError(const Error& error) {
  if (error.reason == "citizen_not_found") {
    return {"notice.citizen_not_found", "notice.citizen_not_found.advice", error.Describe(), false};
  }
  if (error.reason == "phone_code_unknown") {
    return {"notice.phone_code_unknown", "notice.phone_code_unknown.advice", error.Describe(),
            false};
  }
  if (error.reason == "card_reported_lost") {
    return {"notice.card_reported_lost", "notice.card_reported_lost.advice", error.Describe(),
            false};
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
    default: return {"notice.service_error", "notice.service_error.advice", error.Describe(), true};
  }
}

bool ServiceUnreachable(const Error& error) {
  return error.code == ErrorCode::kNetwork || error.code == ErrorCode::kTimeout ||
         error.code == ErrorCode::kServerUnavailable;
}

// On a worker thread: keeps a live answer; when the service cannot be
// reached, replaces the error with the kept answer, if there is one, and
// returns when that was fetched. A cache that fails only costs the copy.
std::optional<std::int64_t> AnswerThroughCache(cache::RecordCache& cache, const std::string& region,
                                               const std::string& query, const std::string& subject,
                                               std::int64_t now, Result<nlohmann::json>& answer) {
  if (answer) {
    if (auto kept = cache.Put(region, query, subject, answer->dump(), now); !kept) {
      log::Warning(kLog, "answer to {} not kept: {}", query, kept.error().Describe());
    }
    if (auto purged = cache.Purge(now); purged && *purged > 0) {
      log::Info(kLog, "record cache: {} record(s) past their age deleted", *purged);
    }
    return std::nullopt;
  }
  if (!ServiceUnreachable(answer.error())) return std::nullopt;
  auto kept = cache.Get(region, query, subject, now);
  if (!kept) {
    log::Warning(kLog, "record cache unreadable: {}", kept.error().Describe());
    return std::nullopt;
  }
  if (!kept->has_value()) return std::nullopt;
  auto parsed = nlohmann::json::parse((*kept)->body_json, nullptr, false);
  SecureWipe((*kept)->body_json);
  if (parsed.is_discarded()) {
    log::Warning(kLog, "record cache: the kept answer to {} is not JSON; not shown", query);
    return std::nullopt;
  }
  log::Info(kLog, "query {} unreachable ({}): showing the record kept {} s ago", query,
            answer.error().Describe(), (now - (*kept)->fetched_unix_ms) / 1000);
  answer = std::move(parsed);
  return (*kept)->fetched_unix_ms;
}

}  // namespace

void Session::StartQuery() {
  const FlowStep* step = CurrentStep();
  if (step == nullptr) return;
  if (!identity_) {
    ShowNotice({"notice.service_error", "notice.service_error.advice",
                "flow of " + item_->id + " queries before it identifies the citizen", false},
               Screen::kHome);
    return;
  }
  screen_ = Screen::kQuerying;
  answer_fetched_unix_ms_.reset();
  const std::uint64_t generation = generation_;
  const std::string region = RegionFor(*StepItem());
  const std::string query = step->query;
  nlohmann::json request = {{"identity", identity_->ToRequestJson()}};
  CentralClient* central = deps_.central;
  // Kept per citizen: a phone code names no one until the server resolves
  // it, so its answers are not kept.
  std::string subject = identity_->IsEnterprise() ? identity_->credit_code : identity_->id_number;
  cache::RecordCache* cache = QueryMayUseCache() && !subject.empty() ? deps_.record_cache : nullptr;
  std::function<std::int64_t()> unix_ms = deps_.unix_ms;
  std::weak_ptr<bool> alive = alive_;
  deps_.tasks->Post([this, central, cache, unix_ms, generation, region, query, request,
                     subject = std::move(subject), alive]() mutable -> std::function<void()> {
    auto answer = central->Query(region, query, request);
    std::optional<std::int64_t> fetched_unix_ms;
    if (cache != nullptr) {
      fetched_unix_ms = AnswerThroughCache(*cache, region, query, subject, unix_ms(), answer);
    }
    SecureWipe(subject);
    return [this, generation, alive, query, fetched_unix_ms, answer = std::move(answer)]() mutable {
      if (alive.expired() || generation != generation_ || screen_ != Screen::kQuerying) return;
      MarkActivity();
      if (!answer) {
        log::Warning(kLog, "query {} failed: {}", query, answer.error().Describe());
        ShowNotice(NoticeForQueryError(answer.error()), Screen::kQuerying);
        return;
      }
      if (query == "insurance_record") {
        auto record = ParseInsuranceRecord(*answer);
        if (!record) {
          log::Warning(kLog, "query {} answered badly: {}", query, record.error().Describe());
          ShowNotice(NoticeForQueryError(record.error()), Screen::kQuerying);
          return;
        }
        log::Info(kLog, "query answered: {} insurance(s)", record->insurances.size());
        record_ = std::move(*record);
        answers_[query] = *answer;
      } else {
        auto found = answer->find("record");
        if (!answer->is_object() || found == answer->end() || !found->is_object()) {
          ShowNotice({"notice.service_error", "notice.service_error.advice",
                      "query " + query + " answered without a \"record\" object", true},
                     Screen::kQuerying);
          return;
        }
        log::Info(kLog, "query {} answered", query);
        answers_[query] = std::move(*found);
      }
      answer_fetched_unix_ms_ = fetched_unix_ms;
      last_query_ = query;
      const FlowStep* query_step = CurrentStep();
      if (query_step != nullptr && !CheckRequirements(*query_step, answers_[query])) return;
      AdvanceStep();
    };
  });
}

bool Session::QueryMayUseCache() const {
  return std::none_of(plan_.begin(), plan_.end(), [](const PlannedStep& planned) {
    return planned.step->type == StepType::kSubmit;
  });
}

bool Session::CheckRequirements(const FlowStep& step, const nlohmann::json& record) {
  for (const auto& requirement : step.requirements) {
    const nlohmann::json* value = FindPath(record, requirement.path);
    const std::string text = value == nullptr ? std::string() : ScalarText(*value);
    if (std::find(requirement.allowed.begin(), requirement.allowed.end(), text) !=
        requirement.allowed.end()) {
      continue;
    }
    log::Info(kLog, "item {} refused: {} is \"{}\"", StepItem()->id, requirement.path, text);
    Notice notice{"notice.refused", "", "requirement on " + requirement.path + " not met", false};
    notice.advice_text = requirement.refusal.zh;
    ShowNotice(std::move(notice), Screen::kHome);
    return false;
  }
  return true;
}

void Session::ShowResult() {
  const FlowStep* step = CurrentStep();
  if (step == nullptr) return;
  if (step->display) {
    auto answer = answers_.find(step->query.empty() ? last_query_ : step->query);
    if (answer == answers_.end()) {
      AdvanceStep();  // The loader makes sure a query ran first.
      return;
    }
    if (displayed_) displayed_->Wipe();
    displayed_ = RenderDisplay(*step->display, answer->second);
  }
  screen_ = Screen::kResult;
}

}  // namespace kiosk
