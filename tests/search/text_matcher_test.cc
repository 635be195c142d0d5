#include "kiosk/core/search/text_matcher.h"

#include <catch2/catch.hpp>
#include <optional>

#include "kiosk/core/search/indexed_text.h"

using namespace kiosk::search;

namespace {

// A hand-made table: the matcher's rules do not depend on the shipped data.
const PinyinTable& Table() {
  static const PinyinTable table = *PinyinTable::Parse(
      "西 xi\n安 an\n先 xian\n参 can cen shen\n保 bao\n基 ji\n本 ben\n信 xin\n息 xi\n"
      "查 cha zha\n询 xun\n银 yin\n行 xing hang\n卡 ka qia\n社 she\n挂 gua\n失 shi\n",
      "test");
  return table;
}

struct Matched {
  MatchKind kind;
  int cost;
};

std::optional<Matched> Match(std::string_view query, std::string_view text,
                             TextRole role = TextRole::kTitle) {
  TextIndexer indexer(Table());
  const IndexedText indexed = indexer.Add(text, role);
  const std::vector<TextUnit> units = indexer.TakeUnits();
  const std::vector<PackedSyllable> syllables = indexer.TakeSyllables();
  const SearchQuery search_query = SearchQuery::FromText(query);
  const auto match = MatchText(search_query, units, syllables, indexed.allow_gaps);
  // The cheap filter must never rule out a text the matcher would match.
  if (match) CHECK(MayMatch(search_query, indexed.filter));
  if (!match) return std::nullopt;
  return Matched{match->kind, match->cost};
}

MatchKind KindOf(std::string_view query, std::string_view text, TextRole role = TextRole::kTitle) {
  auto match = Match(query, text, role);
  REQUIRE(match);
  return match->kind;
}

}  // namespace

TEST_CASE("hanzi, full pinyin, partial pinyin and initials all match the whole text") {
  for (std::string_view query :
       {"参保基本信息查询", "canbaojibenxinxichaxun", "cbjbxxcx", "canbjbxxchax", "参保jbxxcx"}) {
    INFO(query);
    CHECK(KindOf(query, "参保基本信息查询") == MatchKind::kExact);
  }
}

TEST_CASE("a query covering the start is a prefix match") {
  for (std::string_view query : {"参保", "canbao", "can", "ca", "c", "cb", "canb", "参b"}) {
    INFO(query);
    CHECK(KindOf(query, "参保基本信息查询") == MatchKind::kPrefix);
  }
}

TEST_CASE("a contiguous match elsewhere is a substring match") {
  for (std::string_view query : {"查询", "chaxun", "cx", "xinxi", "xx", "基本"}) {
    INFO(query);
    CHECK(KindOf(query, "参保基本信息查询") == MatchKind::kSubstring);
  }
}

TEST_CASE("initials in order with gaps are a subsequence, anchored and with fewer gaps cheaper") {
  const auto anchored = Match("cbcx", "参保基本信息查询");
  REQUIRE(anchored);
  CHECK(anchored->kind == MatchKind::kSubsequence);
  CHECK(anchored->cost == 3);  // 参保 at the start, one gap, 查询.
  const auto unanchored = Match("jbcx", "参保基本信息查询");
  REQUIRE(unanchored);
  CHECK(unanchored->cost == 4);
  const auto two_gaps = Match("cjx", "参保基本信息查询");  // 参 基 询 (or 参 基 信).
  REQUIRE(two_gaps);
  CHECK(two_gaps->cost == 5);
  CHECK(KindOf("canbaochaxun", "参保基本信息查询") == MatchKind::kSubsequence);
}

TEST_CASE("nothing matches out of order, inside a syllable, or past the text") {
  CHECK_FALSE(Match("cxcb", "参保基本信息查询"));
  CHECK_FALSE(Match("ao", "参保基本信息查询"));  // Inside bao.
  CHECK_FALSE(Match("canbaox", "参保"));
  CHECK_FALSE(Match("参保卡", "参保基本信息查询"));
  CHECK_FALSE(Match("q", "参保基本信息查询"));
}

TEST_CASE("a character with several readings matches by any of them") {
  CHECK(KindOf("yinhang", "银行卡") == MatchKind::kPrefix);
  CHECK(KindOf("yinxing", "银行卡") == MatchKind::kPrefix);
  CHECK(KindOf("yinhangqia", "银行卡") == MatchKind::kExact);
  CHECK(KindOf("zhaxun", "查询") == MatchKind::kExact);
}

TEST_CASE("ambiguous pinyin is split every possible way") {
  CHECK(KindOf("xian", "西安") == MatchKind::kExact);  // xi + an.
  CHECK(KindOf("xian", "先") == MatchKind::kExact);
  CHECK(KindOf("xia", "西安") == MatchKind::kExact);  // xi + a(n).
}

TEST_CASE("hanzi and pinyin mix in one query") {
  CHECK(KindOf("社保kgs", "社保卡挂失") == MatchKind::kExact);
  CHECK(KindOf("sb卡", "社保卡挂失") == MatchKind::kPrefix);
}

TEST_CASE("English titles match words from their start, never with gaps") {
  CHECK(KindOf("pension", "Pension account query", TextRole::kEnglishTitle) == MatchKind::kPrefix);
  CHECK(KindOf("Account Q", "Pension account query", TextRole::kEnglishTitle) ==
        MatchKind::kSubstring);
  CHECK_FALSE(Match("count", "Pension account query", TextRole::kEnglishTitle));
  CHECK_FALSE(Match("paq", "Pension account query", TextRole::kEnglishTitle));
}

TEST_CASE("an overlong query is cut, not a crash") {
  const std::string query(500, 'a');
  CHECK(SearchQuery::FromText(query).units.size() == SearchQuery::kMaxUnits);
  CHECK_FALSE(Match(query, "参保基本信息查询"));
}

TEST_CASE("the filter rules out texts lacking a letter, an initial or a hanzi of the query") {
  TextIndexer indexer(Table());
  const IndexedText text = indexer.Add("参保基本信息查询", TextRole::kTitle);
  CHECK(MayMatch(SearchQuery::FromText("cbcx"), text.filter));
  CHECK_FALSE(MayMatch(SearchQuery::FromText("gjj"), text.filter));   // No g at all.
  CHECK_FALSE(MayMatch(SearchQuery::FromText("ao"), text.filter));    // No syllable starts with a.
  CHECK_FALSE(MayMatch(SearchQuery::FromText("社保"), text.filter));  // No 社.
}
