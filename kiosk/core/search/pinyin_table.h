#pragma once

// Hanzi → toneless pinyin readings, loaded from the shipped text table
// (firmware_config/search/hanzi_pinyin.txt) when the kiosk starts.
//
// Why a table of our own rather than a pinyin library at run time: the
// terminal needs only "which syllables can this character be read as", for
// the few thousand characters of the catalog. The table is generated at
// build time from the Unicode Unihan database (Debian package unicode-data,
// see unihan_pinyin.h), is a few hundred kilobytes of plain text, and
// headquarters can correct or extend it without a firmware update.
//
// Format, one character a line, '#' starts a comment line:
//   行 xing hang
// the character, then every reading (多音字 have several, the most common
// first), lower-case a-z without tones, ü written v.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace kiosk::search {

// Where the table lives inside the kiosk configuration directory.
inline constexpr std::string_view kPinyinTableConfigPath = "search/hanzi_pinyin.txt";

class PinyinTable {
 public:
  // "zhuang", "chuang" and "shuang" are the longest pinyin syllables.
  static constexpr std::size_t kMaxSyllableLength = 6;

  static Result<PinyinTable> Load(const std::string& path);
  // `source_name` names the text in error messages ("hanzi_pinyin.txt:12: ...").
  static Result<PinyinTable> Parse(std::string_view text, std::string_view source_name);

  // Every reading of `hanzi`, the most common first; empty when the table
  // does not know the character.
  std::vector<std::string_view> Readings(char32_t hanzi) const;

  // The same readings as ids into Syllable(), for callers that index many
  // characters and want to share equal syllables.
  std::span<const std::uint16_t> SyllableIds(char32_t hanzi) const;
  std::string_view Syllable(std::uint16_t id) const { return syllables_[id]; }

  std::size_t CharacterCount() const { return entries_.size(); }
  std::size_t SyllableCount() const { return syllables_.size(); }

 private:
  struct Entry {
    char32_t hanzi;
    std::uint32_t first_reading;  // Into reading_ids_.
    std::uint32_t reading_count;
  };

  std::vector<Entry> entries_;  // Sorted by hanzi.
  std::vector<std::uint16_t> reading_ids_;
  std::vector<std::string> syllables_;  // Distinct syllables, in order of first use.
};

}  // namespace kiosk::search
