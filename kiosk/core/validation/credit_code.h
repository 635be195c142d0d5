#pragma once

// 统一社会信用代码 (GB 32100-2015), 18 characters from the 31-character set
// "0123456789ABCDEFGHJKLMNPQRTUWXY" (no I, O, S, V, Z, which read like
// digits or each other): registration authority (1), institution category
// (1), region of the registering office (6 digits, GB/T 2260), the
// organisation code (9, GB 11714) and a MOD 31 check character.

#include <string>
#include <string_view>

#include "kiosk/core/validation/field_error.h"

namespace kiosk::validation {

// Upper-cases ASCII letters and accepts surrounding whitespace and
// full-width forms. Rejections, in the order checked: bad_length
// {length=18}, bad_character, bad_authority, bad_region (characters 3-8 not
// digits), bad_check_digit. The institution category (character 2) is not
// checked: the list grows with every newly assigned authority and an
// unknown pair is not evidence of a typing error.
FieldResult<std::string> CheckCreditCode(std::string_view input);

// The check character of the first 17 characters: with weights 3^i mod 31
// and code values 0..30, 31 - (sum mod 31), where 31 becomes 0. '\0' unless
// `first17` is 17 characters of the set (upper case).
char CreditCodeCheckChar(std::string_view first17);

// The registration authorities assigned so far: 1 机构编制, 5 民政, 9 工商
// (now 市场监管) and Y 其他 in GB 32100-2015 itself; 2 外交, 3 司法行政,
// 4 文化, 6 旅游, 7 宗教, 8 工会, A 中央军委改革和编制办公室, G 公安 (境外
// 非政府组织代表机构), J 住房城乡建设 (业主大会), N 农业农村 (农村集体经济
// 组织) and Q 侨联, assigned since by the national code centre.
bool IsRegistrationAuthority(char code);

}  // namespace kiosk::validation
