#include "kiosk/core/validation/credit_code.h"

#include <fmt/format.h>

#include "kiosk/core/validation/utf8.h"

namespace kiosk::validation {
namespace {

constexpr std::size_t kLength = 18;
constexpr std::string_view kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// The code value 0..30 of a character, -1 outside the set.
int CodeValue(char c) {
  const std::size_t index = kCharset.find(c);
  return index == std::string_view::npos ? -1 : static_cast<int>(index);
}

}  // namespace

bool IsRegistrationAuthority(char code) {
  return std::string_view("123456789AGJNQY").find(code) != std::string_view::npos;
}

char CreditCodeCheckChar(std::string_view first17) {
  static constexpr int kWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                       29, 25, 13, 8,  24, 10, 30, 28};
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    const int value = CodeValue(first17[i]);
    if (value < 0) return '\0';
    sum += value * kWeights[i];
  }
  return kCharset[static_cast<std::size_t>((31 - sum % 31) % 31)];
}

FieldResult<std::string> CheckCreditCode(std::string_view input) {
  std::string code = CleanCodeInput(input);
  const std::size_t length = CountCodePoints(code);
  if (length != kLength) {
    return Reject(reason::kBadLength,
                  fmt::format("{} characters, a unified social credit code has 18", length),
                  {{"length", "18"}});
  }
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (code[i] >= 'a' && code[i] <= 'z') code[i] = static_cast<char>(code[i] - 'a' + 'A');
    if (CodeValue(code[i]) < 0) {
      return Reject(reason::kBadCharacter,
                    fmt::format("character {} is not one of {} (I, O, S, V and Z are never used)",
                                i + 1, kCharset));
    }
  }
  if (!IsRegistrationAuthority(code[0])) {
    return Reject(reason::kBadAuthority,
                  fmt::format("registration authority code {} is not assigned", code[0]));
  }
  for (std::size_t i = 2; i < 8; ++i) {
    if (code[i] < '0' || code[i] > '9') {
      return Reject(
          reason::kBadRegion,
          fmt::format("character {} is part of the region code and must be a digit", i + 1));
    }
  }
  if (CreditCodeCheckChar(std::string_view(code).substr(0, 17)) != code.back()) {
    return Reject(reason::kBadCheckDigit,
                  "the check character (18th) does not match the first 17 (MOD 31)");
  }
  return code;
}

}  // namespace kiosk::validation
