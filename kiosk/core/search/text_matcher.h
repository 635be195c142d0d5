#pragma once

// Matches a typed query against one prepared text, in any mix of hanzi, full
// pinyin, partial pinyin and initials: each character of the text consumes
// either itself or a non-empty prefix of one of its readings from the query.
// So "canbaochaxun", "canbao", "cbcx", "canbcx" and "社保kgs" all work, and
// a 多音字 matches by any of its readings.
//
// The matcher is a small dynamic programme over (text position, query
// position), keeping for each the cheapest way there, where a match costs 1
// for starting at the first character, 2 for starting elsewhere and 2 for
// every gap. Cost 1 is a prefix (or exact) match, 2 a substring, more a
// subsequence; fewer gaps and an anchored start rank higher, and then fewer
// characters read by other than their most common reading.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "kiosk/core/search/indexed_text.h"
#include "kiosk/core/search/search_document.h"

namespace kiosk::search {

struct SearchQuery {
  // Longer queries are cut here: nobody types more on a kiosk, and a fixed
  // bound keeps the matcher's state on the stack.
  static constexpr std::size_t kMaxUnits = 48;

  std::u32string units;  // Normalized.
  TextFilter needs;      // What a text must offer for a match to be possible.

  static SearchQuery FromText(std::string_view text);
  bool empty() const { return units.empty(); }
};

inline bool MayMatch(const SearchQuery& query, const TextFilter& text) {
  return (query.needs.letters & ~text.letters) == 0 &&
         (query.needs.initials & ~text.initials) == 0 && (query.needs.others & ~text.others) == 0 &&
         (query.needs.pairs & ~text.pairs) == 0;
}

struct TextMatch {
  MatchKind kind = MatchKind::kSubsequence;
  int cost = 0;  // 1 exact or prefix, 2 substring, 3 and more subsequence.
  // Characters matched through a reading other than their most common one
  // (参 as shen): among otherwise equal matches, fewer rank higher.
  int uncommon_readings = 0;
};

std::optional<TextMatch> MatchText(const SearchQuery& query, std::span<const TextUnit> text,
                                   std::span<const PackedSyllable> syllables, bool allow_gaps);

}  // namespace kiosk::search
