#include "kiosk/core/search/search_text.h"

#include <catch2/catch.hpp>

using namespace kiosk::search;

namespace {

std::u32string Units(std::string_view text) { return NormalizeSearchText(text).units; }

// The units that start words, as a string, to compare at a glance.
std::u32string WordStarts(std::string_view text) {
  const NormalizedText normalized = NormalizeSearchText(text);
  std::u32string starts;
  for (std::size_t i = 0; i < normalized.units.size(); ++i) {
    if (normalized.starts_word[i]) starts.push_back(normalized.units[i]);
  }
  return starts;
}

}  // namespace

TEST_CASE("spaces, case and full-width forms do not matter") {
  CHECK(Units("Can Bao") == U"canbao");
  CHECK(Units("  canbao ") == U"canbao");
  CHECK(Units("ｃａｎ　ＢＡＯ") == U"canbao");
  CHECK(Units("社保 卡") == U"社保卡");
  CHECK(Units("xi'an") == U"xian");
}

TEST_CASE("pinyin with tone marks and ü is what a keyboard types") {
  CHECK(Units("cānbǎo") == U"canbao");
  CHECK(Units("lǜshī") == U"lvshi");
  CHECK(Units("lü") == U"lv");
}

TEST_CASE("punctuation, CJK or ASCII, is dropped and digits stay") {
  CHECK(Units("社会保险（个人）") == U"社会保险个人");
  CHECK(Units("《营业执照》·打印。") == U"营业执照打印");
  CHECK(Units("１２３３３热线") == U"12333热线");
  CHECK(Units("") == U"");
  CHECK(Units(" ，。! ") == U"");
}

TEST_CASE("words start at every hanzi and at each run of letters or digits") {
  CHECK(WordStarts("Pension payment") == U"pp");
  CHECK(WordStarts("ETC卡办理") == U"e卡办理");
  CHECK(WordStarts("a1b") == U"a1b");
  CHECK(WordStarts("Long-term care") == U"ltc");
}
