#pragma once

// What the kiosk says about a record kept from an earlier query and shown
// while the network is down: when it was fetched and how long ago, so stale
// data is never taken for fresh (on the screen and on paper alike).

#include <cstdint>
#include <string>

#include "kiosk/core/config/text_table.h"

namespace kiosk {

// "5 分钟前", "3 小时前", "2 天前" (texts age.*).
std::string AgeText(const TextTable& texts, std::int64_t age_ms);

// The record.cached_note text: fetched time (China time) and age.
std::string CachedRecordNote(const TextTable& texts, std::int64_t fetched_unix_ms,
                             std::int64_t now_unix_ms);

}  // namespace kiosk
