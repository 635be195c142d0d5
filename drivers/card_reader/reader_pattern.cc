#include "drivers/card_reader/reader_pattern.h"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>

namespace kiosk::devices {
namespace {

std::string Lower(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower;
}

}  // namespace

bool ReaderNameMatches(const std::string& pattern, const std::string& name) {
  if (pattern.empty()) return true;
  if (pattern.find_first_of("*?[") != std::string::npos) {
    return fnmatch(Lower(pattern).c_str(), Lower(name).c_str(), 0) == 0;
  }
  return Lower(name).find(Lower(pattern)) != std::string::npos;
}

std::optional<std::string> MatchReader(const std::string& pattern,
                                       const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (ReaderNameMatches(pattern, name)) return name;
  }
  return std::nullopt;
}

}  // namespace kiosk::devices
