#pragma once

// Reads back the log file common/log writes (OpenLogFile), for exports made
// without the running kiosk (kioskctl diagnostics export): its one rotated
// predecessor first, then the file itself.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/log.h"

namespace kiosk {

// "2026-11-23T08:15:02.042Z WARN sync: message" back into its parts;
// nullopt for any other text.
std::optional<log::LogLine> ParseLogFileLine(std::string_view text);

// The last `max` lines of `path` + ".1" and `path`, oldest first. A text
// line that is not a log line (a message with a line break) continues the
// one before it. kNotFound when neither file exists, kIo when one exists
// but cannot be read.
Result<std::vector<log::LogLine>> ReadLogFile(const std::string& path,
                                              std::size_t max = log::kDefaultRecentLines);

}  // namespace kiosk
