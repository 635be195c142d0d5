#pragma once

// One line per event on stderr, "LEVEL component: message". Kept tiny on
// purpose: the kiosk runs under systemd, whose journal adds time stamps.
//
// Admin mode also needs the log without the journal: every line is kept in
// a ring in memory (the most recent 2000 by default) for the logs screen,
// and, once OpenLogFile is called, appended to a file with its time stamp
// so a diagnostics bundle can carry it. Writing never throws; a log file
// that cannot be written is reported once on stderr and then left alone.

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace kiosk::log {

enum class Level { kDebug, kInfo, kWarning, kError };

// "DEBUG", "INFO", "WARN", "ERROR": the words stderr and the file use.
const char* LevelName(Level level);

struct LogLine {
  std::int64_t unix_ms = 0;
  Level level = Level::kInfo;
  std::string component;
  std::string message;
};

inline constexpr std::size_t kDefaultRecentLines = 2000;
inline constexpr std::size_t kDefaultRotateBytes = 5 * 1024 * 1024;

void SetMinimumLevel(Level level);
void Write(Level level, std::string_view component, std::string_view message) noexcept;

// The most recent lines written, oldest first, at most `max` of them.
std::vector<LogLine> RecentLines(std::size_t max = kDefaultRecentLines);
// How many lines the ring keeps; the oldest beyond it are dropped at once.
void SetRecentLineCapacity(std::size_t lines);

// Appends every line from now on to `path` as well (the file is created if
// missing). When the file grows past `rotate_bytes` it becomes path + ".1"
// (replacing the one before) and a fresh file starts. Replaces a log file
// opened before.
Result<void> OpenLogFile(const std::string& path, std::size_t rotate_bytes = kDefaultRotateBytes);
// Stops writing the file (stderr and the ring go on).
void CloseLogFile();

// "2026-11-23T08:15:02.042Z WARN sync: message": a line as the file holds it.
std::string FormatLine(const LogLine& line);
// "2026-11-23T08:15:02.042Z" for a unix time in milliseconds (UTC).
std::string FormatIsoTime(std::int64_t unix_ms);

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
