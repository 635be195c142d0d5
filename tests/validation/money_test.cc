#include "kiosk/core/validation/money.h"

#include <catch2/catch.hpp>
#include <limits>

using namespace kiosk::validation;

namespace {

std::string ReasonFor(std::string_view input, std::int64_t min_fen = 0,
                      std::int64_t max_fen = kMaxMoneyFen) {
  auto result = CheckMoney(input, min_fen, max_fen);
  return result ? "ok" : result.error().reason;
}

std::int64_t Fen(std::string_view input) {
  auto result = CheckMoney(input, 0, kMaxMoneyFen);
  return result ? *result : -1;
}

}  // namespace

TEST_CASE("money: yuan text becomes whole fen without floating point") {
  CHECK(Fen("1234") == 123400);
  CHECK(Fen("1234.5") == 123450);
  CHECK(Fen("1234.56") == 123456);
  CHECK(Fen("0.01") == 1);
  CHECK(Fen("0.1") == 10);  // Not representable in binary floating point.
  CHECK(Fen("0") == 0);
  CHECK(Fen("0012.30") == 1230);
  CHECK(Fen(" ５０.５ ") == 5050);
  CHECK(Fen("9999999999999.99") == kMaxMoneyFen);
}

TEST_CASE("money: shape and characters") {
  CHECK(ReasonFor("1234.567") == "bad_format");
  CHECK(ReasonFor("12.") == "bad_format");
  CHECK(ReasonFor(".5") == "bad_format");
  CHECK(ReasonFor("1.2.3") == "bad_format");
  CHECK(ReasonFor("") == "bad_format");
  CHECK(ReasonFor("-5") == "bad_character");
  CHECK(ReasonFor("+5") == "bad_character");
  CHECK(ReasonFor("1,234.00") == "bad_character");
  CHECK(ReasonFor("1e3") == "bad_character");
  CHECK(ReasonFor("¥12") == "bad_character");
}

TEST_CASE("money: bounds in fen, inclusive, reported as yuan") {
  CHECK(ReasonFor("100000.00", 0, 10000000) == "ok");
  auto over = CheckMoney("100000.01", 0, 10000000);
  REQUIRE_FALSE(over);
  CHECK(over.error().reason == "out_of_range");
  CHECK(over.error().values.at("min") == "0.00");
  CHECK(over.error().values.at("max") == "100000.00");
  CHECK(ReasonFor("0.99", 100, 200) == "out_of_range");
  CHECK(ReasonFor("1", 100, 200) == "ok");
  // Far beyond int64 fen: rejected as out of range, not wrapped around.
  CHECK(ReasonFor("99999999999999999999999") == "out_of_range");
  CHECK(ReasonFor("10000000000000") == "out_of_range");
}

TEST_CASE("money: fen print as yuan") {
  CHECK(FormatFenAsYuan(0) == "0.00");
  CHECK(FormatFenAsYuan(5) == "0.05");
  CHECK(FormatFenAsYuan(123450) == "1234.50");
  CHECK(FormatFenAsYuan(-150) == "-1.50");
  CHECK(FormatFenAsYuan(std::numeric_limits<std::int64_t>::min()) == "-92233720368547758.08");
}
