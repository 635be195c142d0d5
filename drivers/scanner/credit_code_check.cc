#include "drivers/scanner/credit_code_check.h"

namespace kiosk::devices {
namespace {

// I, O, S, V and Z are never used: they read like digits or each other.
constexpr std::string_view kCodeCharacters = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kModulus = 31;

int CodeValue(char c) {
  const std::size_t index = kCodeCharacters.find(c);
  return index == std::string_view::npos ? -1 : static_cast<int>(index);
}

}  // namespace

char CreditCodeCheckCharacter(std::string_view first17) {
  if (first17.size() != 17) return '\0';
  int sum = 0;
  int weight = 1;  // 3^i mod 31, computed as we go rather than tabled.
  for (char c : first17) {
    const int value = CodeValue(c);
    if (value < 0) return '\0';
    sum = (sum + value * weight) % kModulus;
    weight = weight * 3 % kModulus;
  }
  return kCodeCharacters[static_cast<std::size_t>((kModulus - sum) % kModulus)];
}

bool IsValidCreditCode(std::string_view code) {
  if (code.size() != 18) return false;
  for (std::size_t i = 2; i < 8; ++i) {
    if (code[i] < '0' || code[i] > '9') return false;
  }
  const char check = CreditCodeCheckCharacter(code.substr(0, 17));
  return check != '\0' && check == code[17];
}

}  // namespace kiosk::devices
