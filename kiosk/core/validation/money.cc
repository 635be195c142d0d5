#include "kiosk/core/validation/money.h"

#include <fmt/format.h>

#include "kiosk/core/validation/utf8.h"

namespace kiosk::validation {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

FieldError RangeError(std::string detail, std::int64_t min_fen, std::int64_t max_fen) {
  return FieldError{reason::kOutOfRange,
                    std::move(detail),
                    {{"min", FormatFenAsYuan(min_fen)}, {"max", FormatFenAsYuan(max_fen)}}};
}

}  // namespace

std::string FormatFenAsYuan(std::int64_t fen) {
  // Negate in unsigned arithmetic: -INT64_MIN does not fit an int64.
  const bool negative = fen < 0;
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(fen) : static_cast<std::uint64_t>(fen);
  return fmt::format("{}{}.{:02d}", negative ? "-" : "", magnitude / 100, magnitude % 100);
}

FieldResult<std::int64_t> CheckMoney(std::string_view input, std::int64_t min_fen,
                                     std::int64_t max_fen) {
  const std::string text = CleanCodeInput(input);
  for (char c : text) {
    if (!IsDigit(c) && c != '.') {
      return Reject(reason::kBadCharacter, "an amount has only digits and a decimal point");
    }
  }
  const std::size_t point = text.find('.');
  const std::string_view whole = std::string_view(text).substr(0, point);
  const std::string_view decimals =
      point == std::string::npos ? std::string_view() : std::string_view(text).substr(point + 1);
  if (whole.empty() || (point != std::string::npos && decimals.empty()) ||
      decimals.find('.') != std::string_view::npos) {
    return Reject(reason::kBadFormat, "an amount looks like 1234, 1234.5 or 1234.56");
  }
  if (decimals.size() > 2) {
    return Reject(reason::kBadFormat,
                  fmt::format("{} decimal places, at most 2 (fen) allowed", decimals.size()));
  }
  // Accumulate while below the ceiling; anything above it is out of range
  // for every rule, so there is no need to go on (and risk overflow).
  std::int64_t fen = 0;
  for (char c : whole) {
    fen = fen * 10 + (c - '0');
    if (fen > kMaxMoneyFen / 100) {
      return std::unexpected(
          RangeError("the amount exceeds the largest allowed", min_fen, max_fen));
    }
  }
  fen *= 100;
  if (!decimals.empty()) fen += (decimals[0] - '0') * 10;
  if (decimals.size() == 2) fen += decimals[1] - '0';
  if (fen < min_fen || fen > max_fen) {
    return std::unexpected(
        RangeError(fmt::format("the amount is outside {} to {} yuan", FormatFenAsYuan(min_fen),
                               FormatFenAsYuan(max_fen)),
                   min_fen, max_fen));
  }
  return fen;
}

}  // namespace kiosk::validation
