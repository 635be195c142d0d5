#pragma once

// A calendar date without time or zone. Validators compare against a
// "today" the caller passes in, so they stay pure and testable; the
// caller decides which clock and zone (the kiosk's local date) that is.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::validation {

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31

  auto operator<=>(const Date&) const = default;
};

bool IsLeapYear(int year);
// 0 when the month is not 1..12.
int DaysInMonth(int year, int month);
// Gregorian year 1..9999, month 1..12, day within the month.
bool IsRealDate(const Date& date);

// "YYYY-MM-DD"; nullopt unless the shape is exactly that and the date is real.
std::optional<Date> ParseIsoDate(std::string_view text);
// "YYYYMMDD", as in an ID number; nullopt unless eight digits forming a real date.
std::optional<Date> ParseCompactDate(std::string_view text);
// "YYYY-MM-DD" with zero padding.
std::string ToIsoString(const Date& date);

}  // namespace kiosk::validation
