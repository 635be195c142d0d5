#include "kiosk/core/search/text_matcher.h"

#include <algorithm>
#include <array>
#include <bit>

#include "kiosk/core/search/search_text.h"

namespace kiosk::search {
namespace {

// A path's cost packs two counts: the structure (1 anchored start, 2 other
// start, +2 a gap) in the high bits and, below it, how many characters were
// read by a less common reading, so structure always decides first.
using Cost = std::uint16_t;
using Costs = std::array<Cost, SearchQuery::kMaxUnits + 1>;

static_assert(SearchQuery::kMaxUnits < 64, "query positions are bits of one std::uint64_t");

constexpr int kReadingBits = 6;  // More than kMaxUnits less common readings cannot occur.
constexpr Cost kUnreached = 0xFFFF;
constexpr int kStructureCap = 900;  // Far below kUnreached >> kReadingBits.

Cost Structural(int structure) { return static_cast<Cost>(structure << kReadingBits); }

bool Better(const TextMatch& a, const TextMatch& b) {
  if (a.kind != b.kind) return static_cast<int>(a.kind) < static_cast<int>(b.kind);
  if (a.cost != b.cost) return a.cost < b.cost;
  return a.uncommon_readings < b.uncommon_readings;
}

}  // namespace

SearchQuery SearchQuery::FromText(std::string_view text) {
  SearchQuery query;
  query.units = NormalizeSearchText(text).units;
  if (query.units.size() > kMaxUnits) query.units.resize(kMaxUnits);
  for (char32_t unit : query.units) {
    if (IsAsciiLetter(unit)) {
      query.needs.letters |= LetterBit(unit);
    } else {
      query.needs.others |= BloomBit(unit);
    }
  }
  query.needs.pairs = 0;
  for (std::size_t i = 1; i < query.units.size(); ++i) {
    query.needs.pairs |= PairBloomBit(query.units[i - 1], query.units[i]);
  }
  if (!query.units.empty() && IsAsciiLetter(query.units.front())) {
    query.needs.initials = LetterBit(query.units.front());
  }
  return query;
}

std::optional<TextMatch> MatchText(const SearchQuery& query, std::span<const TextUnit> text,
                                   std::span<const PackedSyllable> syllables, bool allow_gaps) {
  const std::size_t m = query.units.size();
  const std::size_t n = text.size();
  if (m == 0 || n == 0) return std::nullopt;

  // open[j]: the cheapest way to have consumed query[0, j) with the previous
  // character of the text matched (a run goes on); closed[j]: with it skipped.
  // `active` has bit j set where either is reached, so the loop visits only
  // those (a few, typically) instead of every query position.
  Costs open;
  Costs closed;
  Costs next_open;
  Costs next_closed;
  std::fill_n(open.begin(), m + 1, kUnreached);
  std::fill_n(closed.begin(), m + 1, kUnreached);
  closed[0] = 0;
  std::uint64_t active = 1;
  std::optional<TextMatch> best;

  for (std::size_t i = 0; i < n; ++i) {
    const TextUnit& unit = text[i];
    std::fill_n(next_open.begin(), m + 1, kUnreached);
    std::fill_n(next_closed.begin(), m + 1, kUnreached);
    next_closed[0] = 0;
    std::uint64_t next_active = 1;
    for (std::uint64_t bits = active; bits != 0; bits &= bits - 1) {
      const auto j = static_cast<std::size_t>(std::countr_zero(bits));
      if (allow_gaps && j > 0) {
        next_closed[j] = std::min(open[j], closed[j]);
        next_active |= std::uint64_t{1} << j;
      }
      Cost cost = open[j];
      if (closed[j] != kUnreached && unit.starts_word) {
        const int opening = (i == 0 && j == 0) ? 1 : 2;
        const int structure = std::min((closed[j] >> kReadingBits) + opening, kStructureCap);
        const int readings = closed[j] & ((1 << kReadingBits) - 1);
        cost = std::min(cost, static_cast<Cost>(Structural(structure) | readings));
      }
      if (cost == kUnreached) continue;
      auto reach = [&](std::size_t to, Cost reached) {
        if (to < m) {
          next_open[to] = std::min(next_open[to], reached);
          next_active |= std::uint64_t{1} << to;
          return;
        }
        TextMatch match;
        match.cost = reached >> kReadingBits;
        match.uncommon_readings = reached & ((1 << kReadingBits) - 1);
        if (match.cost == 1) {
          match.kind = i + 1 == n ? MatchKind::kExact : MatchKind::kPrefix;
        } else {
          match.kind = match.cost == 2 ? MatchKind::kSubstring : MatchKind::kSubsequence;
        }
        if (!best || Better(match, *best)) best = match;
      };
      const char32_t wanted = query.units[j];
      if (unit.code == wanted) reach(j + 1, cost);
      if (!IsAsciiLetter(wanted) || (unit.initials & LetterBit(wanted)) == 0) continue;
      for (std::uint32_t s = 0; s < unit.syllable_count; ++s) {
        const PackedSyllable& syllable = syllables[unit.first_syllable + s];
        // The first reading is the most common one (the table's order); 参
        // read shen for "shebao" should not tie with 社 read she.
        const Cost reached = s == 0 ? cost : static_cast<Cost>(cost + 1);
        // Every prefix of the reading that the query spells: "c", "ca", "can".
        for (std::size_t k = 0; k < syllable.length && j + k < m; ++k) {
          if (query.units[j + k] != static_cast<char32_t>(syllable.letters[k])) break;
          reach(j + k + 1, reached);
        }
      }
    }
    std::swap(open, next_open);
    std::swap(closed, next_closed);
    active = next_active;
    if (best && best->kind == MatchKind::kExact) break;
  }
  return best;
}

}  // namespace kiosk::search
