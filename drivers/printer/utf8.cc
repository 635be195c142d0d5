#include "drivers/printer/utf8.h"

#include <fmt/format.h>

#include <cstdint>

namespace kiosk::devices {
namespace {

std::unexpected<Error> InvalidAt(std::size_t offset, std::string_view reason) {
  return Fail(ErrorCode::kInvalidData,
              fmt::format("invalid UTF-8 at byte offset {}: {}", offset, reason));
}

}  // namespace

Result<std::vector<Utf8Char>> DecodeUtf8(std::string_view text) {
  std::vector<Utf8Char> chars;
  chars.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<std::uint8_t>(text[i]);
    std::size_t size = 0;
    char32_t code_point = 0;
    // The smallest value each length may encode: anything below is an
    // overlong form, which decoders have been tricked with before.
    char32_t minimum = 0;
    if (lead < 0x80) {
      size = 1;
      code_point = lead;
    } else if (lead < 0xC0) {
      return InvalidAt(i, fmt::format("continuation byte 0x{:02X} without a lead byte", lead));
    } else if (lead < 0xE0) {
      size = 2;
      code_point = lead & 0x1Fu;
      minimum = 0x80;
    } else if (lead < 0xF0) {
      size = 3;
      code_point = lead & 0x0Fu;
      minimum = 0x800;
    } else if (lead < 0xF8) {
      size = 4;
      code_point = lead & 0x07u;
      minimum = 0x10000;
    } else {
      return InvalidAt(i, fmt::format("byte 0x{:02X} never occurs in UTF-8", lead));
    }
    if (text.size() - i < size) {
      return InvalidAt(i,
                       fmt::format("sequence of {} bytes cut short by the end of the text", size));
    }
    for (std::size_t k = 1; k < size; ++k) {
      const auto next = static_cast<std::uint8_t>(text[i + k]);
      if ((next & 0xC0u) != 0x80u) {
        return InvalidAt(
            i, fmt::format("byte {} of the sequence is 0x{:02X}, not a continuation", k + 1, next));
      }
      code_point = (code_point << 6) | (next & 0x3Fu);
    }
    if (code_point < minimum) {
      return InvalidAt(
          i, fmt::format("overlong encoding of U+{:04X}", static_cast<std::uint32_t>(code_point)));
    }
    if (code_point >= 0xD800 && code_point <= 0xDFFF) {
      return InvalidAt(
          i, fmt::format("UTF-16 surrogate U+{:04X}", static_cast<std::uint32_t>(code_point)));
    }
    if (code_point > 0x10FFFF) {
      return InvalidAt(
          i, fmt::format("U+{:X} is beyond U+10FFFF", static_cast<std::uint32_t>(code_point)));
    }
    chars.push_back(Utf8Char{.code_point = code_point, .offset = i, .size = size});
    i += size;
  }
  return chars;
}

}  // namespace kiosk::devices
