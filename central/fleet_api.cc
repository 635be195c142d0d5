#include "central/fleet_api.h"

#include <algorithm>
#include <map>

#include "common/log.h"

namespace kiosk::central {
namespace {

using nlohmann::json;

constexpr const char* kComponent = "fleet";
// Missed heartbeats before a kiosk counts as offline: one lost to a
// network hiccup is normal, three in a row are not.
constexpr std::int64_t kStaleAfterIntervals = 3;

void AddFlag(FleetEntry& entry, const char* code, Severity severity) {
  entry.flags.push_back({code, severity});
  entry.severity = std::max(entry.severity, severity);
}

std::optional<std::int64_t> MostCommonConfigVersion(const std::vector<FleetEntry>& kiosks) {
  std::map<std::int64_t, int> counts;
  for (const FleetEntry& entry : kiosks) {
    if (entry.heartbeat) ++counts[entry.heartbeat->config_version];
  }
  std::optional<std::int64_t> common;
  int best = 0;
  for (const auto& [version, count] : counts) {  // Ascending: ">=" keeps the newest of a tie.
    if (count >= best) {
      best = count;
      common = version;
    }
  }
  return common;
}

void FlagHeartbeat(FleetEntry& entry) {
  const HeartbeatSnapshot& beat = *entry.heartbeat;
  const bool fault = std::any_of(beat.devices.begin(), beat.devices.end(),
                                 [](const DeviceHeartbeat& d) { return d.state == "fault"; });
  const bool warning = std::any_of(beat.devices.begin(), beat.devices.end(),
                                   [](const DeviceHeartbeat& d) { return d.state == "warning"; });
  if (fault) AddFlag(entry, "device_fault", Severity::kFault);
  if (warning) AddFlag(entry, "device_warning", Severity::kWarning);
  if (!beat.in_service) AddFlag(entry, "out_of_service", Severity::kFault);
  if (!beat.queue.accepting) {
    AddFlag(entry, "queue_full", Severity::kFault);
  } else if (beat.queue.near_full) {
    AddFlag(entry, "queue_near_full", Severity::kWarning);
  }
  if (beat.queue.dead > 0) AddFlag(entry, "dead_letters", Severity::kWarning);
}

FleetEntry EntryFor(const KioskReport& report, std::int64_t now_unix_ms) {
  FleetEntry entry;
  entry.kiosk_id = report.kiosk_id;
  entry.received_unix_ms = report.received_unix_ms;
  entry.age_s = std::max<std::int64_t>(0, (now_unix_ms - report.received_unix_ms) / 1000);
  const json document = json::parse(report.body_json, nullptr, /*allow_exceptions=*/false);
  auto beat = ParseHeartbeat(document);
  if (!beat) {
    // Only a report stored before heartbeats were validated gets here.
    log::Warning(kComponent, "kiosk {}: stored heartbeat does not parse: {}", report.kiosk_id,
                 beat.error().Describe());
    entry.status = "invalid";
    entry.invalid_reason = beat.error().detail;
    entry.severity = Severity::kFault;
    return entry;
  }
  entry.heartbeat = std::move(*beat);
  const std::int64_t stale_after_ms = entry.heartbeat->interval_s * 1000 * kStaleAfterIntervals;
  const bool stale = now_unix_ms - report.received_unix_ms >= stale_after_ms;
  entry.status = stale ? "stale" : "online";
  if (stale) entry.severity = Severity::kFault;
  FlagHeartbeat(entry);
  return entry;
}

json FlagsJson(const std::vector<FleetFlag>& flags) {
  json list = json::array();
  for (const FleetFlag& flag : flags) {
    list.push_back({{"code", flag.code}, {"severity", ToString(flag.severity)}});
  }
  return list;
}

}  // namespace

const char* ToString(Severity severity) {
  switch (severity) {
    case Severity::kNone: return "none";
    case Severity::kWarning: return "warning";
    case Severity::kFault: return "fault";
  }
  return "none";
}

FleetView BuildFleetView(const std::vector<KioskReport>& heartbeats, std::int64_t now_unix_ms) {
  FleetView view;
  view.generated_unix_ms = now_unix_ms;
  for (const KioskReport& report : heartbeats) view.kiosks.push_back(EntryFor(report, now_unix_ms));
  view.common_config_version = MostCommonConfigVersion(view.kiosks);
  for (FleetEntry& entry : view.kiosks) {
    if (entry.heartbeat && view.common_config_version &&
        entry.heartbeat->config_version != *view.common_config_version) {
      AddFlag(entry, "config_version_differs", Severity::kWarning);
    }
    if (entry.status == "online") ++view.online;
    if (entry.status == "stale") ++view.stale;
    const bool flagged_fault = std::any_of(entry.flags.begin(), entry.flags.end(), [](auto& flag) {
      return flag.severity == Severity::kFault;
    });
    if (flagged_fault || entry.status == "invalid") {
      ++view.faulty;
    } else if (entry.severity == Severity::kWarning) {
      ++view.warning;
    }
  }
  std::stable_sort(view.kiosks.begin(), view.kiosks.end(),
                   [](const FleetEntry& a, const FleetEntry& b) {
                     if (a.severity != b.severity) return a.severity > b.severity;
                     return a.kiosk_id < b.kiosk_id;
                   });
  return view;
}

nlohmann::json FleetJson(const FleetView& view) {
  json kiosks = json::array();
  for (const FleetEntry& entry : view.kiosks) {
    json item = {{"kiosk_id", entry.kiosk_id},
                 {"status", entry.status},
                 {"severity", ToString(entry.severity)},
                 {"received_unix_ms", entry.received_unix_ms},
                 {"age_s", entry.age_s},
                 {"flags", FlagsJson(entry.flags)}};
    if (entry.heartbeat) item["heartbeat"] = HeartbeatJson(*entry.heartbeat);
    if (!entry.invalid_reason.empty()) item["invalid_reason"] = entry.invalid_reason;
    kiosks.push_back(std::move(item));
  }
  return {{"generated_unix_ms", view.generated_unix_ms},
          {"common_config_version",
           view.common_config_version ? json(*view.common_config_version) : json(nullptr)},
          {"summary",
           {{"total", view.kiosks.size()},
            {"online", view.online},
            {"stale", view.stale},
            {"fault", view.faulty},
            {"warning", view.warning}}},
          {"kiosks", std::move(kiosks)}};
}

std::optional<ApiResponse> CheckHeartbeat(const std::string& kiosk_id,
                                          const nlohmann::json& document) {
  auto beat = ParseHeartbeat(document);
  if (!beat) {
    log::Warning(kComponent, "kiosk {}: heartbeat refused: {}", kiosk_id, beat.error().detail);
    return ErrorResponse(400, "invalid_heartbeat", beat.error().detail);
  }
  if (beat->kiosk_id != kiosk_id) {
    log::Warning(kComponent, "kiosk {}: heartbeat names kiosk {}", kiosk_id, beat->kiosk_id);
    return ErrorResponse(400, "kiosk_id_mismatch",
                         "the heartbeat's kiosk_id \"" + beat->kiosk_id +
                             "\" is not the kiosk in the path \"" + kiosk_id + "\"");
  }
  return std::nullopt;
}

ApiResponse HandleFleet(KioskReportStore& store, std::int64_t now_unix_ms) {
  auto latest = store.Latest(kHeartbeatKind);
  if (!latest) return ErrorResponse(500, "storage_error", latest.error().Describe());
  return JsonResponse(200, FleetJson(BuildFleetView(*latest, now_unix_ms)));
}

}  // namespace kiosk::central
