#include "central/id_number.h"

#include <array>

namespace kiosk::central {
namespace {

bool AllDigits(std::string_view text) {
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::optional<char> IdCheckCharacter(std::string_view first17) {
  if (first17.size() != 17 || !AllDigits(first17)) return std::nullopt;
  // Weights are 2^(17-i) mod 11; the remainder of the weighted sum indexes
  // the check characters (GB 11643-1999, ISO 7064 MOD 11-2).
  constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  constexpr std::string_view kCheck = "10X98765432";
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[static_cast<std::size_t>(sum % 11)];
}

bool IsValidIdNumber(std::string_view id_number) {
  if (id_number.size() != 18) return false;
  auto check = IdCheckCharacter(id_number.substr(0, 17));
  return check.has_value() && *check == id_number[17];
}

std::string IdBirthDate(std::string_view id_number) {
  std::string date;
  date.append(id_number.substr(6, 4)).append("-");
  date.append(id_number.substr(10, 2)).append("-");
  date.append(id_number.substr(12, 2));
  return date;
}

std::string IdGender(std::string_view id_number) {
  return (id_number[16] - '0') % 2 == 1 ? "male" : "female";
}

}  // namespace kiosk::central
