#include "kiosk/core/search/search_index.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <numeric>
#include <optional>
#include <unordered_set>

#include "kiosk/core/search/search_text.h"
#include "kiosk/core/search/text_matcher.h"

namespace kiosk::search {
namespace {

// Each kind has a band of 1000; inside it a penalty under 1000 orders
// subsequences by their gaps, then any match by its less common readings.
constexpr int kTitleScore = 5000;  // Above every keyword score (at most 4000).
constexpr int kExactScore = 4000;
constexpr int kPrefixScore = 3000;
constexpr int kSubstringScore = 2000;
constexpr int kSubsequenceScore = 1000;
constexpr int kPenaltyPerGap = 50;
constexpr int kMaxGapPenalty = 900;
constexpr int kMaxReadingPenalty = 49;

int Score(TextRole role, const TextMatch& match) {
  int score = role == TextRole::kKeyword ? 0 : kTitleScore;
  switch (match.kind) {
    case MatchKind::kExact: score += kExactScore; break;
    case MatchKind::kPrefix: score += kPrefixScore; break;
    case MatchKind::kSubstring: score += kSubstringScore; break;
    case MatchKind::kSubsequence:
    case MatchKind::kMostUsed:
      // The cheapest subsequence (anchored, one gap) costs 3; each further
      // gap or an unanchored start adds to it.
      score += kSubsequenceScore - std::min((match.cost - 3) * kPenaltyPerGap, kMaxGapPenalty);
      break;
  }
  return score - std::min(match.uncommon_readings, kMaxReadingPenalty);
}

int BandTop(TextRole role, MatchKind kind) {
  const int base = role == TextRole::kKeyword ? 0 : kTitleScore;
  switch (kind) {
    case MatchKind::kExact: return base + kExactScore;
    case MatchKind::kPrefix: return base + kPrefixScore;
    case MatchKind::kSubstring: return base + kSubstringScore;
    case MatchKind::kSubsequence:
    case MatchKind::kMostUsed: break;
  }
  return base + kSubsequenceScore;
}

// The best score `text` could reach, known without matching: a prefix
// needs the first character to fit the query's first unit, and an exact
// match at most as many characters as the query has units.
int ScoreBound(const SearchQuery& query, const IndexedText& text) {
  const char32_t first = query.units.front();
  const bool may_be_prefix =
      text.first_code == first ||
      (IsAsciiLetter(first) && (text.first_initials & LetterBit(first)) != 0);
  if (!may_be_prefix) return BandTop(text.role, MatchKind::kSubstring);
  return BandTop(text.role,
                 text.unit_count <= query.units.size() ? MatchKind::kExact : MatchKind::kPrefix);
}

MatchField FieldOf(TextRole role) {
  switch (role) {
    case TextRole::kTitle: return MatchField::kTitle;
    case TextRole::kEnglishTitle: return MatchField::kEnglishTitle;
    case TextRole::kKeyword: return MatchField::kKeyword;
  }
  return MatchField::kNone;
}

struct Candidate {
  int score;
  std::uint32_t popularity_rank;
  std::uint32_t document;
  MatchKind kind;
  MatchField field;
};

}  // namespace

Result<SearchIndex> SearchIndex::Build(std::vector<SearchDocument> documents,
                                       const PinyinTable& pinyin) {
  SearchIndex index;
  TextIndexer indexer(pinyin);
  std::unordered_set<std::string> ids;
  index.documents_.reserve(documents.size());
  for (auto& source : documents) {
    if (source.id.empty()) return Fail(ErrorCode::kInvalidData, "a search document has no id");
    if (!ids.insert(source.id).second) {
      return Fail(ErrorCode::kInvalidData,
                  fmt::format("search document id {} is repeated", source.id));
    }
    if (source.title_zh.empty()) {
      return Fail(ErrorCode::kInvalidData,
                  fmt::format("search document {} has no title_zh", source.id));
    }
    Document document;
    document.usage_count = source.usage_count;
    document.first_text = static_cast<std::uint32_t>(index.texts_.size());
    index.texts_.push_back(indexer.Add(source.title_zh, TextRole::kTitle));
    if (!source.title_en.empty()) {
      index.texts_.push_back(indexer.Add(source.title_en, TextRole::kEnglishTitle));
    }
    for (const auto& keyword : source.keywords) {
      index.texts_.push_back(indexer.Add(keyword, TextRole::kKeyword));
    }
    document.text_count = static_cast<std::uint32_t>(index.texts_.size()) - document.first_text;
    document.id = std::move(source.id);
    index.documents_.push_back(std::move(document));
  }
  index.units_ = indexer.TakeUnits();
  index.syllables_ = indexer.TakeSyllables();
  index.RankByPopularity();
  return index;
}

void SearchIndex::RankByPopularity() {
  by_popularity_.resize(documents_.size());
  std::iota(by_popularity_.begin(), by_popularity_.end(), 0u);
  std::sort(by_popularity_.begin(), by_popularity_.end(), [this](std::uint32_t a, std::uint32_t b) {
    const Document& first = documents_[a];
    const Document& second = documents_[b];
    if (first.usage_count != second.usage_count) return first.usage_count > second.usage_count;
    return first.id < second.id;
  });
  for (std::uint32_t rank = 0; rank < by_popularity_.size(); ++rank) {
    documents_[by_popularity_[rank]].popularity_rank = rank;
  }
}

std::span<const TextUnit> SearchIndex::UnitsOf(const IndexedText& text) const {
  return std::span<const TextUnit>(units_).subspan(text.first_unit, text.unit_count);
}

std::vector<SearchHit> SearchIndex::Search(std::string_view query_text, std::size_t limit) const {
  const SearchQuery query = SearchQuery::FromText(query_text);
  if (query.empty()) return MostUsed(std::min(limit, kMostUsedOnEmptyQuery));
  if (limit == 0) return {};

  // Documents are visited most used first, so a later document with the same
  // score never outranks an earlier one: once `limit` hits are held, only a
  // strictly higher score gets in, and texts whose ScoreBound() cannot reach
  // it are skipped unmatched. Short queries, which match most of the
  // catalog, are thereby the cheapest instead of the dearest.
  auto worse_first = [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.popularity_rank < b.popularity_rank;
  };
  std::vector<Candidate> top;  // A heap whose front is the worst hit held.
  top.reserve(limit + 1);
  for (std::uint32_t d : by_popularity_) {
    const Document& document = documents_[d];
    int needed = top.size() < limit ? std::numeric_limits<int>::min() : top.front().score + 1;
    std::optional<Candidate> best;
    for (std::uint32_t t = 0; t < document.text_count; ++t) {
      const IndexedText& text = texts_[document.first_text + t];
      if (ScoreBound(query, text) < needed) continue;
      if (!MayMatch(query, text.filter)) continue;
      const auto match = MatchText(query, UnitsOf(text), syllables_, text.allow_gaps);
      if (!match) continue;
      const int score = Score(text.role, *match);
      if (score < needed) continue;
      best = Candidate{score, document.popularity_rank, d, match->kind, FieldOf(text.role)};
      needed = score + 1;
    }
    if (!best) continue;
    top.push_back(*best);
    std::push_heap(top.begin(), top.end(), worse_first);
    if (top.size() > limit) {
      std::pop_heap(top.begin(), top.end(), worse_first);
      top.pop_back();
    }
  }

  std::sort_heap(top.begin(), top.end(), worse_first);
  std::vector<SearchHit> hits;
  hits.reserve(top.size());
  for (const Candidate& candidate : top) {
    hits.push_back(SearchHit{documents_[candidate.document].id, candidate.score, candidate.kind,
                             candidate.field});
  }
  return hits;
}

std::vector<SearchHit> SearchIndex::MostUsed(std::size_t count) const {
  std::vector<SearchHit> hits;
  for (std::size_t i = 0; i < std::min(count, by_popularity_.size()); ++i) {
    hits.push_back(
        SearchHit{documents_[by_popularity_[i]].id, 0, MatchKind::kMostUsed, MatchField::kNone});
  }
  return hits;
}

Result<void> SearchIndex::SetUsageCount(std::string_view id, std::int64_t usage_count) {
  const auto found = std::find_if(documents_.begin(), documents_.end(),
                                  [id](const Document& document) { return document.id == id; });
  if (found == documents_.end()) {
    return Fail(ErrorCode::kNotFound, fmt::format("no search document with id {}", id));
  }
  found->usage_count = usage_count;
  RankByPopularity();
  return {};
}

}  // namespace kiosk::search
