#include "kiosk/core/diagnostics/log_filter.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace kiosk {
namespace {

// ASCII case folding only: Chinese text has no case, and folding bytes of
// UTF-8 above 0x7F would corrupt them.
char Fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

bool ContainsFolded(std::string_view haystack, std::string_view needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                     [](char a, char b) { return Fold(a) == Fold(b); }) != haystack.end();
}

bool Passes(const log::LogLine& line, const LogFilter& filter) {
  if (filter.minimum && line.level < *filter.minimum) return false;
  if (!filter.component.empty() && line.component != filter.component) return false;
  if (filter.since_unix_ms && line.unix_ms < *filter.since_unix_ms) return false;
  if (!filter.text.empty() && !ContainsFolded(line.message, filter.text) &&
      !ContainsFolded(line.component, filter.text)) {
    return false;
  }
  return true;
}

}  // namespace

std::vector<log::LogLine> FilterLog(const std::vector<log::LogLine>& lines,
                                    const LogFilter& filter) {
  std::vector<log::LogLine> kept;
  for (const log::LogLine& line : lines) {
    if (Passes(line, filter)) kept.push_back(line);
  }
  return kept;
}

}  // namespace kiosk
