#pragma once

// Province-level codes of GB/T 2260, the first two digits of a region code
// and of an ID number.

namespace kiosk::validation {

// 11..15, 21..23, 31..37, 41..46, 50..54, 61..65 (the mainland provinces),
// 71 (台湾), 81 (香港), 82 (澳门), and 83, which GB/T 2260 does not list
// but the 港澳台居民居住证 of Taiwan residents carries (830000) since 2018.
// Hong Kong and Macao residents' permits use 81 and 82.
bool IsProvinceCode(int code);

}  // namespace kiosk::validation
