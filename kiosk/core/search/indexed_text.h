#pragma once

// A title or keyword prepared once, when the index is built, so that the
// per-keystroke matcher only compares small arrays: each character already
// carries its pinyin readings, and each text carries bit masks that rule it
// out for most queries without running the matcher at all.

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "kiosk/core/search/pinyin_table.h"

namespace kiosk::search {

struct PackedSyllable {
  std::array<char, PinyinTable::kMaxSyllableLength> letters{};
  std::uint8_t length = 0;
};

struct TextUnit {
  char32_t code = 0;  // Normalized: 'a'..'z', '0'..'9', or a hanzi or other character.
  // Letters this unit can consume first: its own letter, or its readings'
  // first letters. Lets the matcher skip the syllables for most query letters.
  std::uint32_t initials = 0;
  std::uint32_t first_syllable = 0;  // Readings of a hanzi, in the shared syllable array.
  std::uint8_t syllable_count = 0;
  bool starts_word = false;  // A match may begin here (see NormalizedText).
};

// Necessary conditions for a match, as bit sets: the query's must be subsets.
struct TextFilter {
  std::uint32_t letters = 0;   // Letters a match can consume (bit 0 = 'a').
  std::uint32_t initials = 0;  // Letters a match can begin with.
  std::uint64_t others = 0;    // Bloom bits of hanzi, digits and other characters.
  // Bloom bits of adjacent unit pairs ("pe", "en", ...), for texts matched
  // literally and without gaps (English titles), where every pair of the
  // query must occur in the text. All bits set where that does not hold.
  std::uint64_t pairs = ~std::uint64_t{0};
};

std::uint64_t BloomBit(char32_t unit);
std::uint64_t PairBloomBit(char32_t first, char32_t second);
inline std::uint32_t LetterBit(char32_t letter) { return 1u << (letter - U'a'); }

// Which of a document's texts this is; decides rank and whether gaps are allowed.
enum class TextRole { kTitle, kEnglishTitle, kKeyword };

struct IndexedText {
  std::uint32_t first_unit = 0;  // In the shared unit array.
  std::uint32_t unit_count = 0;
  TextFilter filter;
  // The first unit's code and initials: whether a query can be a prefix of
  // this text is known without running the matcher.
  char32_t first_code = 0;
  std::uint32_t first_initials = 0;
  TextRole role = TextRole::kTitle;
  // Subsequence matches ("cbcx") make sense for hanzi, whose initials are
  // what citizens abbreviate; in English they would find almost anything.
  bool allow_gaps = true;
};

// Appends texts to shared unit and syllable arrays. Each distinct character
// is looked up in the pinyin table once, and each distinct syllable stored once.
class TextIndexer {
 public:
  explicit TextIndexer(const PinyinTable& pinyin) : pinyin_(pinyin) {}

  IndexedText Add(std::string_view text, TextRole role);

  std::vector<TextUnit> TakeUnits() { return std::move(units_); }
  std::vector<PackedSyllable> TakeSyllables() { return std::move(syllables_); }

 private:
  // The character's readings as a range of syllables_, added on first use.
  std::pair<std::uint32_t, std::uint8_t> SyllablesOf(char32_t hanzi);

  const PinyinTable& pinyin_;
  std::vector<TextUnit> units_;
  std::vector<PackedSyllable> syllables_;
  std::unordered_map<char32_t, std::pair<std::uint32_t, std::uint8_t>> syllables_by_hanzi_;
};

}  // namespace kiosk::search
