#include <catch2/catch.hpp>

#include "kiosk/core/validation/date_field.h"

using namespace kiosk::validation;

namespace {

std::string ReasonFor(std::string_view input, const DateBounds& bounds = {}) {
  auto result = CheckDate(input, bounds);
  return result ? "ok" : result.error().reason;
}

}  // namespace

TEST_CASE("date: leap years follow the Gregorian rule") {
  CHECK(IsLeapYear(2024));
  CHECK(IsLeapYear(2000));        // Divisible by 400.
  CHECK_FALSE(IsLeapYear(1900));  // By 100 but not 400.
  CHECK_FALSE(IsLeapYear(2023));
  CHECK(DaysInMonth(2024, 2) == 29);
  CHECK(DaysInMonth(1900, 2) == 28);
  CHECK(DaysInMonth(2023, 4) == 30);
  CHECK(DaysInMonth(2023, 13) == 0);
}

TEST_CASE("date: parsing and printing") {
  CHECK(ParseIsoDate("2024-02-29") == Date{2024, 2, 29});
  CHECK_FALSE(ParseIsoDate("2023-02-29"));
  CHECK_FALSE(ParseIsoDate("2024-2-29"));
  CHECK_FALSE(ParseIsoDate("0000-01-01"));
  CHECK(ParseCompactDate("19491231") == Date{1949, 12, 31});
  CHECK_FALSE(ParseCompactDate("1949123"));
  CHECK_FALSE(ParseCompactDate("1949-231"));
  CHECK(ToIsoString(Date{987, 3, 4}) == "0987-03-04");
  CHECK(Date{2024, 1, 31} < Date{2024, 2, 1});
}

TEST_CASE("date field: real dates in YYYY-MM-DD") {
  auto date = CheckDate(" 2024-02-29 ", {});
  REQUIRE(date);
  CHECK(*date == Date{2024, 2, 29});
  CHECK(ReasonFor("2000-02-29") == "ok");
  CHECK(ReasonFor("2023-02-29") == "bad_date");
  CHECK(ReasonFor("1900-02-29") == "bad_date");
  CHECK(ReasonFor("2024-04-31") == "bad_date");
  CHECK(ReasonFor("2024-13-01") == "bad_date");
  CHECK(ReasonFor("2024-00-10") == "bad_date");
  CHECK(ReasonFor("2024-01-00") == "bad_date");
  CHECK(ReasonFor("2024/02/29") == "bad_format");
  CHECK(ReasonFor("2024-2-29") == "bad_format");
  CHECK(ReasonFor("20240229") == "bad_format");
  CHECK(ReasonFor("2024-02-29T00:00") == "bad_format");
  CHECK(ReasonFor("") == "bad_format");
}

TEST_CASE("date field: bounds are inclusive and reported") {
  const DateBounds bounds{Date{2020, 1, 1}, Date{2024, 6, 15}};
  CHECK(ReasonFor("2020-01-01", bounds) == "ok");
  CHECK(ReasonFor("2024-06-15", bounds) == "ok");
  auto late = CheckDate("2024-06-16", bounds);
  REQUIRE_FALSE(late);
  CHECK(late.error().reason == "out_of_range");
  CHECK(late.error().values.at("min") == "2020-01-01");
  CHECK(late.error().values.at("max") == "2024-06-15");
  auto early = CheckDate("2019-12-31", DateBounds{Date{2020, 1, 1}, std::nullopt});
  REQUIRE_FALSE(early);
  CHECK(early.error().reason == "out_of_range");
  CHECK(early.error().values.count("max") == 0);
}
