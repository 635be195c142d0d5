#include "kiosk/core/search/unihan_pinyin.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "kiosk/core/search/pinyin_table.h"

using namespace kiosk::search;
using Readings = std::vector<std::string_view>;

namespace {

// Lines in the real file's format (tab-separated), a few characters chosen
// to exercise every source and rule.
const char* const kUnihan =
    "# Unihan_Readings.txt\n"
    "# Unicode version: 15.0.0\n"
    "U+884C\tkDefinition\tgo, walk; move, travel\n"
    "U+884C\tkHanyuPinlu\txíng(2943) háng(218)\n"
    "U+884C\tkHanyuPinyin\t20811.060:háng,xìng,xíng,hàng,héng\n"
    "U+884C\tkMandarin\txíng\n"
    "U+884C\tkTGHZ2013\t131.140:háng 136.100:héng 408.120:xíng\n"
    "U+884C\tkXHC1983\t0442.080:háng 0443.050:hàng 0460.010:xìng 1290.030:xíng\n"
    "U+8BF4\tkMandarin\tshuō\n"
    "U+8BF4\tkXHC1983\t1080.010:shuì 1082.010:shuō 1428.010:yuè\n"
    "U+7387\tkMandarin\tlǜ\n"
    "U+7387\tkHanyuPinlu\tlǜ(173) shuài(58)\n"
    "U+7565\tkMandarin\tlüè\n"
    "U+5463\tkMandarin\tm̀\n"
    "U+4E00\tkHanyuPinyin\t10001.010:yī\n"
    "U+3400\tkHanyuPinyin\t10019.020:qiū\n"
    "U+3400\tkMandarin\tqiū\n"
    "U+3401\tkHanyuPinyin\t10254.020:tiàn\n"
    "U+3402\tkCantonese\tzi2\n";

UnihanPinyinTable Build(const std::string& text) {
  std::istringstream input(text);
  auto table = BuildPinyinTableFromUnihan(input);
  INFO((table ? std::string() : table.error().detail));
  REQUIRE(table);
  return *table;
}

}  // namespace

TEST_CASE("the generated table reads back and picks the modern dictionaries' readings") {
  const UnihanPinyinTable generated = Build(kUnihan);
  CHECK(generated.characters == 8);  // U+3402 has no Mandarin reading.
  CHECK(generated.text.find("Unicode 15.0.0") != std::string::npos);
  auto table = PinyinTable::Parse(generated.text, "generated");
  REQUIRE(table);
  // kMandarin first, then 通用规范汉字字典 (kTGHZ2013) over 现代汉语词典 and 汉语大字典.
  CHECK(table->Readings(U'行') == Readings{"xing", "hang", "heng"});
  // No kTGHZ2013: 现代汉语词典 (kXHC1983).
  CHECK(table->Readings(U'说') == Readings{"shuo", "shui", "yue"});
  // Neither: the readings counted in modern texts (kHanyuPinlu).
  CHECK(table->Readings(U'率') == Readings{"lv", "shuai"});
  // Only kMandarin: 汉语大字典's extra readings of rare characters stay out.
  CHECK(table->Readings(U'㐀') == Readings{"qiu"});
  // Only kHanyuPinyin: better than nothing.
  CHECK(table->Readings(U'㐁') == Readings{"tian"});
  CHECK(table->Readings(U'一') == Readings{"yi"});
  CHECK(table->Readings(U'㐂').empty());
}

TEST_CASE("tones are dropped, ü is v, and lüe is also lue") {
  auto table = PinyinTable::Parse(Build(kUnihan).text, "generated");
  REQUIRE(table);
  CHECK(table->Readings(U'略') == Readings{"lve", "lue"});
  CHECK(table->Readings(U'呣') == Readings{"m"});    // Combining grave accent.
  CHECK(Build(kUnihan).polyphonic_characters == 4);  // 行 说 率 略.
}

TEST_CASE("a malformed Unihan file is an error, not a silently short table") {
  std::istringstream bad_column("U+884C\tkMandarin\n");
  CHECK_FALSE(BuildPinyinTableFromUnihan(bad_column));
  std::istringstream bad_code("U+88ZZ\tkMandarin\txíng\n");
  CHECK_FALSE(BuildPinyinTableFromUnihan(bad_code));
  std::istringstream not_pinyin("U+884C\tkMandarin\tx¿ng\n");
  auto result = BuildPinyinTableFromUnihan(not_pinyin);
  REQUIRE_FALSE(result);
  CHECK(result.error().detail.find("U+884C kMandarin") != std::string::npos);
  std::istringstream empty("# nothing\n");
  CHECK_FALSE(BuildPinyinTableFromUnihan(empty));
}
