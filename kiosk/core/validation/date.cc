#include "kiosk/core/validation/date.h"

#include <fmt/format.h>

namespace kiosk::validation {
namespace {

// Parses exactly `text.size()` ASCII digits; -1 if any is not a digit.
int Digits(std::string_view text) {
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<Date> RealDate(int year, int month, int day) {
  Date date{year, month, day};
  if (year < 0 || month < 0 || day < 0 || !IsRealDate(date)) return std::nullopt;
  return date;
}

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

bool IsRealDate(const Date& date) {
  return date.year >= 1 && date.year <= 9999 && date.day >= 1 &&
         date.day <= DaysInMonth(date.year, date.month);
}

std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  return RealDate(Digits(text.substr(0, 4)), Digits(text.substr(5, 2)), Digits(text.substr(8, 2)));
}

std::optional<Date> ParseCompactDate(std::string_view text) {
  if (text.size() != 8) return std::nullopt;
  return RealDate(Digits(text.substr(0, 4)), Digits(text.substr(4, 2)), Digits(text.substr(6, 2)));
}

std::string ToIsoString(const Date& date) {
  return fmt::format("{:04d}-{:02d}-{:02d}", date.year, date.month, date.day);
}

}  // namespace kiosk::validation
