#include "kiosk/core/search/search_document.h"

namespace kiosk::search {

const char* ToString(MatchKind kind) {
  switch (kind) {
    case MatchKind::kExact: return "exact";
    case MatchKind::kPrefix: return "prefix";
    case MatchKind::kSubstring: return "substring";
    case MatchKind::kSubsequence: return "subsequence";
    case MatchKind::kMostUsed: return "most_used";
  }
  return "unknown";
}

const char* ToString(MatchField field) {
  switch (field) {
    case MatchField::kTitle: return "title";
    case MatchField::kEnglishTitle: return "english_title";
    case MatchField::kKeyword: return "keyword";
    case MatchField::kNone: return "none";
  }
  return "unknown";
}

}  // namespace kiosk::search
