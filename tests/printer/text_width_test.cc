#include "drivers/printer/text_width.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "drivers/printer/utf8.h"

namespace kiosk::devices {
namespace {

int WidthOf(const std::string& text) {
  auto width = DisplayWidth(text);
  INFO(text);
  REQUIRE(width.has_value());
  return *width;
}

std::string WithoutSpaces(std::string text) {
  std::erase(text, ' ');
  return text;
}

TEST_CASE("one column for ASCII, two for Chinese and everything else", "[printer][text]") {
  CHECK(ColumnsOf(U'A') == 1);
  CHECK(ColumnsOf(U' ') == 1);
  CHECK(ColumnsOf(U'中') == 2);
  CHECK(ColumnsOf(U'，') == 2);
  CHECK(ColumnsOf(U'\U00020000') == 2);
  // Printed from the double-byte font in Chinese mode.
  CHECK(ColumnsOf(U'é') == 2);
  CHECK(ColumnsOf(U'\x1B') == 0);
  CHECK(ColumnsOf(U'\x85') == 0);
}

TEST_CASE("display width of mixed Chinese and ASCII text", "[printer][text]") {
  CHECK(WidthOf("") == 0);
  CHECK(WidthOf("ABC") == 3);
  CHECK(WidthOf("社会保障卡") == 10);
  CHECK(WidthOf("社保卡 No.123") == 6 + 1 + 6);
  CHECK(WidthOf("金额：12.00元") == 4 + 2 + 5 + 2);
  CHECK(WidthOf("\xF0\xA0\x80\x80") == 2);  // U+20000, four bytes in UTF-8.
}

TEST_CASE("control characters have no width and are refused", "[printer][text]") {
  for (const std::string text : {"a\x1B@b", "tab\there", "line\n", "del\x7F", "c1\xC2\x9B"}) {
    auto width = DisplayWidth(text);
    INFO(text);
    REQUIRE_FALSE(width.has_value());
    CHECK(width.error().code == ErrorCode::kInvalidArgument);
    CHECK_THAT(width.error().detail, Catch::Contains("control character"));
  }
}

TEST_CASE("invalid UTF-8 is an error naming the offset and the fault", "[printer][text]") {
  struct Case {
    std::string text;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"abc\xFF", "byte offset 3: byte 0xFF never occurs"},
      {"\x80", "byte offset 0: continuation byte 0x80 without a lead byte"},
      {"ok\xE4\xB8", "byte offset 2: sequence of 3 bytes cut short"},
      {"\xE4\x41\x41", "byte 2 of the sequence is 0x41"},
      {"\xC0\xAF", "overlong encoding of U+002F"},
      {"\xE0\x80\xAF", "overlong encoding"},
      {"\xED\xA0\x80", "UTF-16 surrogate U+D800"},
      {"\xF4\x90\x80\x80", "U+110000 is beyond U+10FFFF"},
  };
  for (const Case& c : cases) {
    INFO(c.expected);
    auto width = DisplayWidth(c.text);
    REQUIRE_FALSE(width.has_value());
    CHECK(width.error().code == ErrorCode::kInvalidData);
    CHECK_THAT(width.error().detail, Catch::Contains(c.expected));
    CHECK_FALSE(WrapToColumns(c.text, 10).has_value());
  }
}

TEST_CASE("decoding gives code points and their byte positions", "[printer][text]") {
  auto chars = DecodeUtf8("a中\xF0\xA0\x80\x80");
  REQUIRE(chars.has_value());
  REQUIRE(chars->size() == 3);
  CHECK((*chars)[1].code_point == U'中');
  CHECK((*chars)[1].offset == 1);
  CHECK((*chars)[1].size == 3);
  CHECK((*chars)[2].code_point == U'\U00020000');
  CHECK((*chars)[2].offset == 4);
  CHECK((*chars)[2].size == 4);
}

std::vector<std::string> Wrap(const std::string& text, int columns) {
  auto lines = WrapToColumns(text, columns);
  INFO(text << " at " << columns);
  REQUIRE(lines.has_value());
  return *lines;
}

TEST_CASE("wrapping breaks at spaces and between Chinese characters", "[printer][text]") {
  using Lines = std::vector<std::string>;
  CHECK(Wrap("The quick brown fox", 10) == Lines{"The quick", "brown fox"});
  CHECK(Wrap("中华人民共和国", 6) == Lines{"中华人", "民共和", "国"});
  // An odd width cannot hold a third Chinese character: never half of one.
  CHECK(Wrap("中文中文", 5) == Lines{"中文", "中文"});
  CHECK(Wrap("参保状态 Active 正常", 12) == Lines{"参保状态", "Active 正常"});
  CHECK(Wrap("ABCDEFGHIJ", 4) == Lines{"ABCD", "EFGH", "IJ"});
  CHECK(Wrap("号码ABC123", 6) == Lines{"号码", "ABC123"});
  CHECK(Wrap("a\nb", 10) == Lines{"a", "b"});
  CHECK(Wrap("a\n\nb", 10) == Lines{"a", "", "b"});
  CHECK(Wrap("", 10) == Lines{""});
  CHECK(Wrap("  indented", 20) == Lines{"  indented"});
  CHECK(Wrap("one   two", 4) == Lines{"one", "two"});
}

TEST_CASE("closing punctuation never starts a line", "[printer][text]") {
  using Lines = std::vector<std::string>;
  CHECK(Wrap("你好，世界", 4) == Lines{"你", "好，", "世界"});
  CHECK(Wrap("你好，世界。", 6) == Lines{"你好，", "世界。"});
  CHECK(Wrap("《社会保险法》", 6) == Lines{"《社会", "保险", "法》"});
  CHECK(Wrap("total: 12.00, paid.", 6) == Lines{"total:", "12.00,", "paid."});
}

TEST_CASE("wrapping keeps every character whole and within the columns", "[printer][text]") {
  const std::vector<std::string> texts = {
      "参保人员基本信息查询结果：正常参保，累计缴费 120 个月。",
      "Social security card 社会保障卡 No. 110101199003071234 issued 2021-05-06",
      "\xF0\xA0\x80\x80\xF0\xA0\x80\x81 rare characters 𠀂𠀃𠀄 mixed with ASCII",
      "Supercalifragilisticexpialidocious 超长的单词也要能够断开",
      "é à ü °C ×2 ±1 — non-ASCII letters take two columns",
  };
  for (const std::string& text : texts) {
    for (int columns = 2; columns <= 48; ++columns) {
      const std::vector<std::string> lines = Wrap(text, columns);
      std::string joined;
      for (const std::string& line : lines) {
        INFO(text << " at " << columns << ": [" << line << "]");
        // A line that decodes holds only whole characters.
        CHECK(WidthOf(line) <= columns);
        CHECK(WidthOf(line) > 0);
        joined += line;
      }
      CHECK(WithoutSpaces(joined) == WithoutSpaces(text));
    }
  }
}

TEST_CASE("wrapping needs room for one Chinese character", "[printer][text]") {
  auto lines = WrapToColumns("abc", 1);
  REQUIRE_FALSE(lines.has_value());
  CHECK(lines.error().code == ErrorCode::kInvalidArgument);
}

TEST_CASE("padding counts columns, not bytes", "[printer][text]") {
  auto end = PadEnd("姓名", 8);
  REQUIRE(end.has_value());
  CHECK(*end == "姓名    ");
  auto start = PadStart("张三A", 8);
  REQUIRE(start.has_value());
  CHECK(*start == "   张三A");
  CHECK(WidthOf(*start) == 8);
  auto exact = PadStart("中文", 4);
  REQUIRE(exact.has_value());
  CHECK(*exact == "中文");

  auto too_wide = PadStart("中文中文", 7);
  REQUIRE_FALSE(too_wide.has_value());
  CHECK(too_wide.error().code == ErrorCode::kInvalidArgument);
  CHECK_FALSE(PadEnd("bad\xFF", 10).has_value());
}

}  // namespace
}  // namespace kiosk::devices
