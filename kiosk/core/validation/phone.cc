#include "kiosk/core/validation/phone.h"

#include <fmt/format.h>

#include "kiosk/core/validation/utf8.h"

namespace kiosk::validation {
namespace {

constexpr std::size_t kLength = 11;

}  // namespace

FieldResult<std::string> CheckMobilePhone(std::string_view input) {
  const std::string cleaned = CleanCodeInput(input);
  std::string digits;
  bool international = false;
  for (std::size_t i = 0; i < cleaned.size(); ++i) {
    const char c = cleaned[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c == '+' && i == 0) {
      international = true;
    } else if (c != ' ' && c != '-') {
      return Reject(reason::kBadCharacter,
                    "a mobile number has only digits, spaces, hyphens and a leading +");
    }
  }
  // "+86 138..." must be China; a bare "86138..." is recognised by its
  // length, as no 11-digit mobile number starts with 86.
  if (international) {
    if (!digits.starts_with("86")) {
      return Reject(reason::kBadFormat, "only mainland China numbers (+86) are accepted");
    }
    digits.erase(0, 2);
  } else if (digits.size() == kLength + 2 && digits.starts_with("86")) {
    digits.erase(0, 2);
  }
  if (digits.size() != kLength) {
    return Reject(reason::kBadLength,
                  fmt::format("{} digits, a mobile number has 11", digits.size()),
                  {{"length", "11"}});
  }
  if (digits[0] != '1' || digits[1] < '3') {
    return Reject(reason::kBadFormat, "a mobile number starts with 13 to 19");
  }
  return digits;
}

}  // namespace kiosk::validation
