// Check characters below were computed from GB 32100's rule: code values
// 0..30 of "0123456789ABCDEFGHJKLMNPQRTUWXY", weights 3^i mod 31
// {1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28}, check 31 - sum mod 31
// with 31 meaning 0.

#include "kiosk/core/validation/credit_code.h"

#include <catch2/catch.hpp>

using namespace kiosk::validation;

namespace {

std::string ReasonFor(std::string_view input) {
  auto result = CheckCreditCode(input);
  return result ? "ok" : result.error().reason;
}

}  // namespace

TEST_CASE("credit code: the check character follows MOD 31") {
  // The often-cited 91350100M000100Y43: weighted sum 1640, 1640 mod 31 = 28,
  // 31 - 28 = 3 -> '3'.
  CHECK(CreditCodeCheckChar("91350100M000100Y4") == '3');
  // Sum 2325 = 75 * 31: 31 - 0 = 31, which becomes 0.
  CHECK(CreditCodeCheckChar("91110108MA01AAAAQ") == '0');
  CHECK(CreditCodeCheckChar("N2440300MA5DAAAA0") == 'A');  // Sum 1974, mod 31 = 21 -> 10.
  CHECK(CreditCodeCheckChar("91350100M000100Y") == '\0');
  CHECK(CreditCodeCheckChar("91350100S000100Y4") == '\0');
}

TEST_CASE("credit code: real codes of several registration authorities pass") {
  auto code = CheckCreditCode("91350100M000100Y43");
  REQUIRE(code);
  CHECK(*code == "91350100M000100Y43");
  CHECK(ReasonFor("91110108MA01AAAAQ0") == "ok");
  CHECK(ReasonFor("31110000E00017891P") == "ok");  // 司法行政: sum 876, mod 31 = 8 -> 23.
  CHECK(ReasonFor("52110000MJ00000003") == "ok");  // 民政.
  CHECK(ReasonFor("Y1440300MA5DAAAA05") == "ok");  // 其他.
  CHECK(ReasonFor("N2440300MA5DAAAA0A") == "ok");  // 农业农村.
  CHECK(ReasonFor("G1110000MA0000000A") == "ok");  // 公安.
  CHECK(ReasonFor("71440300MA5D000017") == "ok");  // 宗教.
}

TEST_CASE("credit code: lower case, full width and spaces around are normalised") {
  auto lower = CheckCreditCode(" 91350100m000100y43 ");
  REQUIRE(lower);
  CHECK(*lower == "91350100M000100Y43");
  auto full_width = CheckCreditCode("９１３５０１００Ｍ０００１００Ｙ４３");
  REQUIRE(full_width);
  CHECK(*full_width == "91350100M000100Y43");
}

TEST_CASE("credit code: typing errors are caught by the check character") {
  CHECK(ReasonFor("91350100M000100Y44") == "bad_check_digit");  // Check changed.
  CHECK(ReasonFor("91350100M000100Y53") == "bad_check_digit");  // One changed.
  CHECK(ReasonFor("91350100M001000Y43") == "bad_check_digit");  // 0 and 1 swapped.
  CHECK(ReasonFor("91530100M000100Y43") == "bad_check_digit");  // 3 and 5 swapped.
}

TEST_CASE("credit code: I, O, S, V and Z are never used") {
  for (char letter : std::string_view("IOSVZ")) {
    std::string code = "91350100M000100Y43";
    code[8] = letter;
    CHECK(ReasonFor(code) == "bad_character");
  }
  CHECK(ReasonFor("91350100M000100Y4-") == "bad_character");
  auto with_s = CheckCreditCode("91350100S000100Y43");
  REQUIRE_FALSE(with_s);
  CHECK(with_s.error().detail.find("character 9") != std::string::npos);
}

TEST_CASE("credit code: length, authority and region") {
  CHECK(ReasonFor("91350100M000100Y4") == "bad_length");
  CHECK(ReasonFor("91350100M000100Y430") == "bad_length");
  CHECK(ReasonFor("") == "bad_length");
  CHECK(ReasonFor("B1350100M000100Y41") == "bad_authority");  // Check computed: only B wrong.
  CHECK(ReasonFor("91A50100M000100Y42") == "bad_region");     // Check computed: only A wrong.
  CHECK(IsRegistrationAuthority('9'));
  CHECK(IsRegistrationAuthority('Y'));
  CHECK_FALSE(IsRegistrationAuthority('0'));
  CHECK_FALSE(IsRegistrationAuthority('B'));
}
