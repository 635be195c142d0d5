#include "kiosk/core/records/record_age.h"

#include <algorithm>

#include "kiosk/core/records/receipt_builder.h"

namespace kiosk {

std::string AgeText(const TextTable& texts, std::int64_t age_ms) {
  constexpr std::int64_t kMinute = 60 * 1000;
  constexpr std::int64_t kHour = 60 * kMinute;
  constexpr std::int64_t kDay = 24 * kHour;
  // A clock set back must not make a record look younger than "just now".
  age_ms = std::max<std::int64_t>(age_ms, 0);
  if (age_ms < kMinute) return texts.Get("age.just_now");
  if (age_ms < kHour) return texts.Format("age.minutes", {{"n", std::to_string(age_ms / kMinute)}});
  if (age_ms < kDay) return texts.Format("age.hours", {{"n", std::to_string(age_ms / kHour)}});
  return texts.Format("age.days", {{"n", std::to_string(age_ms / kDay)}});
}

std::string CachedRecordNote(const TextTable& texts, std::int64_t fetched_unix_ms,
                             std::int64_t now_unix_ms) {
  return texts.Format("record.cached_note",
                      {{"time", FormatChinaTime(fetched_unix_ms)},
                       {"age", AgeText(texts, now_unix_ms - fetched_unix_ms)}});
}

}  // namespace kiosk
