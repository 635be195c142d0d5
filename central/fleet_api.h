#pragma once

// The fleet as headquarters sees it (issue 9): every kiosk's latest
// heartbeat with a status and the problems an operator should act on.
//   GET /v1/fleet   JSON (FleetJson); the page GET /fleet is fleet_page.h.
//
// A kiosk is "online" while its last heartbeat arrived less than three of
// its own intervals ago (the heartbeat says its interval), "stale" after.
// The arrival time is kiosk-central's clock, not the kiosk's: a kiosk
// whose clock is wrong must not look alive.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "central/api_response.h"
#include "central/kiosk_reports.h"
#include "kiosk/core/fleet/heartbeat.h"

namespace kiosk::central {

inline constexpr const char* kHeartbeatKind = "heartbeat";

// How much a problem needs attention: the page's red and amber.
enum class Severity { kNone, kWarning, kFault };

// "device_fault", "out_of_service", "queue_full" (faults); "device_warning",
// "queue_near_full", "dead_letters", "config_version_differs" (warnings).
struct FleetFlag {
  std::string code;
  Severity severity = Severity::kWarning;
};

struct FleetEntry {
  std::string kiosk_id;
  std::int64_t received_unix_ms = 0;
  std::int64_t age_s = 0;  // Since the heartbeat arrived.
  std::string status;      // "online", "stale", or "invalid" (stored before validation).
  std::string invalid_reason;
  std::optional<HeartbeatSnapshot> heartbeat;  // Absent when "invalid".
  std::vector<FleetFlag> flags;
  Severity severity = Severity::kNone;  // The worst flag; a stale kiosk is a fault.
};

struct FleetView {
  std::int64_t generated_unix_ms = 0;
  // The most common config version (ties: the newest, so a rollout shows
  // its laggards); nullopt with no heartbeats.
  std::optional<std::int64_t> common_config_version;
  int online = 0, stale = 0, faulty = 0, warning = 0;  // faulty/warning: by worst flag.
  std::vector<FleetEntry> kiosks;  // Faults first, then warnings, then by kiosk id.
};

// `heartbeats`: the newest heartbeat report of each kiosk.
FleetView BuildFleetView(const std::vector<KioskReport>& heartbeats, std::int64_t now_unix_ms);

const char* ToString(Severity severity);  // "none", "warning", "fault".
nlohmann::json FleetJson(const FleetView& view);

// Validates a heartbeat arriving as a report (kiosk_reports_api.cc): 400
// "invalid_heartbeat" with the field at fault, or "kiosk_id_mismatch".
// nullopt when it is fine.
std::optional<ApiResponse> CheckHeartbeat(const std::string& kiosk_id,
                                          const nlohmann::json& document);

ApiResponse HandleFleet(KioskReportStore& store, std::int64_t now_unix_ms);

}  // namespace kiosk::central
