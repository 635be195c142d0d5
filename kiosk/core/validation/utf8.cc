#include "kiosk/core/validation/utf8.h"

namespace kiosk::validation {

bool DecodeNextCodePoint(std::string_view text, std::size_t* pos, char32_t* code_point) {
  const std::size_t start = *pos;
  if (start >= text.size()) return false;
  const auto lead = static_cast<unsigned char>(text[start]);
  std::size_t length = 0;
  char32_t value = 0;
  char32_t smallest = 0;  // Below this the sequence is overlong.
  if (lead < 0x80) {
    length = 1;
    value = lead;
  } else if ((lead & 0xE0) == 0xC0) {
    length = 2;
    value = lead & 0x1F;
    smallest = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    value = lead & 0x0F;
    smallest = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    value = lead & 0x07;
    smallest = 0x10000;
  } else {
    return false;  // A continuation byte or 0xF8..0xFF cannot start a sequence.
  }
  if (text.size() - start < length) return false;
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[start + i]);
    if ((next & 0xC0) != 0x80) return false;
    value = (value << 6) | (next & 0x3F);
  }
  if (value < smallest || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return false;
  *pos = start + length;
  *code_point = value;
  return true;
}

bool IsValidUtf8(std::string_view text) {
  std::size_t pos = 0;
  char32_t code_point = 0;
  while (pos < text.size()) {
    if (!DecodeNextCodePoint(text, &pos, &code_point)) return false;
  }
  return true;
}

std::size_t CountCodePoints(std::string_view text) {
  std::size_t count = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    char32_t code_point = 0;
    if (!DecodeNextCodePoint(text, &pos, &code_point)) pos = start + 1;
    ++count;
  }
  return count;
}

bool IsUnicodeWhitespace(char32_t c) {
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

std::string_view TrimWhitespace(std::string_view text) {
  // One forward pass: UTF-8 cannot be decoded backwards without care, and
  // field inputs are short.
  std::size_t content_begin = text.size();
  std::size_t content_end = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    char32_t code_point = 0;
    if (!DecodeNextCodePoint(text, &pos, &code_point)) {
      pos = start + 1;  // A malformed byte is content.
    } else if (IsUnicodeWhitespace(code_point)) {
      continue;
    }
    if (content_begin == text.size()) content_begin = start;
    content_end = pos;
  }
  if (content_begin >= content_end) return {};
  return text.substr(content_begin, content_end - content_begin);
}

std::string FoldFullWidth(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    char32_t code_point = 0;
    if (!DecodeNextCodePoint(text, &pos, &code_point)) {
      folded.push_back(text[start]);
      pos = start + 1;
    } else if (code_point >= 0xFF01 && code_point <= 0xFF5E) {
      folded.push_back(static_cast<char>(code_point - 0xFF01 + 0x21));
    } else if (code_point == 0x3000) {
      folded.push_back(' ');
    } else {
      folded.append(text.substr(start, pos - start));
    }
  }
  return folded;
}

std::string CleanCodeInput(std::string_view input) {
  return std::string(TrimWhitespace(FoldFullWidth(input)));
}

}  // namespace kiosk::validation
