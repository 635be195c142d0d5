// Check characters below were computed by hand or with a throwaway script
// from GB 11643's weights {7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2}: the
// weighted sum of the first 17 digits mod 11 picks from "10X98765432".

#include "kiosk/core/validation/id_number.h"

#include <catch2/catch.hpp>

using namespace kiosk::validation;

namespace {

const Date kToday{2024, 6, 15};

std::string ReasonFor(std::string_view input) {
  auto result = CheckIdNumber(input, kToday);
  return result ? "ok" : result.error().reason;
}

}  // namespace

TEST_CASE("id number: the check character follows MOD 11-2") {
  // 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2
  // = 167; 167 mod 11 = 2 -> 'X'.
  CHECK(IdNumberCheckChar("11010519491231002") == 'X');
  CHECK(IdNumberCheckChar("44030420000229001") == '4');  // Sum 184, mod 11 = 8.
  CHECK(IdNumberCheckChar("11010519491231003") == '8');  // Sum 169, mod 11 = 4.
  CHECK(IdNumberCheckChar("1101051949123100") == '\0');
  CHECK(IdNumberCheckChar("1101051949123100A") == '\0');
}

TEST_CASE("id number: real numbers pass and tell birth date and sex") {
  auto id = CheckIdNumber("11010519491231002X", kToday);
  REQUIRE(id);
  CHECK(id->value == "11010519491231002X");
  CHECK(id->birth_date == Date{1949, 12, 31});
  CHECK(id->sex == Sex::kFemale);  // 17th digit 2.
  CHECK(id->province == 11);

  auto leap_day = CheckIdNumber("440304200002290014", kToday);  // 2000 is a leap year.
  REQUIRE(leap_day);
  CHECK(leap_day->birth_date == Date{2000, 2, 29});
  CHECK(leap_day->sex == Sex::kMale);  // 17th digit 1.

  CHECK(ReasonFor("440304199602290012") == "ok");  // Sum 263, mod 11 = 10 -> '2'.
  CHECK(ReasonFor("65010219600101011X") == "ok");  // Sum 167 -> 'X'.
  CHECK(ReasonFor("460000200001010027") == "ok");  // 海南, sum 104, mod 11 = 5 -> '7'.
  CHECK(ReasonFor("500101198510100033") == "ok");  // 重庆, sum 141, mod 11 = 9 -> '3'.
}

TEST_CASE("id number: Hong Kong, Macao and Taiwan residence permits pass") {
  CHECK(ReasonFor("810000197006151233") == "ok");
  CHECK(ReasonFor("820000200101010021") == "ok");
  CHECK(ReasonFor("830000198001010018") == "ok");
  CHECK(ReasonFor("710000198001010010") == "ok");
}

TEST_CASE("id number: lower-case x, full-width digits and surrounding spaces are accepted") {
  auto lower = CheckIdNumber("11010519491231002x", kToday);
  REQUIRE(lower);
  CHECK(lower->value == "11010519491231002X");
  auto full_width = CheckIdNumber("１１０１０５１９４９１２３１００２Ｘ", kToday);
  REQUIRE(full_width);
  CHECK(full_width->value == "11010519491231002X");
  auto spaced = CheckIdNumber("\u3000 11010519491231002X \t", kToday);
  REQUIRE(spaced);
  CHECK(spaced->value == "11010519491231002X");
}

TEST_CASE("id number: typing errors are caught by the check character") {
  CHECK(ReasonFor("11010519491231003X") == "bad_check_digit");  // One digit changed.
  CHECK(ReasonFor("11010519491231020X") == "bad_check_digit");  // 0 and 2 swapped.
  CHECK(ReasonFor("110105194912310029") == "bad_check_digit");  // Check digit changed.
  CHECK(ReasonFor("440304200002290015") == "bad_check_digit");
}

TEST_CASE("id number: wrong length and characters") {
  auto short_one = CheckIdNumber("11010519491231002", kToday);
  REQUIRE_FALSE(short_one);
  CHECK(short_one.error().reason == "bad_length");
  CHECK(short_one.error().values.at("length") == "18");
  CHECK(ReasonFor("11010519491231002X1") == "bad_length");
  CHECK(ReasonFor("110105491231002") == "bad_length");  // The old 15-digit form.
  CHECK(ReasonFor("") == "bad_length");
  CHECK(ReasonFor("1101051949123100X2") == "bad_character");  // X only last.
  CHECK(ReasonFor("11010519491231002Y") == "bad_character");
  CHECK(ReasonFor("110105 19491231002") == "bad_character");
  CHECK(ReasonFor("11010519491231002张") == "bad_character");
}

TEST_CASE("id number: the province must exist in GB/T 2260") {
  // Check characters computed so that only the region is wrong.
  CHECK(ReasonFor("990105194912310023") == "bad_region");
  CHECK(ReasonFor("100105194912310028") == "bad_region");
  CHECK(ReasonFor("660105194912310027") == "bad_region");
  CHECK(ReasonFor("720105194912310023") == "bad_region");
}

TEST_CASE("id number: the birth date must be real, from 1900 and not in the future") {
  CHECK(ReasonFor("440304199902300016") == "bad_date");  // 1999-02-30.
  CHECK(ReasonFor("110105190002290017") == "bad_date");  // 1900 is not a leap year.
  CHECK(ReasonFor("110105202302290014") == "bad_date");
  CHECK(ReasonFor("110105194912320025") == "bad_date");
  CHECK(ReasonFor("110105194913310021") == "bad_date");
  CHECK(ReasonFor("110105189912310015") == "bad_date");  // 1899-12-31.
  CHECK(ReasonFor("11010519000101001X") == "ok");        // 1900-01-01.
  CHECK(ReasonFor("110105202406160011") == "bad_date");  // Tomorrow.
  CHECK(ReasonFor("110105202406150016") == "ok");        // Born today.
}

TEST_CASE("id number: rejection details do not repeat the number") {
  for (std::string_view bad : {"11010519491231003X", "440304199902300016", "990105194912310023"}) {
    auto result = CheckIdNumber(bad, kToday);
    REQUIRE_FALSE(result);
    CHECK(result.error().detail.find(bad) == std::string::npos);
    CHECK(result.error().detail.find(bad.substr(6, 8)) == std::string::npos);
    CHECK(result.error().TextKey() == "field.error." + result.error().reason);
  }
}

TEST_CASE("id number helpers: birth date, sex and mask") {
  CHECK(IdNumberBirthDate("11010519491231002X") == Date{1949, 12, 31});
  CHECK(IdNumberSex("11010519491231002X") == Sex::kFemale);
  CHECK(IdNumberSex("440304200002290014") == Sex::kMale);
  CHECK_FALSE(IdNumberBirthDate("11010519491231002x").has_value());  // Not normalised.
  CHECK_FALSE(IdNumberBirthDate("1101051949123100").has_value());
  CHECK_FALSE(IdNumberSex("abc").has_value());
  CHECK(MaskIdNumber("11010519491231002X") == "110***********002X");
}
