#include "kiosk/core/admin/operators.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "common/log.h"

namespace kiosk::admin {
namespace {

using nlohmann::json;

bool IsLowerHex(const std::string& text, std::size_t length) {
  if (text.size() != length) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

Result<void> OnlyKeys(const json& object, std::initializer_list<const char*> known,
                      const std::string& where) {
  for (const auto& [key, value] : object.items()) {
    bool found = false;
    std::string expected;
    for (const char* name : known) {
      found = found || key == name;
      expected += (expected.empty() ? "" : ", ") + std::string(name);
    }
    if (!found) {
      return Fail(ErrorCode::kInvalidData,
                  where + ": unknown key \"" + key + "\" (expected " + expected + ")");
    }
  }
  return {};
}

Result<std::string> RequireString(const json& object, const char* key, const std::string& where) {
  if (!object.contains(key)) {
    return Fail(ErrorCode::kInvalidData, where + ": \"" + key + "\" is required");
  }
  if (!object[key].is_string() || object[key].get_ref<const std::string&>().empty()) {
    return Fail(ErrorCode::kInvalidData, where + ": \"" + key + "\" must be a non-empty string");
  }
  return object[key].get<std::string>();
}

Result<int> OptionalInt(const json& object, const char* key, int fallback, int low, int high,
                        const std::string& where) {
  if (!object.contains(key)) return fallback;
  const json& value = object[key];
  if (!value.is_number_integer() || value.get<long long>() < low || value.get<long long>() > high) {
    return Fail(ErrorCode::kInvalidData, where + ": \"" + key + "\" must be an integer from " +
                                             std::to_string(low) + " to " + std::to_string(high));
  }
  return value.get<int>();
}

Result<AdminPolicy> ParsePolicy(const json& policy, const std::string& where) {
  if (!policy.is_object()) return Fail(ErrorCode::kInvalidData, where + ": must be an object");
  auto keys = OnlyKeys(
      policy, {"pin_only_allowed", "max_failures", "lockout_s", "session_timeout_s"}, where);
  if (!keys) return std::unexpected(keys.error());
  AdminPolicy result;
  if (policy.contains("pin_only_allowed")) {
    if (!policy["pin_only_allowed"].is_boolean()) {
      return Fail(ErrorCode::kInvalidData, where + ": \"pin_only_allowed\" must be true or false");
    }
    result.pin_only_allowed = policy["pin_only_allowed"].get<bool>();
  }
  auto failures = OptionalInt(policy, "max_failures", result.max_failures, 1, 100, where);
  if (!failures) return std::unexpected(failures.error());
  result.max_failures = *failures;
  auto lockout =
      OptionalInt(policy, "lockout_s", static_cast<int>(result.lockout.count()), 1, 86400, where);
  if (!lockout) return std::unexpected(lockout.error());
  result.lockout = std::chrono::seconds(*lockout);
  auto timeout = OptionalInt(policy, "session_timeout_s",
                             static_cast<int>(result.session_timeout.count()), 10, 3600, where);
  if (!timeout) return std::unexpected(timeout.error());
  result.session_timeout = std::chrono::seconds(*timeout);
  return result;
}

Result<PinHash> ParsePin(const json& pin, const std::string& where) {
  if (!pin.is_object()) return Fail(ErrorCode::kInvalidData, where + ": must be an object");
  auto keys = OnlyKeys(pin, {"salt", "iterations", "hash"}, where);
  if (!keys) return std::unexpected(keys.error());
  PinHash result;
  auto salt = RequireString(pin, "salt", where);
  if (!salt) return std::unexpected(salt.error());
  if (!IsLowerHex(*salt, 32)) {
    return Fail(ErrorCode::kInvalidData, where + ": \"salt\" must be 32 lowercase hex digits");
  }
  auto hash = RequireString(pin, "hash", where);
  if (!hash) return std::unexpected(hash.error());
  if (!IsLowerHex(*hash, 64)) {
    return Fail(ErrorCode::kInvalidData, where + ": \"hash\" must be 64 lowercase hex digits");
  }
  if (!pin.contains("iterations")) {
    return Fail(ErrorCode::kInvalidData, where + ": \"iterations\" is required");
  }
  auto iterations = OptionalInt(pin, "iterations", 0, 1000, 10000000, where);
  if (!iterations) return std::unexpected(iterations.error());
  result.salt_hex = *salt;
  result.hash_hex = *hash;
  result.iterations = *iterations;
  return result;
}

Result<OperatorEntry> ParseOperator(const json& entry, const std::string& where) {
  if (!entry.is_object()) return Fail(ErrorCode::kInvalidData, where + ": must be an object");
  OperatorEntry result;
  auto id = RequireString(entry, "id", where);
  if (!id) return std::unexpected(id.error());
  result.id = *id;
  // From here on the operator is named by its id, which is no personal data.
  const std::string named = where + " (\"" + result.id + "\")";
  auto keys = OnlyKeys(entry, {"id", "name", "role", "card_number", "pin"}, named);
  if (!keys) return std::unexpected(keys.error());
  auto name = RequireString(entry, "name", named);
  if (!name) return std::unexpected(name.error());
  result.name = *name;
  auto role = RequireString(entry, "role", named);
  if (!role) return std::unexpected(role.error());
  if (*role == RoleName(Role::kOperator)) {
    result.role = Role::kOperator;
  } else if (*role == RoleName(Role::kAdministrator)) {
    result.role = Role::kAdministrator;
  } else {
    return Fail(ErrorCode::kInvalidData,
                named + ": \"role\" must be \"operator\" or \"administrator\"");
  }
  if (entry.contains("card_number")) {
    auto card = RequireString(entry, "card_number", named);
    if (!card) return std::unexpected(card.error());
    result.card_number = *card;
  }
  if (!entry.contains("pin")) return Fail(ErrorCode::kInvalidData, named + ": \"pin\" is required");
  auto pin = ParsePin(entry["pin"], named + ".pin");
  if (!pin) return std::unexpected(pin.error());
  result.pin = *pin;
  return result;
}

Result<OperatorDirectory> ParseDirectory(const json& document, const std::string& path) {
  if (!document.is_object()) return Fail(ErrorCode::kInvalidData, path + ": must be an object");
  auto keys = OnlyKeys(document, {"format_version", "policy", "operators"}, path);
  if (!keys) return std::unexpected(keys.error());
  if (!document.contains("format_version") || document["format_version"] != 1) {
    return Fail(ErrorCode::kInvalidData, path + ": \"format_version\" must be 1");
  }
  OperatorDirectory directory;
  if (document.contains("policy")) {
    auto policy = ParsePolicy(document["policy"], path + ": policy");
    if (!policy) return std::unexpected(policy.error());
    directory.policy = *policy;
  }
  if (!document.contains("operators") || !document["operators"].is_array() ||
      document["operators"].empty()) {
    return Fail(ErrorCode::kInvalidData, path + ": \"operators\" must be a non-empty array");
  }
  std::set<std::string> ids;
  std::set<std::string> cards;
  for (std::size_t i = 0; i < document["operators"].size(); ++i) {
    const std::string where = path + ": operators[" + std::to_string(i) + "]";
    auto entry = ParseOperator(document["operators"][i], where);
    if (!entry) return std::unexpected(entry.error());
    if (!ids.insert(entry->id).second) {
      return Fail(ErrorCode::kInvalidData, where + ": duplicate id \"" + entry->id + "\"");
    }
    // The card number itself is not repeated in the message.
    if (!entry->card_number.empty() && !cards.insert(entry->card_number).second) {
      return Fail(ErrorCode::kInvalidData,
                  where + " (\"" + entry->id + "\"): \"card_number\" is another operator's card");
    }
    directory.operators.push_back(std::move(*entry));
  }
  return directory;
}

}  // namespace

std::string_view RoleName(Role role) {
  return role == Role::kAdministrator ? "administrator" : "operator";
}

const OperatorEntry* OperatorDirectory::FindById(std::string_view id) const {
  for (const auto& entry : operators) {
    if (entry.id == id) return &entry;
  }
  return nullptr;
}

const OperatorEntry* OperatorDirectory::FindByCard(std::string_view card_number) const {
  if (card_number.empty()) return nullptr;
  for (const auto& entry : operators) {
    if (entry.card_number == card_number) return &entry;
  }
  return nullptr;
}

std::string OperatorsPath(const std::string& config_dir) {
  return (std::filesystem::path(config_dir) / "admin" / "operators.json").string();
}

Result<OperatorDirectory> LoadOperators(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    log::Error("admin", "cannot read the operator directory {}", path);
    return Fail(ErrorCode::kIo, "cannot read " + path);
  }
  const json document = json::parse(in, nullptr, false);
  if (document.is_discarded()) {
    log::Error("admin", "{} is not valid JSON", path);
    return Fail(ErrorCode::kInvalidData, path + ": not valid JSON");
  }
  auto directory = ParseDirectory(document, path);
  if (!directory) {
    log::Error("admin", "operator directory refused: {}", directory.error().detail);
    return directory;
  }
  log::Info("admin", "{} operator(s) from {}", directory->operators.size(), path);
  return directory;
}

}  // namespace kiosk::admin
