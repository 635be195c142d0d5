#pragma once

// Folds the ways a Latin letter can be written down to the plain letter a
// citizen types on the kiosk keyboard: upper case, full-width (ａ, Ａ), and
// pinyin with tone marks. ü is folded to v, as every pinyin keyboard types it.
// The pinyin table generator and the search normalizer share this so that the
// table and the typed query always agree on spelling.

namespace kiosk::search {

// 'a'..'z' for a letter, '\0' for anything else.
char FoldLetter(char32_t code_point);

// Combining diacritics (U+0300..U+036F) that some Unihan readings use instead
// of precomposed letters, e.g. "m̀" and "ê̄": dropped when folding.
bool IsCombiningMark(char32_t code_point);

}  // namespace kiosk::search
