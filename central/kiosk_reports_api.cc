#include "central/kiosk_reports_api.h"

#include <algorithm>
#include <cctype>

#include "central/fleet_api.h"

namespace kiosk::central {
namespace {

using nlohmann::json;

bool ValidName(const std::string& text, std::size_t max_length) {
  return !text.empty() && text.size() <= max_length &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) {
           return std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.';
         });
}

json ReportJson(const KioskReport& report) {
  return {{"kiosk_id", report.kiosk_id},
          {"kind", report.kind},
          {"received_unix_ms", report.received_unix_ms},
          {"report", json::parse(report.body_json, nullptr, /*allow_exceptions=*/false)}};
}

ApiResponse ReportsResponse(const Result<std::vector<KioskReport>>& reports) {
  if (!reports) return ErrorResponse(500, "storage_error", reports.error().Describe());
  json list = json::array();
  for (const KioskReport& report : *reports) list.push_back(ReportJson(report));
  return JsonResponse(200, {{"reports", std::move(list)}});
}

}  // namespace

ApiResponse HandleAddReport(KioskReportStore& store, const std::string& kiosk_id,
                            const std::string& kind, const std::string& body,
                            std::int64_t now_unix_ms) {
  if (!ValidName(kiosk_id, 64)) {
    return ErrorResponse(400, "invalid_kiosk_id", "a kiosk id is 1-64 letters, digits, - _ .");
  }
  if (!ValidName(kind, 32)) return ErrorResponse(400, "invalid_kind", "unknown report kind");
  const json document = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) {
    return ErrorResponse(400, "invalid_json", "a report is a JSON object");
  }
  // Heartbeats feed the fleet status: a malformed one is refused now,
  // where the kiosk hears why, rather than hidden on the fleet page.
  if (kind == kHeartbeatKind) {
    if (auto refused = CheckHeartbeat(kiosk_id, document)) return *refused;
  }
  if (auto added = store.Add({kiosk_id, kind, now_unix_ms, document.dump()}); !added) {
    return ErrorResponse(500, "storage_error", added.error().Describe());
  }
  return JsonResponse(201, {{"stored", true}});
}

ApiResponse HandleReportHistory(KioskReportStore& store, const std::string& kiosk_id,
                                const std::string& kind, const std::string& limit) {
  int count = 50;
  if (!limit.empty()) {
    if (limit.size() > 4 || !std::all_of(limit.begin(), limit.end(), ::isdigit)) {
      return ErrorResponse(400, "invalid_limit", "limit is a number from 1 to 1000");
    }
    count = std::clamp(std::stoi(limit), 1, 1000);
  }
  return ReportsResponse(store.History(kiosk_id, kind, count));
}

ApiResponse HandleLatestReports(KioskReportStore& store, const std::string& kind) {
  if (!ValidName(kind, 32)) return ErrorResponse(400, "invalid_kind", "name a report kind");
  return ReportsResponse(store.Latest(kind));
}

}  // namespace kiosk::central
