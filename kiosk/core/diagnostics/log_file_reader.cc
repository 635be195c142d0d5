#include "kiosk/core/diagnostics/log_file_reader.h"

#include <cerrno>
#include <charconv>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace kiosk {
namespace {

std::optional<int> Digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return std::nullopt;
  int value = 0;
  const char* begin = text.data() + pos;
  const auto [end, error] = std::from_chars(begin, begin + count, value);
  if (error != std::errc() || end != begin + count) return std::nullopt;
  return value;
}

// "YYYY-MM-DDTHH:MM:SS.mmmZ", as log::FormatIsoTime writes it.
std::optional<std::int64_t> ParseIsoTime(std::string_view text) {
  if (text.size() != 24 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != '.' || text[23] != 'Z') {
    return std::nullopt;
  }
  const auto year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2),
             hour = Digits(text, 11, 2), minute = Digits(text, 14, 2), second = Digits(text, 17, 2),
             millis = Digits(text, 20, 3);
  if (!year || !month || !day || !hour || !minute || !second || !millis) return std::nullopt;
  std::tm parts{};
  parts.tm_year = *year - 1900;
  parts.tm_mon = *month - 1;
  parts.tm_mday = *day;
  parts.tm_hour = *hour;
  parts.tm_min = *minute;
  parts.tm_sec = *second;
  return static_cast<std::int64_t>(::timegm(&parts)) * 1000 + *millis;
}

std::optional<log::Level> ParseLevel(std::string_view word) {
  for (log::Level level :
       {log::Level::kDebug, log::Level::kInfo, log::Level::kWarning, log::Level::kError}) {
    if (word == log::LevelName(level)) return level;
  }
  return std::nullopt;
}

// Appends the lines of one file, keeping the last `max`.
Result<void> ReadInto(const std::string& path, std::deque<log::LogLine>& lines, std::size_t max) {
  std::ifstream in(path);
  if (!in) {
    return Fail(ErrorCode::kIo, "cannot read the log file " + path + ": " +
                                    std::error_code(errno, std::generic_category()).message());
  }
  std::string text;
  while (std::getline(in, text)) {
    if (auto line = ParseLogFileLine(text)) {
      lines.push_back(std::move(*line));
      if (lines.size() > max) lines.pop_front();
    } else if (!lines.empty()) {
      lines.back().message += "\n" + text;
    }
  }
  if (in.bad()) return Fail(ErrorCode::kIo, "reading the log file " + path + " failed");
  return {};
}

}  // namespace

std::optional<log::LogLine> ParseLogFileLine(std::string_view text) {
  const std::size_t time_end = text.find(' ');
  if (time_end == std::string_view::npos) return std::nullopt;
  const auto unix_ms = ParseIsoTime(text.substr(0, time_end));
  if (!unix_ms) return std::nullopt;
  const std::size_t level_end = text.find(' ', time_end + 1);
  if (level_end == std::string_view::npos) return std::nullopt;
  const auto level = ParseLevel(text.substr(time_end + 1, level_end - time_end - 1));
  if (!level) return std::nullopt;
  const std::size_t colon = text.find(": ", level_end + 1);
  if (colon == std::string_view::npos) return std::nullopt;
  return log::LogLine{*unix_ms, *level,
                      std::string(text.substr(level_end + 1, colon - level_end - 1)),
                      std::string(text.substr(colon + 2))};
}

Result<std::vector<log::LogLine>> ReadLogFile(const std::string& path, std::size_t max) {
  std::deque<log::LogLine> lines;
  bool found = false;
  for (const std::string& file : {path + ".1", path}) {
    std::error_code error;
    if (!std::filesystem::exists(file, error)) continue;
    found = true;
    if (auto read = ReadInto(file, lines, max); !read) {
      log::Warning("diagnostics", "{}", read.error().detail);
      return std::unexpected(read.error());
    }
  }
  if (!found) return Fail(ErrorCode::kNotFound, "no log file at " + path);
  return std::vector<log::LogLine>(lines.begin(), lines.end());
}

}  // namespace kiosk
