#include "common/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>

namespace kiosk::log {
namespace {

std::atomic<Level> g_minimum_level{Level::kInfo};
std::mutex g_write_mutex;

const char* LevelName(Level level) {
  switch (level) {
    case Level::kDebug: return "DEBUG";
    case Level::kInfo: return "INFO";
    case Level::kWarning: return "WARN";
    case Level::kError: return "ERROR";
  }
  return "INFO";
}

}  // namespace

void SetMinimumLevel(Level level) { g_minimum_level = level; }

void Write(Level level, std::string_view component, std::string_view message) {
  if (level < g_minimum_level.load()) return;
  // One fwrite per line under a lock so lines from worker threads never interleave.
  std::string line = fmt::format("{} {}: {}\n", LevelName(level), component, message);
  std::lock_guard lock(g_write_mutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace kiosk::log
