#include "kiosk/core/validation/phone.h"

#include <catch2/catch.hpp>

using namespace kiosk::validation;

namespace {

std::string ReasonFor(std::string_view input) {
  auto result = CheckMobilePhone(input);
  return result ? "ok" : result.error().reason;
}

std::string Normalised(std::string_view input) {
  auto result = CheckMobilePhone(input);
  return result ? *result : "rejected: " + result.error().reason;
}

}  // namespace

TEST_CASE("phone: separators and the +86 prefix are normalised to 11 digits") {
  CHECK(Normalised("13800138000") == "13800138000");
  CHECK(Normalised("138 0013 8000") == "13800138000");
  CHECK(Normalised("138-0013-8000") == "13800138000");
  CHECK(Normalised("+86 138 0013 8000") == "13800138000");
  CHECK(Normalised("+86-13800138000") == "13800138000");
  CHECK(Normalised("+8613800138000") == "13800138000");
  CHECK(Normalised("8613800138000") == "13800138000");
  CHECK(Normalised("86 138 0013 8000") == "13800138000");
  CHECK(Normalised("１３８００１３８０００") == "13800138000");
  CHECK(Normalised(" 19912345678 ") == "19912345678");
  CHECK(Normalised("14700000000") == "14700000000");
}

TEST_CASE("phone: wrong length") {
  auto result = CheckMobilePhone("1380013800");
  REQUIRE_FALSE(result);
  CHECK(result.error().reason == "bad_length");
  CHECK(result.error().values.at("length") == "11");
  CHECK(ReasonFor("138001380001") == "bad_length");
  CHECK(ReasonFor("10086") == "bad_length");
  CHECK(ReasonFor("008613800138000") == "bad_length");
  CHECK(ReasonFor("+86 1380013800") == "bad_length");
}

TEST_CASE("phone: not a mainland mobile number") {
  CHECK(ReasonFor("12800138000") == "bad_format");
  CHECK(ReasonFor("10800138000") == "bad_format");
  CHECK(ReasonFor("23800138000") == "bad_format");
  CHECK(ReasonFor("+1 415 555 2671") == "bad_format");
  CHECK(ReasonFor("+852 9123 4567") == "bad_format");
}

TEST_CASE("phone: characters other than digits and separators") {
  CHECK(ReasonFor("138a0013800") == "bad_character");
  CHECK(ReasonFor("(+86)13800138000") == "bad_character");
  CHECK(ReasonFor("138+00138000") == "bad_character");
  CHECK(ReasonFor("138.0013.8000") == "bad_character");
}
