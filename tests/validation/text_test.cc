#include "kiosk/core/validation/text.h"

#include <catch2/catch.hpp>

using namespace kiosk::validation;

namespace {

std::string ReasonFor(std::string_view input, std::size_t min_chars, std::size_t max_chars) {
  auto result = CheckText(input, min_chars, max_chars);
  return result ? "ok" : result.error().reason;
}

}  // namespace

TEST_CASE("text: limits count characters, not bytes") {
  CHECK(ReasonFor("张三", 1, 2) == "ok");  // 6 bytes, 2 characters.
  auto too_long = CheckText("张三丰", 1, 2);
  REQUIRE_FALSE(too_long);
  CHECK(too_long.error().reason == "too_long");
  CHECK(too_long.error().values.at("max_length") == "2");
  CHECK(ReasonFor("𠈌", 1, 1) == "ok");  // Outside the BMP: 4 bytes, 1 character.
  std::string fifty;
  for (int i = 0; i < 50; ++i) fifty += "国";
  CHECK(ReasonFor(fifty, 1, 50) == "ok");
  CHECK(ReasonFor(fifty + "国", 1, 50) == "too_long");
  auto too_short = CheckText("张", 2, 10);
  REQUIRE_FALSE(too_short);
  CHECK(too_short.error().reason == "too_short");
  CHECK(too_short.error().values.at("min_length") == "2");
  CHECK(ReasonFor("", 0, 10) == "ok");
}

TEST_CASE("text: surrounding whitespace is trimmed, inner kept") {
  auto trimmed = CheckText("\u3000 张 三\t\n", 0, 10);
  REQUIRE(trimmed);
  CHECK(*trimmed == "张 三");
  // Trimming happens before counting: the spaces do not make it too long.
  CHECK(ReasonFor("   ab   ", 0, 2) == "ok");
  CHECK(ReasonFor("\u00a0\u3000", 1, 2) == "too_short");
}

TEST_CASE("text: control characters and malformed UTF-8 are refused") {
  CHECK(ReasonFor("a\x01b", 0, 10) == "bad_character");
  CHECK(ReasonFor("a\nb", 0, 10) == "bad_character");
  CHECK(ReasonFor("a\x7f", 0, 10) == "bad_character");
  CHECK(ReasonFor("a\u0085b", 0, 10) == "bad_character");  // C1 NEL inside the text.
  CHECK(ReasonFor("a\u202eb", 0, 10) == "bad_character");  // Right-to-left override.
  CHECK(ReasonFor("a\u2066b", 0, 10) == "bad_character");  // Left-to-right isolate.
  CHECK(ReasonFor(std::string_view("a\0b", 3), 0, 10) == "bad_character");
  CHECK(ReasonFor("\xff", 0, 10) == "bad_character");
  CHECK(ReasonFor("\xc0\xaf", 0, 10) == "bad_character");          // Overlong '/'.
  CHECK(ReasonFor("\xed\xa0\x80", 0, 10) == "bad_character");      // A surrogate.
  CHECK(ReasonFor("\xe5\xbc", 0, 10) == "bad_character");          // Truncated 张.
  CHECK(ReasonFor("\xf4\x90\x80\x80", 0, 10) == "bad_character");  // Above U+10FFFF.
}
