#include "kiosk/core/fleet/heartbeat.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>

namespace kiosk {
namespace {

using nlohmann::json;

// Reads the fields of one JSON object. The first problem is kept, naming
// the field's full path, so a refused heartbeat says exactly what to fix;
// later reads return defaults and the caller checks Error() once.
class FieldReader {
 public:
  FieldReader(const json& object, std::string prefix)
      : object_(object), prefix_(std::move(prefix)) {}

  std::string Path(const std::string& key) const { return prefix_ + key; }
  const std::optional<Error>& error() const { return error_; }
  void Reject(std::string detail) {
    if (!error_) error_ = Error(ErrorCode::kInvalidData, std::move(detail));
  }

  std::string String(const std::string& key, bool required, std::size_t max_length) {
    if (!object_.contains(key)) {
      if (required) Reject(Path(key) + " is missing");
      return {};
    }
    const json& value = object_[key];
    if (!value.is_string()) {
      Reject(Path(key) + " must be a string");
      return {};
    }
    std::string text = value.get<std::string>();
    if (required && text.empty()) Reject(Path(key) + " must not be empty");
    if (text.size() > max_length) {
      Reject(Path(key) + " is longer than " + std::to_string(max_length) + " bytes");
    }
    return text;
  }

  std::int64_t Integer(const std::string& key, std::int64_t minimum, bool required) {
    if (!object_.contains(key)) {
      if (required) Reject(Path(key) + " is missing");
      return minimum;
    }
    const json& value = object_[key];
    const bool too_big = value.is_number_unsigned() &&
                         value.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX);
    if (!value.is_number_integer() || too_big || value.get<std::int64_t>() < minimum) {
      Reject(Path(key) + " must be an integer of " + std::to_string(minimum) + " or more");
      return minimum;
    }
    return value.get<std::int64_t>();
  }

  bool Bool(const std::string& key, bool fallback) {
    if (!object_.contains(key)) return fallback;
    const json& value = object_[key];
    if (!value.is_boolean()) {
      Reject(Path(key) + " must be true or false");
      return fallback;
    }
    return value.get<bool>();
  }

 private:
  const json& object_;
  std::string prefix_;
  std::optional<Error> error_;
};

bool IsHex(const std::string& text) {
  return std::all_of(text.begin(), text.end(),
                     [](unsigned char c) { return std::isxdigit(c) != 0; });
}

Result<DeviceHeartbeat> ParseDevice(const json& value, const std::string& where) {
  if (!value.is_object()) return Fail(ErrorCode::kInvalidData, where + " must be an object");
  FieldReader fields(value, where + ".");
  DeviceHeartbeat device;
  device.device = fields.String("device", true, 64);
  device.state = fields.String("state", true, 16);
  device.detail = fields.String("detail", false, 200);
  if (fields.error()) return std::unexpected(*fields.error());
  if (!IsDeviceHeartbeatState(device.state)) {
    return Fail(ErrorCode::kInvalidData, fields.Path("state") + " \"" + device.state +
                                             "\" is not one of ok, warning, fault, absent");
  }
  return device;
}

Result<QueueHeartbeat> ParseQueue(const json& value) {
  if (!value.is_object()) return Fail(ErrorCode::kInvalidData, "queue must be an object");
  FieldReader fields(value, "queue.");
  QueueHeartbeat queue;
  queue.pending = fields.Integer("pending", 0, true);
  queue.in_flight = fields.Integer("in_flight", 0, true);
  queue.dead = fields.Integer("dead", 0, true);
  queue.oldest_pending_age_s = fields.Integer("oldest_pending_age_s", 0, false);
  queue.used_bytes = fields.Integer("used_bytes", 0, false);
  queue.max_bytes = fields.Integer("max_bytes", 0, false);
  queue.rows = fields.Integer("rows", 0, false);
  queue.max_rows = fields.Integer("max_rows", 0, false);
  queue.near_full = fields.Bool("near_full", false);
  queue.accepting = fields.Bool("accepting", true);
  if (fields.error()) return std::unexpected(*fields.error());
  return queue;
}

Result<std::map<std::string, std::int64_t>> ParseLastContact(const json& value) {
  const std::string where = "last_contact_unix_ms";
  if (!value.is_object()) return Fail(ErrorCode::kInvalidData, where + " must be an object");
  FieldReader fields(value, where + ".");
  std::map<std::string, std::int64_t> contact;
  for (const auto& [region, unused] : value.items()) {
    if (region.empty() || region.size() > 32) {
      return Fail(ErrorCode::kInvalidData, where + " has a region name of " +
                                               std::to_string(region.size()) +
                                               " bytes (1 to 32 allowed)");
    }
    contact[region] = fields.Integer(region, 0, true);
  }
  if (fields.error()) return std::unexpected(*fields.error());
  return contact;
}

}  // namespace

