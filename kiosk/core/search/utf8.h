#pragma once

// UTF-8 to code points and back, for search text. Catalog titles and typed
// queries are UTF-8; matching works on code points so that one hanzi is one
// unit whatever its byte length.

#include <string>
#include <string_view>

namespace kiosk::search {

// A malformed or truncated sequence becomes U+FFFD, so a broken title can
// still be searched by its other characters instead of failing the index.
std::u32string DecodeUtf8(std::string_view text);

void AppendUtf8(std::string& out, char32_t code_point);

}  // namespace kiosk::search
