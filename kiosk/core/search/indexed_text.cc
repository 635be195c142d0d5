#include "kiosk/core/search/indexed_text.h"

#include <algorithm>
#include <limits>

#include "kiosk/core/search/search_text.h"

namespace kiosk::search {

std::uint64_t BloomBit(char32_t unit) {
  // Fibonacci hashing: the top 6 bits of the product pick one of 64 bits.
  return std::uint64_t{1} << ((std::uint64_t{unit} * 0x9E3779B97F4A7C15ull) >> 58);
}

// Over 64 bits: the pair's code points, side by side, hashed like one unit.
std::uint64_t PairBloomBit(char32_t first, char32_t second) {
  const std::uint64_t pair = (std::uint64_t{first} << 21) | second;  // Code points fit 21 bits.
  return std::uint64_t{1} << ((pair * 0x9E3779B97F4A7C15ull) >> 58);
}

std::pair<std::uint32_t, std::uint8_t> TextIndexer::SyllablesOf(char32_t hanzi) {
  auto [found, added] = syllables_by_hanzi_.try_emplace(hanzi);
  if (!added) return found->second;
  const auto first = static_cast<std::uint32_t>(syllables_.size());
  std::uint8_t count = 0;
  for (std::uint16_t id : pinyin_.SyllableIds(hanzi)) {
    if (count == std::numeric_limits<std::uint8_t>::max()) break;
    const std::string_view spelling = pinyin_.Syllable(id);
    PackedSyllable syllable;
    syllable.length = static_cast<std::uint8_t>(spelling.size());
    std::copy(spelling.begin(), spelling.end(), syllable.letters.begin());
    syllables_.push_back(syllable);
    ++count;
  }
  found->second = {first, count};
  return found->second;
}

IndexedText TextIndexer::Add(std::string_view text, TextRole role) {
  const NormalizedText normalized = NormalizeSearchText(text);
  IndexedText indexed;
  indexed.first_unit = static_cast<std::uint32_t>(units_.size());
  indexed.unit_count = static_cast<std::uint32_t>(normalized.units.size());
  indexed.role = role;
  indexed.allow_gaps = role != TextRole::kEnglishTitle;
  for (std::size_t i = 0; i < normalized.units.size(); ++i) {
    TextUnit unit;
    unit.code = normalized.units[i];
    unit.starts_word = normalized.starts_word[i];
    if (IsAsciiLetter(unit.code)) {
      unit.initials = LetterBit(unit.code);
      indexed.filter.letters |= unit.initials;
    } else {
      indexed.filter.others |= BloomBit(unit.code);
      std::tie(unit.first_syllable, unit.syllable_count) = SyllablesOf(unit.code);
      for (std::uint32_t s = 0; s < unit.syllable_count; ++s) {
        const PackedSyllable& syllable = syllables_[unit.first_syllable + s];
        for (std::uint8_t k = 0; k < syllable.length; ++k) {
          indexed.filter.letters |= LetterBit(static_cast<char32_t>(syllable.letters[k]));
        }
        unit.initials |= LetterBit(static_cast<char32_t>(syllable.letters[0]));
      }
    }
    if (unit.starts_word) indexed.filter.initials |= unit.initials;
    if (i == 0) {
      indexed.first_code = unit.code;
      indexed.first_initials = unit.initials;
    }
    units_.push_back(unit);
  }
  const std::span<const TextUnit> added(units_.data() + indexed.first_unit, indexed.unit_count);
  const bool literal = std::all_of(added.begin(), added.end(),
                                   [](const TextUnit& unit) { return unit.syllable_count == 0; });
  if (!indexed.allow_gaps && literal) {
    indexed.filter.pairs = 0;
    for (std::size_t i = 1; i < added.size(); ++i) {
      indexed.filter.pairs |= PairBloomBit(added[i - 1].code, added[i].code);
    }
  }
  return indexed;
}

}  // namespace kiosk::search
