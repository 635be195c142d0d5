#pragma once

// Belt and braces before anything leaves the terminal (a diagnostics
// bundle, an exported log): the code already keeps citizens' numbers out
// of the log, and this masks any that slipped in anyway. It looks at runs
// of ASCII digits, whole runs only, so versions, times, ports, byte counts,
// acceptance numbers ("SL20261123-1A2B3C4D") and tracking numbers
// ("440300-20261123-000042") pass unchanged:
//   - 18 digits, or 17 and a final X/x: a 居民身份证 number (also any
//     18-digit card number); 15 digits: the old ID form — first 4, last 4 kept;
//   - 11 digits 1[3-9]…, or 13 digits 861[3-9]… (+86): a mobile number —
//     first 3, last 4 kept, as the confirm screen shows one;
//   - 16, 17 or 19 digits: a bank or social-security card number — first 4,
//     last 4 kept.
// Other lengths are not personal data shapes and are left alone.

#include <string>
#include <string_view>

namespace kiosk {

struct ScrubCounts {
  int id_numbers = 0;
  int phone_numbers = 0;
  int card_numbers = 0;

  int Total() const { return id_numbers + phone_numbers + card_numbers; }
  ScrubCounts& operator+=(const ScrubCounts& other);
};

// `text` with every number of the shapes above masked ('*' in the middle);
// adds what it masked to `counts` when given.
std::string ScrubPersonalData(std::string_view text, ScrubCounts* counts = nullptr);

}  // namespace kiosk
