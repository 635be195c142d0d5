#pragma once

// What the screen shows, read from the session each frame. The UI never
// keeps its own copy of citizen data: when the session wipes, the next
// frame has nothing left to draw.

#include <optional>
#include <string>

#include "kiosk/core/catalog/service_item.h"
#include "kiosk/core/records/insurance_record.h"

namespace kiosk {

enum class Screen {
  kHome,
  kGuide,        // 一次性告知: everything the item needs, before it starts.
  kIdentify,     // "Insert your social security card".
  kReadingCard,
  kQuerying,
  kResult,
  kPrinting,
  kRate,
  kTakeCard,
  kNotice,       // Something went wrong: what happened and what to do next.
};
const char* ToString(Screen screen);

struct Notice {
  std::string title_key;   // Text-table key of the headline.
  std::string advice_key;  // Text-table key of what to do next.
  std::string detail;      // Precise cause, for the log and the small print.
  bool can_retry = false;
};

struct SessionView {
  Screen screen = Screen::kHome;
  const ServiceItem* item = nullptr;
  const InsuranceRecord* record = nullptr;
  std::string citizen_name;  // From the card, once read.
  std::optional<Notice> notice;
  bool card_present = false;
  bool card_left_behind = false;  // A card sat in the reader when the session began.
  bool printed = false;
  std::optional<int> seconds_left;  // Set when the inactivity countdown should show.
};

}  // namespace kiosk
