#include "central/time_format.h"

#include <fmt/format.h>

#include <ctime>

namespace kiosk::central {
namespace {

std::tm UtcFields(Clock::time_point when) {
  const std::time_t seconds = Clock::to_time_t(when);
  std::tm fields{};
  gmtime_r(&seconds, &fields);
  return fields;
}

}  // namespace

std::string IsoUtc(Clock::time_point when) {
  const std::tm t = UtcFields(when);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", t.tm_year + 1900, t.tm_mon + 1,
                     t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
}

std::string BeijingDateTime(Clock::time_point when) {
  const std::tm t = UtcFields(when + std::chrono::hours(8));
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", t.tm_year + 1900, t.tm_mon + 1,
                     t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec);
}

std::string BeijingDayStamp(Clock::time_point when) {
  const std::tm t = UtcFields(when + std::chrono::hours(8));
  return fmt::format("{:04}{:02}{:02}", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday);
}

}  // namespace kiosk::central
