#pragma once

// The codes a resident ID card stores for gender (GB/T 2261.1) and nation
// (GB/T 3304), and the words the card prints for them.

#include <optional>
#include <string_view>

namespace kiosk::devices {

// "0" 未知, "1" 男, "2" 女, "9" 未说明; nullopt for any other code.
std::optional<std::string_view> GenderName(std::string_view code);

// "01" 汉 … "56" 基诺, "97" 其他, "98" 外国血统 (as the card prints them,
// without 族); nullopt for any other code.
std::optional<std::string_view> NationName(std::string_view code);

}  // namespace kiosk::devices
