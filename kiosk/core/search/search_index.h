#pragma once

// Citizen search over the service catalog: by hanzi, full or partial pinyin
// ("canbaochaxun", "can bao", "canbao"), pinyin initials ("cbcx"), mixed
// input ("社保kgs") and English titles.
//
// Ranking, best first:
//   1. title matches above keyword matches;
//   2. exact > prefix > contiguous substring > subsequence, and among
//      subsequences an anchored start and fewer gaps first;
//   3. fewer characters matched through a less common reading (参 as shen);
//   4. higher usage count, then id.
//
// Everything that does not depend on the query is computed in Build(), so a
// search costs one bit-mask test per text and a small matcher run for the
// texts that pass it: fast enough to run on every keystroke.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "kiosk/core/search/indexed_text.h"
#include "kiosk/core/search/pinyin_table.h"
#include "kiosk/core/search/search_document.h"

namespace kiosk::search {

// What an empty query shows: the most used items.
inline constexpr std::size_t kMostUsedOnEmptyQuery = 8;

class SearchIndex {
 public:
  // Fails on an empty or repeated id or an empty title_zh. The pinyin table
  // is only read here; the index keeps no reference to it.
  static Result<SearchIndex> Build(std::vector<SearchDocument> documents,
                                   const PinyinTable& pinyin);

  // At most `limit` hits, best first. A query that is empty after dropping
  // spaces and punctuation lists the kMostUsedOnEmptyQuery most used items
  // (fewer if `limit` is smaller). Safe to call from several threads.
  std::vector<SearchHit> Search(std::string_view query, std::size_t limit) const;

  // The `count` most used items, by usage count, then id.
  std::vector<SearchHit> MostUsed(std::size_t count) const;

  // The kiosk counts uses as citizens open items; the new count takes part
  // in the next search. kNotFound for an unknown id.
  Result<void> SetUsageCount(std::string_view id, std::int64_t usage_count);

  std::size_t size() const { return documents_.size(); }

 private:
  struct Document {
    std::string id;
    std::int64_t usage_count = 0;
    std::uint32_t first_text = 0;  // In texts_: the title first, then the English title, keywords.
    std::uint32_t text_count = 0;
    std::uint32_t popularity_rank = 0;  // 0 for the most used.
  };

  SearchIndex() = default;
  void RankByPopularity();
  std::span<const TextUnit> UnitsOf(const IndexedText& text) const;

  std::vector<Document> documents_;
  std::vector<IndexedText> texts_;
  std::vector<TextUnit> units_;
  std::vector<PackedSyllable> syllables_;
  std::vector<std::uint32_t> by_popularity_;  // Document indexes, most used first.
};

}  // namespace kiosk::search
