#pragma once

// The check character of a 统一社会信用代码 (GB 32100-2015), for the
// 一码通行 business licence codes the scanner reads. Drivers must not depend
// on the kiosk core, so this is the scanner's own small copy of the rule;
// the core's field validator (kiosk/core/validation/credit_code.h) is the
// one that explains a typing error to a citizen.

#include <string_view>

namespace kiosk::devices {

// The MOD 31 check character for the first 17 characters of a credit code
// (weights 3^i mod 31 over the code values of
// "0123456789ABCDEFGHJKLMNPQRTUWXY"); '\0' when `first17` is not 17
// characters of that set (upper case).
char CreditCodeCheckCharacter(std::string_view first17);

// Whether `code` is 18 characters of the set (upper case), characters 3-8
// (the region) are digits and the 18th is the check character.
bool IsValidCreditCode(std::string_view code);

}  // namespace kiosk::devices
