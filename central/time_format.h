#pragma once

// Time stamps as the API writes them.

#include <chrono>
#include <string>

namespace kiosk::central {

using Clock = std::chrono::system_clock;

// ISO 8601 in UTC to the second: "2026-11-23T16:03:40Z".
std::string IsoUtc(Clock::time_point when);

// "2026-11-24 00:03:40": China Standard Time (UTC+8) to the second, as
// headquarters' operators read it on the fleet page.
std::string BeijingDateTime(Clock::time_point when);

// "20261124": the calendar day in China Standard Time (UTC+8, no daylight
// saving), because citizens and counters read tracking numbers by the
// local date, and a submission at 01:00 Beijing time belongs to that day.
std::string BeijingDayStamp(Clock::time_point when);

}  // namespace kiosk::central
