#pragma once

// The logs screen's filter over the recent log (log::RecentLines): by
// level, component, text and time, all of them optional.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/log.h"

namespace kiosk {

struct LogFilter {
  std::optional<log::Level> minimum;  // This level and the more severe ones.
  std::string component;              // Exact component name; empty: any.
  std::string text;  // Case-insensitive (ASCII) substring of component or message; empty: any.
  std::optional<std::int64_t> since_unix_ms;  // Lines at or after this time.
};

// The lines that pass every part of `filter`, in their order.
std::vector<log::LogLine> FilterLog(const std::vector<log::LogLine>& lines,
                                    const LogFilter& filter);

}  // namespace kiosk
