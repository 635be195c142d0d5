#pragma once

// The kiosk-facing report routes and their reading side for operators:
//   POST /v1/kiosks/{id}/reports/{kind}   a JSON object -> 201
//   GET  /v1/kiosks/{id}/reports[?kind=K&limit=N]      newest first
//   GET  /v1/kiosks?kind=K                the newest of kind K per kiosk
// Reports of kind "heartbeat" are validated (fleet_api.h) before storing.

#include <cstdint>
#include <string>

#include "central/api_response.h"
#include "central/kiosk_reports.h"

namespace kiosk::central {

ApiResponse HandleAddReport(KioskReportStore& store, const std::string& kiosk_id,
                            const std::string& kind, const std::string& body,
                            std::int64_t now_unix_ms);
ApiResponse HandleReportHistory(KioskReportStore& store, const std::string& kiosk_id,
                                const std::string& kind, const std::string& limit);
ApiResponse HandleLatestReports(KioskReportStore& store, const std::string& kind);

}  // namespace kiosk::central
