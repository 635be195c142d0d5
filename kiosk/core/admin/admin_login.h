#pragma once

// Entering admin mode: an operator card and its PIN (or, where the policy
// allows, operator id and PIN), with a lockout after too many failures.
//
// The failure counter and lockout are the terminal's, not an operator's:
// whoever stands at the screen is the one guessing. They live in a small
// state file in the data directory, replaced atomically after every change
// (temporary file, fsync, rename, directory fsync), so neither a restart
// nor a power cut resets them. A wrong PIN, an unknown card and an unknown
// operator id count as failures; a malformed PIN, a refused PIN-only
// attempt and an attempt while locked do not (they test no secret).
//
// Every attempt is audited: "login" on success; "login_failed" with the
// refusal and the masked card number; "lockout" (with the time it ends)
// after the failure that reaches the limit; "login_refused_locked" for an
// attempt while locked. The lockout's end is noticed on the next attempt,
// which audits "lockout_expired" and starts counting from zero.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"
#include "kiosk/core/admin/audit_log.h"
#include "kiosk/core/admin/operators.h"

namespace kiosk::admin {

struct LoggedInOperator {
  std::string id;
  std::string name;
  Role role = Role::kOperator;
};

enum class LoginRefusal {
  kWrongPin,
  kUnknownCard,
  kUnknownOperator,
  kPinOnlyNotAllowed,
  kLocked,
  kBadPinFormat,
};

// "wrong_pin", "unknown_card", …: the name in audit records.
std::string_view RefusalName(LoginRefusal refusal);

struct LoginResult {
  std::optional<LoggedInOperator> op;  // Set on success; `refusal` is meaningless then.
  LoginRefusal refusal{};
  int failures_left = 0;                  // Before the lockout.
  std::int64_t locked_until_unix_ms = 0;  // 0 unless locked.
};

class AdminLogin {
 public:
  // Reads the state file when there is one. An unreadable or malformed one
  // is logged and treated as a fresh lockout (fail closed; it ends after
  // the policy's lockout time). Fails with kIo only when the starting state
  // cannot be written.
  static Result<std::unique_ptr<AdminLogin>> Open(const OperatorDirectory& directory,
                                                  const std::string& state_file, AuditLog& audit,
                                                  std::function<std::int64_t()> unix_ms);

  LoginResult WithCard(std::string_view card_number, std::string_view pin);
  // Only where the policy allows PIN-only logins.
  LoginResult WithPin(std::string_view operator_id, std::string_view pin);

  bool Locked() const;
  std::int64_t LockedUntilUnixMs() const;
  int FailuresLeft() const;

  // Audited as "logout" with {"why": why}; why is "timeout" or "operator".
  void Logout(const LoggedInOperator& op, std::string_view why);

 private:
  AdminLogin(const OperatorDirectory& directory, std::string state_file, AuditLog& audit,
             std::function<std::int64_t()> unix_ms);

  // Notices an ended lockout; refuses (and audits) while locked.
  std::optional<LoginResult> RefuseIfLocked(std::string_view method, std::int64_t now);
  LoginResult Refuse(LoginRefusal refusal, bool counts, std::string_view method,
                     const std::string& actor, nlohmann::json detail, std::int64_t now);
  LoginResult Succeed(const OperatorEntry& entry, std::string_view method);
  // Replaces the state file; logs and returns the failure.
  Result<void> Save();
  void Audit(const std::string& actor, const std::string& action, const std::string& outcome,
             nlohmann::json detail);

  OperatorDirectory directory_;  // A copy: a new configuration may replace the caller's.
  std::string state_file_;
  AuditLog& audit_;
  std::function<std::int64_t()> unix_ms_;
  int failures_ = 0;
  std::int64_t locked_until_ = 0;
};

}  // namespace kiosk::admin
