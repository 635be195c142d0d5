#include "kiosk/core/admin/admin_login.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "common/durable_files.h"
#include "common/log.h"
#include "kiosk/core/validation/mask.h"

namespace kiosk::admin {
namespace {

using nlohmann::json;

// Enough of an operator card's number to tell cards apart in the audit
// log, not enough to clone one.
std::string MaskCard(std::string_view card_number) {
  return validation::MaskMiddle(card_number, 2, 4);
}

// A typed operator id that matches no operator may be anything the person
// at the screen typed, so it is masked like a card number.
std::string MaskTypedId(std::string_view id) { return validation::MaskMiddle(id, 2, 2); }

struct LoginState {
  int failures = 0;
  std::int64_t locked_until = 0;
};

Result<LoginState> ReadState(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kIo, "cannot read " + path);
  const json document = json::parse(in, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    return Fail(ErrorCode::kInvalidData, path + ": not a JSON object");
  }
  if (document.value("format_version", 0) != 1 || !document.contains("failures") ||
      !document["failures"].is_number_integer() || document["failures"].get<int>() < 0 ||
      !document.contains("locked_until_unix_ms") ||
      !document["locked_until_unix_ms"].is_number_integer() ||
      document["locked_until_unix_ms"].get<std::int64_t>() < 0) {
    return Fail(ErrorCode::kInvalidData,
                path + ": expected format_version 1, failures and locked_until_unix_ms");
  }
  return LoginState{document["failures"].get<int>(),
                    document["locked_until_unix_ms"].get<std::int64_t>()};
}

}  // namespace

std::string_view RefusalName(LoginRefusal refusal) {
  switch (refusal) {
    case LoginRefusal::kWrongPin: return "wrong_pin";
    case LoginRefusal::kUnknownCard: return "unknown_card";
    case LoginRefusal::kUnknownOperator: return "unknown_operator";
    case LoginRefusal::kPinOnlyNotAllowed: return "pin_only_not_allowed";
    case LoginRefusal::kLocked: return "locked";
    case LoginRefusal::kBadPinFormat: return "bad_pin_format";
  }
  return "unknown";
}

AdminLogin::AdminLogin(const OperatorDirectory& directory, std::string state_file, AuditLog& audit,
                       std::function<std::int64_t()> unix_ms)
    : directory_(directory),
      state_file_(std::move(state_file)),
      audit_(audit),
      unix_ms_(std::move(unix_ms)) {}

Result<std::unique_ptr<AdminLogin>> AdminLogin::Open(const OperatorDirectory& directory,
                                                     const std::string& state_file, AuditLog& audit,
                                                     std::function<std::int64_t()> unix_ms) {
  std::unique_ptr<AdminLogin> login(
      new AdminLogin(directory, state_file, audit, std::move(unix_ms)));
  if (!std::filesystem::exists(state_file)) return login;
  auto state = ReadState(state_file);
  if (state) {
    login->failures_ = state->failures;
    login->locked_until_ = state->locked_until;
    return login;
  }
  // Someone may have removed the counter to try more PINs, or the disk
  // failed: either way, lock rather than forget.
  const std::int64_t now = login->unix_ms_();
  login->failures_ = directory.policy.max_failures;
  login->locked_until_ =
      now + std::chrono::duration_cast<std::chrono::milliseconds>(directory.policy.lockout).count();
  log::Error("admin", "login state unreadable ({}); admin mode locked until {}",
             state.error().Describe(), FormatUnixMsUtc(login->locked_until_));
  auto saved = login->Save();
  if (!saved) return std::unexpected(saved.error());
  login->Audit(
      "system", "login_state_unreadable", "failed",
      {{"error", state.error().Describe()}, {"until", FormatUnixMsUtc(login->locked_until_)}});
  return login;
}

bool AdminLogin::Locked() const { return locked_until_ != 0 && unix_ms_() < locked_until_; }

std::int64_t AdminLogin::LockedUntilUnixMs() const { return Locked() ? locked_until_ : 0; }

int AdminLogin::FailuresLeft() const {
  // An ended lockout is reset on the next attempt; until then it reports a
  // full allowance, which is what that attempt will have.
  if (locked_until_ != 0 && !Locked()) return directory_.policy.max_failures;
  return std::max(0, directory_.policy.max_failures - failures_);
}

LoginResult AdminLogin::WithCard(std::string_view card_number, std::string_view pin) {
  const std::int64_t now = unix_ms_();
  if (auto locked = RefuseIfLocked("card", now)) return *locked;
  const OperatorEntry* entry = directory_.FindByCard(card_number);
  if (entry == nullptr) {
    return Refuse(LoginRefusal::kUnknownCard, true, "card", "unknown",
                  {{"card", MaskCard(card_number)}}, now);
  }
  if (!ValidPinFormat(pin)) {
    return Refuse(LoginRefusal::kBadPinFormat, false, "card", entry->id,
                  {{"card", MaskCard(card_number)}}, now);
  }
  if (!PinMatches(entry->pin, pin)) {
    return Refuse(LoginRefusal::kWrongPin, true, "card", entry->id,
                  {{"card", MaskCard(card_number)}}, now);
  }
  return Succeed(*entry, "card");
}

