#include "kiosk/core/validation/id_number.h"

#include <fmt/format.h>

#include "kiosk/core/validation/mask.h"
#include "kiosk/core/validation/region_codes.h"
#include "kiosk/core/validation/utf8.h"

namespace kiosk::validation {
namespace {

constexpr std::size_t kLength = 18;
constexpr Date kEarliestBirth{1900, 1, 1};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// 17 digits, then a digit or 'X'.
bool HasIdShape(std::string_view id) {
  if (id.size() != kLength) return false;
  for (std::size_t i = 0; i + 1 < kLength; ++i) {
    if (!IsDigit(id[i])) return false;
  }
  return IsDigit(id.back()) || id.back() == 'X';
}

}  // namespace

char IdNumberCheckChar(std::string_view first17) {
  // Weight of position i (0-based, left to right) is 2^(17-i) mod 11.
  static constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  // Indexed by the weighted sum mod 11: the character that makes the whole
  // number, its own weight being 1, sum to 1 mod 11.
  static constexpr char kCheckChars[] = "10X98765432";
  if (first17.size() != 17) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) {
    if (!IsDigit(first17[i])) return '\0';
    sum += (first17[i] - '0') * kWeights[i];
  }
  return kCheckChars[sum % 11];
}

FieldResult<IdNumber> CheckIdNumber(std::string_view input, const Date& today) {
  std::string id = CleanCodeInput(input);
  const std::size_t length = CountCodePoints(id);
  if (length != kLength) {
    return Reject(reason::kBadLength, fmt::format("{} characters, an ID number has 18", length),
                  {{"length", "18"}});
  }
  if (id.back() == 'x') id.back() = 'X';
  if (!HasIdShape(id)) {
    return Reject(reason::kBadCharacter, "an ID number is 17 digits followed by a digit or X");
  }
  const int province = (id[0] - '0') * 10 + (id[1] - '0');
  if (!IsProvinceCode(province)) {
    return Reject(reason::kBadRegion,
                  fmt::format("province code {:02d} is not in GB/T 2260", province));
  }
  const std::optional<Date> birth = ParseCompactDate(std::string_view(id).substr(6, 8));
  if (!birth) {
    return Reject(reason::kBadDate, "the birth date (digits 7-14) is not a calendar date");
  }
  if (*birth < kEarliestBirth) {
    return Reject(reason::kBadDate, "the birth date (digits 7-14) is before 1900-01-01");
  }
  if (*birth > today) {
    return Reject(reason::kBadDate, fmt::format("the birth date (digits 7-14) is after today, {}",
                                                ToIsoString(today)));
  }
  if (IdNumberCheckChar(std::string_view(id).substr(0, 17)) != id.back()) {
    return Reject(reason::kBadCheckDigit,
                  "the check character (18th) does not match the first 17 digits (MOD 11-2)");
  }
  const Sex sex = (id[16] - '0') % 2 == 1 ? Sex::kMale : Sex::kFemale;
  return IdNumber{std::move(id), *birth, sex, province};
}

std::optional<Date> IdNumberBirthDate(std::string_view id) {
  if (!HasIdShape(id)) return std::nullopt;
  return ParseCompactDate(id.substr(6, 8));
}

std::optional<Sex> IdNumberSex(std::string_view id) {
  if (!HasIdShape(id)) return std::nullopt;
  return (id[16] - '0') % 2 == 1 ? Sex::kMale : Sex::kFemale;
}

std::string MaskIdNumber(std::string_view id) { return MaskMiddle(id, 3, 4); }

}  // namespace kiosk::validation
