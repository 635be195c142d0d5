#include "drivers/id_card/id_number_check.h"

#include <array>

namespace kiosk::devices {

char IdNumberCheckCharacter(std::string_view first17) {
  static constexpr std::array<int, 17> kWeights = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                   3, 7, 9,  10, 5, 8, 4, 2};
  static constexpr std::array<char, 11> kCheck = {'1', '0', 'X', '9', '8', '7',
                                                  '6', '5', '4', '3', '2'};
  if (first17.size() != kWeights.size()) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) {
    if (first17[i] < '0' || first17[i] > '9') return '\0';
    sum += (first17[i] - '0') * kWeights[i];
  }
  return kCheck[static_cast<std::size_t>(sum % 11)];
}

bool IsValidIdNumber(std::string_view id_number) {
  if (id_number.size() != 18) return false;
  const char check = IdNumberCheckCharacter(id_number.substr(0, 17));
  return check != '\0' && check == id_number[17];
}

}  // namespace kiosk::devices
