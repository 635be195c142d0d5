#pragma once

// What the caller indexes and what a search answers.

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk::search {

struct SearchDocument {
  std::string id;        // The catalog item id, e.g. "ssi.insurance_record_query".
  std::string title_zh;  // 参保基本信息查询
  std::string title_en;  // Optional: "Insurance record query".
  // Other words citizens use for the item (俗称, abbreviations: 社保, 公积金,
  // 补卡); found like the title but ranked below every title match.
  std::vector<std::string> keywords;
  // How often the item was used (the kiosk's own count, or headquarters'):
  // orders the empty-query list and breaks ties between equal matches.
  std::int64_t usage_count = 0;
};

// How the query met the text, best first.
enum class MatchKind {
  kExact,        // The whole text: 社保卡 for 社保卡, or "sbk", or "shebaoka".
  kPrefix,       // The beginning: "canbao" for 参保基本信息查询.
  kSubstring,    // Contiguous, elsewhere: "gjj" for 住房公积金账户查询.
  kSubsequence,  // In order with gaps: "cbcx" for 参保基本信息查询.
  kMostUsed,     // Not matched: listed for an empty query.
};

enum class MatchField {
  kTitle,         // title_zh
  kEnglishTitle,  // title_en
  kKeyword,
  kNone,  // kMostUsed hits.
};

const char* ToString(MatchKind kind);
const char* ToString(MatchField field);

struct SearchHit {
  std::string id;
  int score = 0;  // Higher is better; only the order means something.
  MatchKind kind = MatchKind::kMostUsed;
  MatchField field = MatchField::kNone;
};

}  // namespace kiosk::search
