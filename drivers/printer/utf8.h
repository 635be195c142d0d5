#pragma once

// Strict UTF-8 decoding. Receipt text comes from card data, the server and
// configuration files; rather than guess what a malformed string meant, the
// printer code refuses it and says exactly where it is broken.

#include <cstddef>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace kiosk::devices {

// One decoded character and where its bytes are in the source string.
struct Utf8Char {
  char32_t code_point = 0;
  std::size_t offset = 0;
  std::size_t size = 0;
};

// The characters of `text`; kInvalidData with the byte offset and the
// reason when `text` is not valid UTF-8 (overlong forms, surrogates, values
// above U+10FFFF and truncated sequences included).
Result<std::vector<Utf8Char>> DecodeUtf8(std::string_view text);

}  // namespace kiosk::devices
