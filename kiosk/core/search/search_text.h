#pragma once

// The one normal form that titles, keywords and typed queries are compared
// in. A citizen types "Can Bao", "canbao", "ｃａｎｂａｏ" or "社保 卡": spaces,
// punctuation, case and full-width forms must not decide whether an item is
// found, so all of them are removed or folded here, once, on both sides.

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::search {

struct NormalizedText {
  // Letters become 'a'..'z' (ü → v, tone marks dropped), digits '0'..'9'
  // (full-width too); whitespace, punctuation and symbols are dropped; every
  // other character (hanzi, kana, ...) is kept as it is.
  std::u32string units;
  // Where a word begins: every hanzi, and the first letter or digit of a run
  // of them ("ETC卡" → E, 卡). A match may only begin at a word start, so
  // "ment" does not find "Payment" while "pay" does.
  std::vector<bool> starts_word;
};

NormalizedText NormalizeSearchText(std::string_view utf8);

inline bool IsAsciiLetter(char32_t unit) { return unit >= U'a' && unit <= U'z'; }
inline bool IsAsciiDigit(char32_t unit) { return unit >= U'0' && unit <= U'9'; }

}  // namespace kiosk::search
