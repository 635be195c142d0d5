#pragma once

// 居民身份证号码 (GB 11643-1999): six digits of the registering region
// (GB/T 2260), eight of the birth date, three of a sequence whose last
// digit is odd for men and even for women, and an ISO 7064 MOD 11-2 check
// character, 0-9 or X. The old 15-digit numbers expired in 2013 and are
// rejected.

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/core/validation/date.h"
#include "kiosk/core/validation/field_error.h"

namespace kiosk::validation {

enum class Sex { kFemale, kMale };

struct IdNumber {
  std::string value;  // 18 characters, a check 'x' upper-cased to 'X'.
  Date birth_date;
  Sex sex = Sex::kFemale;
  int province = 0;  // First two digits, e.g. 11 for 北京.
};

// Accepts surrounding whitespace, full-width digits and a lower-case 'x'.
// Rejections, in the order checked: bad_length {length=18}, bad_character,
// bad_region, bad_date (not a calendar date, before 1900-01-01 or after
// `today`), bad_check_digit.
FieldResult<IdNumber> CheckIdNumber(std::string_view input, const Date& today);

// The MOD 11-2 check character ('0'-'9' or 'X') of the first 17 digits;
// '\0' unless `first17` is exactly 17 ASCII digits.
char IdNumberCheckChar(std::string_view first17);

// Read from a number that passed CheckIdNumber (e.g. a stored field value);
// nullopt when `id` does not have that shape.
std::optional<Date> IdNumberBirthDate(std::string_view id);
std::optional<Sex> IdNumberSex(std::string_view id);

// For the screen and receipts: the first 3 and last 4 characters, the rest
// '*' ("110***********002X").
std::string MaskIdNumber(std::string_view id);

}  // namespace kiosk::validation
