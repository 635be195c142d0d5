#include "kiosk/core/search/search_text.h"

#include "kiosk/core/search/letter_folding.h"
#include "kiosk/core/search/utf8.h"

namespace kiosk::search {
namespace {

char32_t FoldDigit(char32_t code_point) {
  if (code_point >= U'0' && code_point <= U'9') return code_point;
  if (code_point >= U'０' && code_point <= U'９') return code_point - U'０' + U'0';
  return 0;
}

// Separators and punctuation, ASCII or CJK: "社会保险（个人）" and
// "社会保险个人" are the same words to the citizen.
bool IsDropped(char32_t code_point) {
  if (code_point < 0x80) return true;   // Letters and digits were folded before.
  if (code_point <= 0xBF) return true;  // Latin-1 spaces, punctuation, symbols (·, «, ©).
  if (IsCombiningMark(code_point)) return true;
  if (code_point >= 0x2000 && code_point <= 0x206F) return true;  // General punctuation.
  // CJK punctuation (、。《》「」【】, U+3000), but not 々 〆 〇 (U+3005..U+3007).
  if (code_point >= 0x3000 && code_point <= 0x303F &&
      (code_point < 0x3005 || code_point > 0x3007)) {
    return true;
  }
  if (code_point == 0x30FB) return true;                          // ・
  if (code_point >= 0xFE10 && code_point <= 0xFE1F) return true;  // Vertical forms.
  if (code_point >= 0xFE30 && code_point <= 0xFE6F) return true;  // CJK compatibility forms.
  if (code_point >= 0xFF00 && code_point <= 0xFF65) return true;  // Full-width punctuation.
  if (code_point == 0xFEFF || code_point == 0xFFFD) return true;  // BOM, broken bytes.
  return false;
}

enum class UnitClass { kLetter, kDigit, kOther };

UnitClass ClassOf(char32_t unit) {
  if (IsAsciiLetter(unit)) return UnitClass::kLetter;
  if (IsAsciiDigit(unit)) return UnitClass::kDigit;
  return UnitClass::kOther;
}

}  // namespace

NormalizedText NormalizeSearchText(std::string_view utf8) {
  NormalizedText normalized;
  bool after_separator = true;
  for (char32_t code_point : DecodeUtf8(utf8)) {
    char32_t unit = 0;
    if (char letter = FoldLetter(code_point); letter != '\0') {
      unit = static_cast<char32_t>(letter);
    } else if (char32_t digit = FoldDigit(code_point); digit != 0) {
      unit = digit;
    } else if (IsDropped(code_point)) {
      // A tone mark after its vowel ("m̀") is part of the word, not a break.
      if (!IsCombiningMark(code_point)) after_separator = true;
      continue;
    } else {
      unit = code_point;
    }
    const UnitClass unit_class = ClassOf(unit);
    const bool starts_word = after_separator || unit_class == UnitClass::kOther ||
                             unit_class != ClassOf(normalized.units.back());
    normalized.units.push_back(unit);
    normalized.starts_word.push_back(starts_word);
    after_separator = false;
  }
  return normalized;
}

}  // namespace kiosk::search
