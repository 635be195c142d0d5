#pragma once

// What the screen shows, read from the session each frame. The UI never
// keeps its own copy of citizen data: when the session wipes, the next
// frame has nothing left to draw.

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/core/catalog/service_item.h"
#include "kiosk/core/flow/displayed_record.h"
#include "kiosk/core/records/insurance_record.h"
#include "kiosk/core/session/device_availability.h"

namespace kiosk {

enum class Screen {
  kHome,
  kGuide,     // 一次性告知: everything the item needs, before it starts.
  kIdentify,  // "Insert your social security card" (or scan a code).
  kReadingCard,
  kQuerying,
  kResult,
  kForm,        // The fields nobody knew yet.
  kConfirm,     // Everything that will be submitted, to check.
  kSubmitting,  // Queued durably; trying to deliver it at once.
  kAccepted,    // Queued durably: the acceptance number; sent or waiting for the network.
  kPrinting,
  kRate,
  kTakeCard,
  kNotice,  // Something went wrong: what happened and what to do next.
};
const char* ToString(Screen screen);

struct Notice {
  Notice() = default;
  Notice(std::string title, std::string advice, std::string cause, bool retry)
      : title_key(std::move(title)),
        advice_key(std::move(advice)),
        detail(std::move(cause)),
        can_retry(retry) {}

  std::string title_key;   // Text-table key of the headline.
  std::string advice_key;  // Text-table key of what to do next.
  std::string detail;      // Precise cause, for the log and the small print.
  bool can_retry = false;
  // Set instead of the advice key when the catalog words it (a refusal).
  std::string advice_text;
};

struct FormFieldView {
  std::string id;
  std::string label;
  std::string hint;
  const validation::FieldRule* rule = nullptr;
  std::string value;      // What the citizen typed (or the normalised value).
  std::string error_key;  // "field.error.bad_check_digit", empty when fine.
  std::map<std::string, std::string> error_values;
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

  std::string region;                      // The region that handles the item, e.g. "440300".
  std::string region_name;                 // Its name, e.g. 深圳市.
  bool other_region = false;               // 跨域通办: handled by a region other than home.
  const ServiceItem* step_item = nullptr;  // In a bundle, the sub-item of this step.
  int step_number = 0;                     // 1-based, of step_count, for a progress line.
  int step_count = 0;
  const DisplayedRecord* displayed = nullptr;  // kResult of a display template.
  // kResult: the service could not be reached and this is the record kept
  // from an earlier query — the note says when it was fetched (shown, and
  // printed with it). Empty for a live answer.
  std::string cached_record_note;
  std::vector<FormFieldView> form;                                // kForm.
  std::vector<std::pair<std::string, std::string>> confirm_rows;  // kConfirm (masked).
  std::string acceptance_number;                                  // kAccepted.
  // kAccepted: the server confirmed the submission (已提交), with its
  // tracking number; else it waits in the outbox for the network.
  bool submission_confirmed = false;
  std::string tracking_number;
  // The item's identification methods whose device is out of order now,
  // and whether any way is left (else the item cannot start).
  std::vector<std::string> unusable_methods;
  bool item_usable = true;
  bool submissions_paused = false;  // Not usable because the outbox is full.
  // kGuide: the item prints a receipt and the printer is low or cannot.
  ReceiptWarning receipt_warning = ReceiptWarning::kNone;
  bool reading_id_card = false;  // kReadingCard: the ID card, not the 社保卡.
  // A progress screen the citizen may leave: reading a card or asking the
  // service changes nothing. Sending a submission or printing may not be
  // broken off (the citizen would not know what happened).
  bool can_cancel = false;
};

}  // namespace kiosk
