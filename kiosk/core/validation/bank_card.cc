#include "kiosk/core/validation/bank_card.h"

#include <fmt/format.h>

#include "kiosk/core/validation/utf8.h"

namespace kiosk::validation {
namespace {

constexpr std::size_t kMinLength = 16;
constexpr std::size_t kMaxLength = 19;

}  // namespace

bool PassesLuhn(std::string_view digits) {
  if (digits.size() < 2) return false;
  int sum = 0;
  bool doubled = false;  // Every second digit from the right, check digit excluded.
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (*it < '0' || *it > '9') return false;
    int digit = *it - '0';
    if (doubled) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    doubled = !doubled;
  }
  return sum % 10 == 0;
}

FieldResult<std::string> CheckBankCard(std::string_view input) {
  const std::string cleaned = CleanCodeInput(input);
  std::string digits;
  for (char c : cleaned) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c != ' ') {
      return Reject(reason::kBadCharacter, "a card number has only digits and spaces");
    }
  }
  if (digits.size() < kMinLength || digits.size() > kMaxLength) {
    return Reject(reason::kBadLength,
                  fmt::format("{} digits, a card number has 16 to 19", digits.size()),
                  {{"min_length", "16"}, {"max_length", "19"}});
  }
  if (!PassesLuhn(digits)) {
    return Reject(reason::kBadCheckDigit, "the last digit does not match the others (Luhn)");
  }
  return digits;
}

}  // namespace kiosk::validation
