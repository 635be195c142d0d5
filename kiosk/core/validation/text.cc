#include "kiosk/core/validation/text.h"

#include <fmt/format.h>

#include <cstdint>

#include "kiosk/core/validation/utf8.h"

namespace kiosk::validation {

bool IsForbiddenInText(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

FieldResult<std::string> CheckText(std::string_view input, std::size_t min_chars,
                                   std::size_t max_chars) {
  const std::string_view text = TrimWhitespace(input);
  std::size_t count = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    char32_t code_point = 0;
    if (!DecodeNextCodePoint(text, &pos, &code_point)) {
      return Reject(reason::kBadCharacter, fmt::format("malformed UTF-8 at byte {}", pos));
    }
    if (IsForbiddenInText(code_point)) {
      return Reject(reason::kBadCharacter,
                    fmt::format("control character U+{:04X} at character {}",
                                static_cast<std::uint32_t>(code_point), count + 1));
    }
    ++count;
  }
  if (count < min_chars) {
    return Reject(reason::kTooShort,
                  fmt::format("{} characters, at least {} required", count, min_chars),
                  {{"min_length", std::to_string(min_chars)}});
  }
  if (count > max_chars) {
    return Reject(reason::kTooLong,
                  fmt::format("{} characters, at most {} allowed", count, max_chars),
                  {{"max_length", std::to_string(max_chars)}});
  }
  return std::string(text);
}

}  // namespace kiosk::validation
