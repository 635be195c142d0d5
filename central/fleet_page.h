#pragma once

// The fleet page for headquarters' operators (issue 9): GET /fleet, one
// table row per kiosk from the same view as GET /v1/fleet (fleet_api.h),
// problems first and marked in red or amber with words (never colour
// alone), the counts on top, reloading itself every 30 s. Self-contained:
// inline CSS, no scripts, no external resources (the headquarters network
// may have no internet). Every value from a kiosk is HTML-escaped.

#include <cstdint>
#include <string>
#include <string_view>

#include "central/api_response.h"
#include "central/fleet_api.h"
#include "central/kiosk_reports.h"

namespace kiosk::central {

// & < > " ' as character references: safe in text and quoted attributes.
std::string HtmlEscape(std::string_view text);

// "3天4小时", "2小时5分", "7分", "40秒".
std::string DurationText(std::int64_t seconds);

std::string FleetPageHtml(const FleetView& view);

ApiResponse HandleFleetPage(KioskReportStore& store, std::int64_t now_unix_ms);

}  // namespace kiosk::central