bool IsDeviceHeartbeatState(const std::string& state) {
  return state == "ok" || state == "warning" || state == "fault" || state == "absent";
}

nlohmann::json HeartbeatJson(const HeartbeatSnapshot& snapshot) {
  json devices = json::array();
  for (const DeviceHeartbeat& device : snapshot.devices) {
    devices.push_back(
        {{"device", device.device}, {"state", device.state}, {"detail", device.detail}});
  }
  const QueueHeartbeat& queue = snapshot.queue;
  json contact = json::object();
  for (const auto& [region, unix_ms] : snapshot.last_contact_unix_ms) contact[region] = unix_ms;
  return {{"kiosk_id", snapshot.kiosk_id},
          {"region", snapshot.region},
          {"software_version", snapshot.software_version},
          {"config_version", snapshot.config_version},
          {"uptime_s", snapshot.uptime_s},
          {"interval_s", snapshot.interval_s},
          {"in_service", snapshot.in_service},
          {"out_of_service_reason", snapshot.out_of_service_reason},
          {"devices", std::move(devices)},
          {"queue",
           {{"pending", queue.pending},
            {"in_flight", queue.in_flight},
            {"dead", queue.dead},
            {"oldest_pending_age_s", queue.oldest_pending_age_s},
            {"used_bytes", queue.used_bytes},
            {"max_bytes", queue.max_bytes},
            {"rows", queue.rows},
            {"max_rows", queue.max_rows},
            {"near_full", queue.near_full},
            {"accepting", queue.accepting}}},
          {"last_contact_unix_ms", std::move(contact)},
          {"audit_seq", snapshot.audit_seq},
          {"audit_hash", snapshot.audit_hash},
          {"sent_unix_ms", snapshot.sent_unix_ms}};
}

Result<HeartbeatSnapshot> ParseHeartbeat(const nlohmann::json& document) {
  if (!document.is_object()) return Fail(ErrorCode::kInvalidData, "a heartbeat is a JSON object");
  FieldReader fields(document, "");
  HeartbeatSnapshot snapshot;
  snapshot.kiosk_id = fields.String("kiosk_id", true, 64);
  snapshot.region = fields.String("region", true, 32);
  snapshot.software_version = fields.String("software_version", true, 64);
  snapshot.config_version = fields.Integer("config_version", 0, true);
  snapshot.uptime_s = fields.Integer("uptime_s", 0, true);
  // Required: headquarters judges staleness by it, and a missing one
  // would silently fall back to a guess.
  snapshot.interval_s = fields.Integer("interval_s", 1, true);
  snapshot.in_service = fields.Bool("in_service", true);
  snapshot.out_of_service_reason = fields.String("out_of_service_reason", false, 200);
  snapshot.audit_seq = fields.Integer("audit_seq", 0, false);
  snapshot.audit_hash = fields.String("audit_hash", false, 128);
  snapshot.sent_unix_ms = fields.Integer("sent_unix_ms", 0, true);
  if (fields.error()) return std::unexpected(*fields.error());
  if (!IsHex(snapshot.audit_hash)) {
    return Fail(ErrorCode::kInvalidData, "audit_hash must be hexadecimal digits");
  }
  if (document.contains("devices")) {
    const json& devices = document["devices"];
    if (!devices.is_array()) return Fail(ErrorCode::kInvalidData, "devices must be an array");
    for (std::size_t i = 0; i < devices.size(); ++i) {
      auto device = ParseDevice(devices[i], "devices[" + std::to_string(i) + "]");
      if (!device) return std::unexpected(device.error());
      snapshot.devices.push_back(std::move(*device));
    }
  }
  if (!document.contains("queue")) return Fail(ErrorCode::kInvalidData, "queue is missing");
  auto queue = ParseQueue(document["queue"]);
  if (!queue) return std::unexpected(queue.error());
  snapshot.queue = *queue;
  if (document.contains("last_contact_unix_ms")) {
    auto contact = ParseLastContact(document["last_contact_unix_ms"]);
    if (!contact) return std::unexpected(contact.error());
    snapshot.last_contact_unix_ms = std::move(*contact);
  }
  return snapshot;
}

}  // namespace kiosk
