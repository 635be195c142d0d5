#include "kiosk/core/remote_config/iso_time.h"

#include <time.h>

#include <cstdio>

namespace kiosk::remote_config {

std::optional<std::int64_t> ParseIsoUtc(std::string_view text) {
  // Positions of the digits in "YYYY-MM-DDTHH:MM:SSZ".
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  if (text.size() != kShape.size()) return std::nullopt;
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    const bool digit = text[i] >= '0' && text[i] <= '9';
    if (kShape[i] == 'd' ? !digit : text[i] != kShape[i]) return std::nullopt;
  }
  auto number = [&](std::size_t at, std::size_t width) {
    int value = 0;
    for (std::size_t i = at; i < at + width; ++i) value = value * 10 + (text[i] - '0');
    return value;
  };
  tm fields{};
  fields.tm_year = number(0, 4) - 1900;
  fields.tm_mon = number(5, 2) - 1;
  fields.tm_mday = number(8, 2);
  fields.tm_hour = number(11, 2);
  fields.tm_min = number(14, 2);
  fields.tm_sec = number(17, 2);
  const time_t seconds = timegm(&fields);
  // timegm normalises 02-30 to 03-02: only a date that comes back as
  // written is a real one.
  if (FormatIsoUtc(seconds) != text) return std::nullopt;
  return static_cast<std::int64_t>(seconds);
}

std::optional<std::int64_t> ParseIsoUtcOrDate(std::string_view text) {
  if (text.size() == 10) return ParseIsoUtc(std::string(text) + "T00:00:00Z");
  return ParseIsoUtc(text);
}

std::string FormatIsoUtc(std::int64_t unix_seconds) {
  const time_t seconds = static_cast<time_t>(unix_seconds);
  tm fields{};
  gmtime_r(&seconds, &fields);
  char text[80];  // Room for any int the compiler can imagine (-Wformat-truncation).
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02dZ", fields.tm_year + 1900,
                fields.tm_mon + 1, fields.tm_mday, fields.tm_hour, fields.tm_min, fields.tm_sec);
  return text;
}

}  // namespace kiosk::remote_config
