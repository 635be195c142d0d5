#include "kiosk/core/validation/mask.h"

#include <vector>

#include "kiosk/core/validation/utf8.h"

namespace kiosk::validation {

std::string MaskMiddle(std::string_view text, std::size_t keep_front, std::size_t keep_back) {
  // Split into code points so a name or address is never cut inside a
  // character; a malformed byte stands for itself.
  std::vector<std::string_view> characters;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    char32_t code_point = 0;
    if (!DecodeNextCodePoint(text, &pos, &code_point)) pos = start + 1;
    characters.push_back(text.substr(start, pos - start));
  }
  const bool too_short = characters.size() <= keep_front + keep_back;
  std::string masked;
  for (std::size_t i = 0; i < characters.size(); ++i) {
    const bool shown = !too_short && (i < keep_front || i >= characters.size() - keep_back);
    if (shown) {
      masked.append(characters[i]);
    } else {
      masked.push_back('*');
    }
  }
  return masked;
}

}  // namespace kiosk::validation
