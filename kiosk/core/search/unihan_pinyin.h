#pragma once

// Turns the Unicode Unihan readings file into the kiosk's pinyin table (the
// format pinyin_table.h reads). Run at build time by pinyin_table_gen from
// Debian's unicode-data package; the terminal itself never reads Unihan.
//
// Why Unihan: Debian 12 offers three sources of hanzi readings. libpinyin
// (libpinyin-data) keeps them in binary tables behind an input-method API
// and would be a run-time library and data package on the terminal; ICU's
// Han-Latin transliterator gives one reading per character, so 多音字 such as
// 行 (xing/hang) could be found by one reading only. Unihan_Readings.txt in
// unicode-data is plain text and records, per character, the readings of
// the current national standard dictionary.
//
// Which readings a character gets, in this order of preference:
//   1. kTGHZ2013 — 《通用规范汉字字典》(2013), the dictionary of the 8105
//      characters of the 通用规范汉字表 every government text is written in;
//   2. else kXHC1983 — 《现代汉语词典》;
//   3. else kHanyuPinlu — readings counted in modern texts;
//   4. else kHanyuPinyin — 《汉语大字典》, for rare characters only.
// kMandarin (the customary reading) always comes first. Taking every reading
// of the modern dictionaries, rather than all of 汉语大字典's, indexes 长 as
// chang and zhang and 还 as hai and huan without making a common character
// match classical readings nobody types. Tones are dropped, ü becomes v, and
// lüe/nüe are also listed as lue/nue because input methods accept both.

#include <istream>
#include <string>

#include "common/error.h"

namespace kiosk::search {

struct UnihanPinyinTable {
  std::string text;  // The table, ready to write to hanzi_pinyin.txt.
  std::size_t characters = 0;
  std::size_t polyphonic_characters = 0;  // 多音字: more than one toneless reading.
};

Result<UnihanPinyinTable> BuildPinyinTableFromUnihan(std::istream& unihan_readings);

}  // namespace kiosk::search
