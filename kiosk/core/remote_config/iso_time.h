#pragma once

// Expiry dates of metadata: ISO-8601 in UTC, to the second, exactly
// "YYYY-MM-DDTHH:MM:SSZ"; compared with a clock the caller passes in
// (unix seconds), so tests and the kiosk choose what "now" is.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::remote_config {

// nullopt for any other spelling or an impossible date (2027-02-30).
std::optional<std::int64_t> ParseIsoUtc(std::string_view text);
// "YYYY-MM-DD" alone (midnight UTC) or the full form: what the command
// line takes for --expires.
std::optional<std::int64_t> ParseIsoUtcOrDate(std::string_view text);
std::string FormatIsoUtc(std::int64_t unix_seconds);

}  // namespace kiosk::remote_config