LoginResult AdminLogin::WithPin(std::string_view operator_id, std::string_view pin) {
  const std::int64_t now = unix_ms_();
  if (auto locked = RefuseIfLocked("pin", now)) return *locked;
  const OperatorEntry* entry = directory_.FindById(operator_id);
  const std::string actor = entry != nullptr ? entry->id : "unknown";
  json detail = json::object();
  if (entry == nullptr) detail["operator_id"] = MaskTypedId(operator_id);
  if (!directory_.policy.pin_only_allowed) {
    return Refuse(LoginRefusal::kPinOnlyNotAllowed, false, "pin", actor, detail, now);
  }
  if (entry == nullptr) {
    return Refuse(LoginRefusal::kUnknownOperator, true, "pin", actor, detail, now);
  }
  if (!ValidPinFormat(pin)) {
    return Refuse(LoginRefusal::kBadPinFormat, false, "pin", actor, detail, now);
  }
  if (!PinMatches(entry->pin, pin)) {
    return Refuse(LoginRefusal::kWrongPin, true, "pin", actor, detail, now);
  }
  return Succeed(*entry, "pin");
}

void AdminLogin::Logout(const LoggedInOperator& op, std::string_view why) {
  Audit(op.id, "logout", "ok", {{"why", std::string(why)}});
}

std::optional<LoginResult> AdminLogin::RefuseIfLocked(std::string_view method, std::int64_t now) {
  if (locked_until_ == 0) return std::nullopt;
  const std::int64_t lockout_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(directory_.policy.lockout).count();
  if (locked_until_ > now + lockout_ms) {
    // The clock went back (or the policy shortened the lockout): never
    // lock for longer than the policy says from now.
    locked_until_ = now + lockout_ms;
    (void)Save();
  }
  if (now < locked_until_) {
    LoginResult result;
    result.refusal = LoginRefusal::kLocked;
    result.locked_until_unix_ms = locked_until_;
    Audit("unknown", "login_refused_locked", "refused",
          {{"method", std::string(method)}, {"until", FormatUnixMsUtc(locked_until_)}});
    return result;
  }
  Audit("system", "lockout_expired", "ok", {{"ended", FormatUnixMsUtc(locked_until_)}});
  log::Info("admin", "the admin login lockout has ended");
  failures_ = 0;
  locked_until_ = 0;
  (void)Save();
  return std::nullopt;
}

LoginResult AdminLogin::Refuse(LoginRefusal refusal, bool counts, std::string_view method,
                               const std::string& actor, json detail, std::int64_t now) {
  const AdminPolicy& policy = directory_.policy;
  bool locks = false;
  if (counts) {
    ++failures_;
    locks = failures_ >= policy.max_failures;
    if (locks) {
      locked_until_ =
          now + std::chrono::duration_cast<std::chrono::milliseconds>(policy.lockout).count();
    }
    // Saved before the audit: a power cut in between must not forget it.
    (void)Save();
  }
  detail["method"] = std::string(method);
  detail["refusal"] = std::string(RefusalName(refusal));
  detail["failures"] = failures_;
  log::Warning("admin", "admin login refused: {} ({} failure(s) in a row)", RefusalName(refusal),
               failures_);
  Audit(actor, "login_failed", "refused", detail);
  LoginResult result;
  result.refusal = refusal;
  result.failures_left = std::max(0, policy.max_failures - failures_);
  if (locks) {
    result.locked_until_unix_ms = locked_until_;
    log::Warning("admin", "admin login locked until {}", FormatUnixMsUtc(locked_until_));
    Audit("system", "lockout", "ok",
          {{"until", FormatUnixMsUtc(locked_until_)},
           {"failures", failures_},
           {"lockout_s", static_cast<std::int64_t>(policy.lockout.count())}});
  }
  return result;
}

LoginResult AdminLogin::Succeed(const OperatorEntry& entry, std::string_view method) {
  if (failures_ != 0) {
    failures_ = 0;
    (void)Save();
  }
  log::Info("admin", "operator {} ({}) logged in by {}", entry.id, RoleName(entry.role), method);
  Audit(entry.id, "login", "ok",
        {{"method", std::string(method)}, {"role", std::string(RoleName(entry.role))}});
  LoginResult result;
  result.op = LoggedInOperator{entry.id, entry.name, entry.role};
  result.failures_left = directory_.policy.max_failures;
  return result;
}

Result<void> AdminLogin::Save() {
  const json state = {
      {"format_version", 1}, {"failures", failures_}, {"locked_until_unix_ms", locked_until_}};
  const std::string temporary = state_file_ + ".tmp";
  auto written = durable::WriteFile(temporary, state.dump() + "\n", 0600);
  if (written && ::rename(temporary.c_str(), state_file_.c_str()) != 0) {
    written = std::unexpected(
        Error(ErrorCode::kIo, "cannot rename " + temporary + ": " + std::strerror(errno)));
  }
  if (written) {
    const auto parent = std::filesystem::path(state_file_).parent_path();
    written = durable::SyncDirectory(parent.empty() ? "." : parent.string());
  }
  if (!written) {
    // The counter still holds in memory; only a restart would forget it.
    log::Error("admin", "admin login state not saved: {}", written.error().Describe());
  }
  return written;
}

void AdminLogin::Audit(const std::string& actor, const std::string& action,
                       const std::string& outcome, json detail) {
  auto appended = audit_.Append(actor, action, outcome, std::move(detail));
  if (!appended) {
    log::Error("admin", "audit record {} lost: {}", action, appended.error().Describe());
  }
}

}  // namespace kiosk::admin
