#pragma once

// Masking for what the screen shows and the receipt prints: enough to let
// the citizen recognise their own number, not enough to reuse it.

#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk::validation {

// Keeps the first `keep_front` and last `keep_back` code points and
// replaces each one between with '*'. A text too short to hide anything
// that way is masked entirely: a short value is never shown in full.
std::string MaskMiddle(std::string_view text, std::size_t keep_front, std::size_t keep_back);

}  // namespace kiosk::validation
