#pragma once

// The heartbeat a kiosk sends headquarters (issue 9): how its devices and
// outbox are, which software and configuration it runs, how long it has
// been up, when it last reached each region, and the head of its audit
// chain, so headquarters notices a terminal that stops reporting or whose
// log was rewritten. No citizen's data: counts and states only.
//
// kiosk-central validates each heartbeat with ParseHeartbeat, the same
// code the kiosk serialises with, so both sides agree on the shape.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"

namespace kiosk {

struct DeviceHeartbeat {
  std::string device;  // "card_reader", "receipt_printer", ...
  std::string state;   // "ok", "warning", "fault", "absent".
  std::string detail;  // "paper_near_end", "cover_open", ...; empty when ok.
};

// The outbox as DeliveryWorker and the citizen see it.
struct QueueHeartbeat {
  std::int64_t pending = 0, in_flight = 0, dead = 0;
  std::int64_t oldest_pending_age_s = 0;
  std::int64_t used_bytes = 0, max_bytes = 0;
  std::int64_t rows = 0, max_rows = 0;  // Undelivered rows and their bound.
  bool near_full = false;               // OutboxCapacity::NearFull: 90 % of rows or bytes.
  bool accepting = true;                // False once full: new submissions are refused.
};

struct HeartbeatSnapshot {
  std::string kiosk_id, region, software_version;
  std::int64_t config_version = 0;  // 0: the shipped configuration.
  std::int64_t uptime_s = 0;
  // How often the kiosk sends; headquarters calls it stale after three.
  // HeartbeatSender fills it in.
  std::int64_t interval_s = 60;
  bool in_service = true;
  std::string out_of_service_reason;
  std::vector<DeviceHeartbeat> devices;
  QueueHeartbeat queue;
  std::map<std::string, std::int64_t> last_contact_unix_ms;  // Per region; 0 = never.
  std::int64_t audit_seq = 0;     // The audit chain's head: its last entry ...
  std::string audit_hash;         // ... and that entry's hash (hex).
  std::int64_t sent_unix_ms = 0;  // HeartbeatSender fills it in.
};

// One of "ok", "warning", "fault", "absent".
bool IsDeviceHeartbeatState(const std::string& state);

nlohmann::json HeartbeatJson(const HeartbeatSnapshot& snapshot);

// kInvalidData naming the first field that is missing, of the wrong type
// or out of range ("queue.pending must be an integer of 0 or more").
// Unknown fields are ignored: a newer kiosk may say more than this
// headquarters understands, and must still be seen in the fleet.
Result<HeartbeatSnapshot> ParseHeartbeat(const nlohmann::json& document);

}  // namespace kiosk
