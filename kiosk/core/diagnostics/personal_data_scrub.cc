#include "kiosk/core/diagnostics/personal_data_scrub.h"

#include "kiosk/core/validation/mask.h"

namespace kiosk {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

enum class Shape { kNone, kIdNumber, kPhone, kCard };

// `run` is a whole run of digits, possibly with the X of an ID number.
Shape ShapeOf(std::string_view run) {
  const std::size_t length = run.size();
  const bool ends_with_x = run.back() == 'X' || run.back() == 'x';
  if (length == 18 || (length == 15 && !ends_with_x)) return Shape::kIdNumber;
  if (ends_with_x) return Shape::kNone;
  auto mobile_at = [&](std::size_t start) {
    return run[start] == '1' && run[start + 1] >= '3' && run[start + 1] <= '9';
  };
  if (length == 11 && mobile_at(0)) return Shape::kPhone;
  if (length == 13 && run.starts_with("86") && mobile_at(2)) return Shape::kPhone;
  if (length >= 16 && length <= 19) return Shape::kCard;
  return Shape::kNone;
}

}  // namespace

ScrubCounts& ScrubCounts::operator+=(const ScrubCounts& other) {
  id_numbers += other.id_numbers;
  phone_numbers += other.phone_numbers;
  card_numbers += other.card_numbers;
  return *this;
}

std::string ScrubPersonalData(std::string_view text, ScrubCounts* counts) {
  std::string scrubbed;
  scrubbed.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (!IsDigit(text[pos])) {
      scrubbed.push_back(text[pos++]);
      continue;
    }
    std::size_t end = pos;
    while (end < text.size() && IsDigit(text[end])) ++end;
    // 17 digits and an X is the ID number's check character, not a word.
    if (end - pos == 17 && end < text.size() && (text[end] == 'X' || text[end] == 'x')) ++end;
    const std::string_view run = text.substr(pos, end - pos);
    switch (ShapeOf(run)) {
      case Shape::kNone: scrubbed.append(run); break;
      case Shape::kIdNumber:
        scrubbed += validation::MaskMiddle(run, 4, 4);
        if (counts != nullptr) ++counts->id_numbers;
        break;
      case Shape::kPhone:
        // "+86 138…" keeps the country code out of the 3 digits shown.
        scrubbed += validation::MaskMiddle(run, run.size() == 13 ? 5 : 3, 4);
        if (counts != nullptr) ++counts->phone_numbers;
        break;
      case Shape::kCard:
        scrubbed += validation::MaskMiddle(run, 4, 4);
        if (counts != nullptr) ++counts->card_numbers;
        break;
    }
    pos = end;
  }
  return scrubbed;
}

}  // namespace kiosk
