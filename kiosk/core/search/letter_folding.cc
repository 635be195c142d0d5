#include "kiosk/core/search/letter_folding.h"

#include <algorithm>
#include <array>
#include <utility>

namespace kiosk::search {
namespace {

// Every non-ASCII letter pinyin uses, toned or not, and the single-storey ɑ
// and ɡ that some pinyin fonts and input methods produce.
constexpr std::array<std::pair<char32_t, char>, 35> kPinyinLetters = {{
    {U'à', 'a'}, {U'á', 'a'}, {U'è', 'e'}, {U'é', 'e'}, {U'ê', 'e'}, {U'ì', 'i'}, {U'í', 'i'},
    {U'ò', 'o'}, {U'ó', 'o'}, {U'ù', 'u'}, {U'ú', 'u'}, {U'Ü', 'v'}, {U'ü', 'v'}, {U'ā', 'a'},
    {U'ē', 'e'}, {U'ě', 'e'}, {U'ī', 'i'}, {U'ń', 'n'}, {U'ň', 'n'}, {U'ō', 'o'}, {U'ū', 'u'},
    {U'ǎ', 'a'}, {U'ǐ', 'i'}, {U'ǒ', 'o'}, {U'ǔ', 'u'}, {U'ǖ', 'v'}, {U'ǘ', 'v'}, {U'ǚ', 'v'},
    {U'ǜ', 'v'}, {U'ǹ', 'n'}, {U'ḿ', 'm'}, {U'ế', 'e'}, {U'ề', 'e'}, {U'ɑ', 'a'}, {U'ɡ', 'g'},
}};

}  // namespace

char FoldLetter(char32_t code_point) {
  if (code_point >= U'a' && code_point <= U'z') return static_cast<char>(code_point);
  if (code_point >= U'A' && code_point <= U'Z') return static_cast<char>(code_point - U'A' + U'a');
  if (code_point >= U'ａ' && code_point <= U'ｚ')
    return static_cast<char>(code_point - U'ａ' + U'a');
  if (code_point >= U'Ａ' && code_point <= U'Ｚ')
    return static_cast<char>(code_point - U'Ａ' + U'a');
  const auto* found =
      std::find_if(kPinyinLetters.begin(), kPinyinLetters.end(),
                   [code_point](const auto& entry) { return entry.first == code_point; });
  return found == kPinyinLetters.end() ? '\0' : found->second;
}

bool IsCombiningMark(char32_t code_point) { return code_point >= 0x300 && code_point <= 0x36F; }

}  // namespace kiosk::search
