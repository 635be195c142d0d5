#pragma once

// Amounts of money in yuan as the citizen types them ("1234", "1234.5",
// "1234.56"), kept as whole fen in an int64: binary floating point cannot
// hold 0.1 yuan exactly, and amounts must add up to the fen.

#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/core/validation/field_error.h"

namespace kiosk::validation {

// The largest amount any rule may allow: 9 999 999 999 999.99 yuan, far
// beyond any form and far from int64 overflow.
inline constexpr std::int64_t kMaxMoneyFen = 999'999'999'999'999;

// Digits with at most one '.', at least one digit before it and one or two
// after it; no sign, no thousands separators. Accepts surrounding
// whitespace and full-width digits. Rejections: bad_character, bad_format
// (shape, or more than 2 decimals), out_of_range {min, max} as yuan text,
// when outside [min_fen, max_fen].
FieldResult<std::int64_t> CheckMoney(std::string_view input, std::int64_t min_fen,
                                     std::int64_t max_fen);

// 123450 -> "1234.50"; negative amounts get a leading '-'.
std::string FormatFenAsYuan(std::int64_t fen);

}  // namespace kiosk::validation
