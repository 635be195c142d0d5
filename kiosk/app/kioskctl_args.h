#pragma once

// Argument parsing the kioskctl device commands share.

#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>

namespace kiosk::ctl {

// "--timeout S": seconds, more than 0 and at most an hour; nullopt when
// the text is anything else.
inline std::optional<double> ParseTimeoutSeconds(const std::string& text) {
  try {
    std::size_t used = 0;
    const double seconds = std::stod(text, &used);
    if (used != text.size() || !std::isfinite(seconds) || !(seconds > 0) || seconds > 3600) {
      return std::nullopt;
    }
    return seconds;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

inline constexpr const char* kTimeoutProblem =
    "--timeout takes seconds, more than 0 and at most 3600";

}  // namespace kiosk::ctl
