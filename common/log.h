#pragma once

// One line per event on stderr, "LEVEL component: message". Kept tiny on
// purpose: the kiosk runs under systemd, whose journal adds time stamps.

#include <fmt/format.h>
#include <string_view>

namespace kiosk::log {

enum class Level { kDebug, kInfo, kWarning, kError };

void SetMinimumLevel(Level level);
void Write(Level level, std::string_view component, std::string_view message);

template <typename... Args>
void Info(std::string_view component, fmt::format_string<Args...> fmt, Args&&... args) {
  Write(Level::kInfo, component, fmt::format(fmt, std::forward<Args>(args)...));
}
template <typename... Args>
void Warning(std::string_view component, fmt::format_string<Args...> fmt, Args&&... args) {
  Write(Level::kWarning, component, fmt::format(fmt, std::forward<Args>(args)...));
}
template <typename... Args>
void Error(std::string_view component, fmt::format_string<Args...> fmt, Args&&... args) {
  Write(Level::kError, component, fmt::format(fmt, std::forward<Args>(args)...));
}

}  // namespace kiosk::log
