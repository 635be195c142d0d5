// Luhn sums below were computed by hand or with a throwaway script: from
// the right, every second digit doubled (minus 9 when above 9); the total
// must be a multiple of 10.

#include "kiosk/core/validation/bank_card.h"

#include <catch2/catch.hpp>

using namespace kiosk::validation;

namespace {

std::string ReasonFor(std::string_view input) {
  auto result = CheckBankCard(input);
  return result ? "ok" : result.error().reason;
}

}  // namespace

TEST_CASE("bank card: the Luhn check") {
  // Doubled: seven 1s -> 14, the 4 -> 8; plain: eight 1s -> 8; 30 in all.
  CHECK(PassesLuhn("4111111111111111"));
  CHECK(PassesLuhn("5555555555554444"));        // Sum 60.
  CHECK(PassesLuhn("4012888888881881"));        // Sum 90.
  CHECK(PassesLuhn("6222020000000000000"));     // 19 digits, sum 20.
  CHECK_FALSE(PassesLuhn("4111111111111112"));  // Sum 31.
  CHECK_FALSE(PassesLuhn("4111111111111121"));  // Neighbours swapped: sum 32.
  CHECK_FALSE(PassesLuhn("0412888888881881"));  // Sum 86.
  CHECK_FALSE(PassesLuhn("4012888888818881"));  // Sum 88.
  CHECK_FALSE(PassesLuhn("0"));
  CHECK_FALSE(PassesLuhn("41111111111111x1"));
}

TEST_CASE("bank card: 16 to 19 digits with spaces pass as bare digits") {
  auto spaced = CheckBankCard("4111 1111 1111 1111");
  REQUIRE(spaced);
  CHECK(*spaced == "4111111111111111");
  CHECK(ReasonFor("62220200000000000") == "ok");   // 17 digits, sum 20.
  CHECK(ReasonFor("621226120200000005") == "ok");  // 18 digits, sum 30.
  CHECK(ReasonFor("6222 0200 0000 0000 000") == "ok");
  auto full_width = CheckBankCard("６２２２０２０００００００００００００");
  REQUIRE(full_width);
  CHECK(*full_width == "6222020000000000000");
}

TEST_CASE("bank card: wrong length, characters and check digit") {
  auto amex = CheckBankCard("378282246310005");  // Passes Luhn, but 15 digits.
  REQUIRE_FALSE(amex);
  CHECK(amex.error().reason == "bad_length");
  CHECK(amex.error().values.at("min_length") == "16");
  CHECK(amex.error().values.at("max_length") == "19");
  CHECK(ReasonFor("62220200000000000000") == "bad_length");  // 20 digits.
  CHECK(ReasonFor("") == "bad_length");
  CHECK(ReasonFor("4111-1111-1111-1111") == "bad_character");
  CHECK(ReasonFor("4111 1111 1111 111O") == "bad_character");
  CHECK(ReasonFor("4111111111111112") == "bad_check_digit");
  CHECK(ReasonFor("6222020000000000001") == "bad_check_digit");
  CHECK(ReasonFor("4012888888818881") == "bad_check_digit");
}
