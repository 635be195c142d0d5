#include "kiosk/core/search/pinyin_table.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <string>

using namespace kiosk::search;
using Readings = std::vector<std::string_view>;

namespace {

const std::string kShippedTable = std::string(KIOSK_CONFIG_DIR) + "/search/hanzi_pinyin.txt";

std::string ParseError(std::string_view text) {
  auto table = PinyinTable::Parse(text, "t.txt");
  REQUIRE_FALSE(table);
  CHECK(table.error().code == kiosk::ErrorCode::kInvalidData);
  return table.error().detail;
}

}  // namespace

TEST_CASE("a table lists every reading of a character, the most common first") {
  auto table = PinyinTable::Parse(
      "# comment\n"
      "行 xing hang\n"
      "\n"
      "长\tzhang  chang\r\n"
      "账 zhang\n",
      "t.txt");
  REQUIRE(table);
  CHECK(table->CharacterCount() == 3);
  CHECK(table->SyllableCount() == 4);  // xing hang zhang chang: zhang is shared.
  CHECK(table->Readings(U'行') == Readings{"xing", "hang"});
  CHECK(table->Readings(U'长') == Readings{"zhang", "chang"});
  CHECK(table->Readings(U'账') == Readings{"zhang"});
  CHECK(table->Readings(U'火').empty());
  CHECK(table->SyllableIds(U'长')[0] == table->SyllableIds(U'账')[0]);
}

TEST_CASE("a repeated reading on one line counts once") {
  auto table = PinyinTable::Parse("行 xing hang xing\n", "t.txt");
  REQUIRE(table);
  CHECK(table->Readings(U'行') == Readings{"xing", "hang"});
}

TEST_CASE("a broken table says which line and what is wrong") {
  CHECK(ParseError("行 xing\n社保 she\n") == "t.txt:2: \"社保\" is not one character");
  CHECK(ParseError("a x\n") == "t.txt:1: \"a\" is not one character");
  CHECK(ParseError("行\n") == "t.txt:1: \"行\" has no reading");
  CHECK(ParseError("行 Xing\n").starts_with("t.txt:1: reading \"Xing\" is not 1 to 6 letters"));
  CHECK(ParseError("行 xíng\n").starts_with("t.txt:1: reading \"xíng\""));
  CHECK(ParseError("行 zhuangg\n").starts_with("t.txt:1: reading \"zhuangg\""));
  CHECK(ParseError("行 xing\n长 chang\n行 hang\n").find("\"行\" has more than one line") !=
        std::string::npos);
}

TEST_CASE("a missing table file is reported as not found") {
  auto table = PinyinTable::Load("/nonexistent/hanzi_pinyin.txt");
  REQUIRE_FALSE(table);
  CHECK(table.error().code == kiosk::ErrorCode::kNotFound);
}

TEST_CASE("the shipped table covers the characters of government services, 多音字 included") {
  auto table = PinyinTable::Load(kShippedTable);
  INFO((table ? std::string() : table.error().detail));
  REQUIRE(table);
  CHECK(table->CharacterCount() > 20000);
  CHECK(table->Readings(U'参') == Readings{"can", "cen", "shen"});
  CHECK(table->Readings(U'账') == Readings{"zhang"});
  CHECK(table->Readings(U'行') == Readings{"xing", "hang", "heng"});
  CHECK(table->Readings(U'长') == Readings{"zhang", "chang"});
  CHECK(table->Readings(U'重') == Readings{"zhong", "chong"});
  CHECK(table->Readings(U'还') == Readings{"hai", "huan"});
  CHECK(table->Readings(U'律') == Readings{"lv"});
  CHECK(table->Readings(U'略') == Readings{"lve", "lue"});
  for (char32_t common : std::u32string(U"社会保险医疗公积金营业执照就业登记缴费证明打印")) {
    CHECK_FALSE(table->Readings(common).empty());
  }
}

#ifdef KIOSK_GENERATED_PINYIN_TABLE
TEST_CASE("the shipped pinyin table is the one generated from this machine's Unihan") {
  auto read = [](const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream content;
    content << file.rdbuf();
    return content.str();
  };
  INFO("regenerate it: cmake --build BUILD --target update_pinyin_table");
  const bool same = read(kShippedTable) == read(KIOSK_GENERATED_PINYIN_TABLE);
  CHECK(same);
}
#endif
