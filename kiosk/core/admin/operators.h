#pragma once

// The operator directory: who may enter admin mode, with which card and
// PIN, in which role, under which lockout policy. It is part of the
// configuration (`<config_dir>/admin/operators.json`), so a bundle from
// headquarters can carry a new one. Format:
//
//   {"format_version": 1,
//    "policy": {"pin_only_allowed": false, "max_failures": 5,
//               "lockout_s": 900, "session_timeout_s": 120},
//    "operators": [
//      {"id": "op001", "name": "…", "role": "operator" | "administrator",
//       "card_number": "…",                      // optional: no card
//       "pin": {"salt": "<32 hex>", "iterations": 200000, "hash": "<64 hex>"}}]}
//
// `kioskctl admin hash-pin` prints the "pin" object for a PIN.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "kiosk/core/admin/pin_hash.h"

namespace kiosk::admin {

enum class Role { kOperator, kAdministrator };

// "operator" / "administrator".
std::string_view RoleName(Role role);

struct OperatorEntry {
  std::string id;
  std::string name;
  Role role = Role::kOperator;
  std::string card_number;  // Empty: the operator has no card.
  PinHash pin;
};

struct AdminPolicy {
  bool pin_only_allowed = false;  // Whether an operator may log in by id + PIN, without a card.
  int max_failures = 5;           // Failed attempts in a row before the lockout.
  std::chrono::seconds lockout{900};
  std::chrono::seconds session_timeout{120};  // Admin mode ends after this long untouched.
};

struct OperatorDirectory {
  std::vector<OperatorEntry> operators;
  AdminPolicy policy;

  const OperatorEntry* FindById(std::string_view id) const;
  const OperatorEntry* FindByCard(std::string_view card_number) const;
};

// `<config_dir>/admin/operators.json`.
std::string OperatorsPath(const std::string& config_dir);

// kIo when the file cannot be read; kInvalidData naming the operator and
// field for anything else (unknown keys, duplicate ids or cards, a PIN
// hash of the wrong length, a policy value out of range).
Result<OperatorDirectory> LoadOperators(const std::string& path);

}  // namespace kiosk::admin
