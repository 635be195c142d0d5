#include "common/log.h"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <deque>
#include <filesystem>
#include <mutex>
#include <system_error>

namespace kiosk::log {
namespace {

std::atomic<Level> g_minimum_level{Level::kInfo};

// One lock for stderr, the ring and the file: a line is in all three or in
// none, in the same order everywhere, and lines from worker threads never
// interleave.
std::mutex g_write_mutex;
std::deque<LogLine> g_ring;
std::size_t g_ring_capacity = kDefaultRecentLines;

struct LogFile {
  std::FILE* file = nullptr;
  std::string path;
  std::size_t bytes = 0;
  std::size_t rotate_bytes = kDefaultRotateBytes;
};
LogFile g_file;

std::string ErrnoText(int error) {
  return std::error_code(error, std::generic_category()).message();
}

std::int64_t NowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Called with the lock held. Gives up on the file after the first failure,
// saying so once on stderr: a full or pulled disk must not fill stderr with
// one complaint per line, nor stop the kiosk.
void AbandonFile(const char* what, int error) {
  std::fprintf(stderr, "WARN log: cannot %s the log file %s: %s; logging to stderr only\n", what,
               g_file.path.c_str(), ErrnoText(error).c_str());
  std::fflush(stderr);
  if (g_file.file != nullptr) std::fclose(g_file.file);
  g_file.file = nullptr;
}

// Called with the lock held: one rotation, path → path.1, then a new file.
bool RotateFile() {
  std::fclose(g_file.file);
  g_file.file = nullptr;
  const std::string older = g_file.path + ".1";
  if (std::rename(g_file.path.c_str(), older.c_str()) != 0) {
    AbandonFile("rotate", errno);
    return false;
  }
  g_file.file = std::fopen(g_file.path.c_str(), "ae");
  if (g_file.file == nullptr) {
    AbandonFile("reopen", errno);
    return false;
  }
  g_file.bytes = 0;
  return true;
}

// Called with the lock held.
void WriteToFile(const std::string& line) {
  if (g_file.file == nullptr) return;
  if (g_file.bytes > 0 && g_file.bytes + line.size() > g_file.rotate_bytes && !RotateFile()) return;
  // Flushed per line (not synced): a crash must not take the last lines
  // before it, which are the ones wanted.
  if (std::fwrite(line.data(), 1, line.size(), g_file.file) != line.size() ||
      std::fflush(g_file.file) != 0) {
    AbandonFile("write", errno);
    return;
  }
  g_file.bytes += line.size();
}

}  // namespace

const char* LevelName(Level level) {
  switch (level) {
    case Level::kDebug: return "DEBUG";
    case Level::kInfo: return "INFO";
    case Level::kWarning: return "WARN";
    case Level::kError: return "ERROR";
  }
  return "INFO";
}

void SetMinimumLevel(Level level) { g_minimum_level = level; }

void Write(Level level, std::string_view component, std::string_view message) noexcept {
  if (level < g_minimum_level.load()) return;
  try {
    LogLine entry{NowUnixMs(), level, std::string(component), std::string(message)};
    const std::string line = fmt::format("{} {}: {}\n", LevelName(level), component, message);
    std::lock_guard lock(g_write_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
    if (g_file.file != nullptr) WriteToFile(FormatLine(entry) + "\n");
    if (g_ring_capacity == 0) return;
    while (g_ring.size() >= g_ring_capacity) g_ring.pop_front();
    g_ring.push_back(std::move(entry));
  } catch (...) {
    // Only allocation can fail here; losing one line beats taking the
    // kiosk down from inside its error reporting.
  }
}

std::vector<LogLine> RecentLines(std::size_t max) {
  std::lock_guard lock(g_write_mutex);
  const std::size_t count = std::min(max, g_ring.size());
  return std::vector<LogLine>(g_ring.end() - static_cast<std::ptrdiff_t>(count), g_ring.end());
}

void SetRecentLineCapacity(std::size_t lines) {
  std::lock_guard lock(g_write_mutex);
  g_ring_capacity = lines;
  while (g_ring.size() > g_ring_capacity) g_ring.pop_front();
}

Result<void> OpenLogFile(const std::string& path, std::size_t rotate_bytes) {
  if (path.empty()) return Fail(ErrorCode::kInvalidArgument, "the log file path is empty");
  if (rotate_bytes == 0) {
    return Fail(ErrorCode::kInvalidArgument, "the log file rotation size must be above 0");
  }
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::error_code error;
    std::filesystem::create_directories(parent, error);
    if (error) {
      const std::string detail = "cannot create " + parent.string() + ": " + error.message();
      Write(Level::kError, "log", detail);
      return Fail(ErrorCode::kIo, detail);
    }
  }
  std::FILE* file = std::fopen(path.c_str(), "ae");
  if (file == nullptr) {
    const std::string detail = "cannot open the log file " + path + ": " + ErrnoText(errno);
    Write(Level::kError, "log", detail);
    return Fail(ErrorCode::kIo, detail);
  }
  struct stat status {};
  if (::fstat(::fileno(file), &status) != 0) {
    const std::string detail = "cannot stat the log file " + path + ": " + ErrnoText(errno);
    std::fclose(file);
    Write(Level::kError, "log", detail);
    return Fail(ErrorCode::kIo, detail);
  }
  std::lock_guard lock(g_write_mutex);
  if (g_file.file != nullptr) std::fclose(g_file.file);
  g_file = LogFile{file, path, static_cast<std::size_t>(status.st_size), rotate_bytes};
  return {};
}

void CloseLogFile() {
  std::lock_guard lock(g_write_mutex);
  if (g_file.file != nullptr) std::fclose(g_file.file);
  g_file.file = nullptr;
}

std::string FormatIsoTime(std::int64_t unix_ms) {
  // Floor division, so a time before 1970 still names the right second.
  std::int64_t seconds = unix_ms / 1000;
  std::int64_t millis = unix_ms % 1000;
  if (millis < 0) {
    millis += 1000;
    seconds -= 1;
  }
  const std::time_t time = static_cast<std::time_t>(seconds);
  std::tm utc{};
  ::gmtime_r(&time, &utc);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900,
                     utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
}

std::string FormatLine(const LogLine& line) {
  return fmt::format("{} {} {}: {}", FormatIsoTime(line.unix_ms), LevelName(line.level),
                     line.component, line.message);
}

}  // namespace kiosk::log
