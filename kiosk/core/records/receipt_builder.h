#pragma once

// Turns a query result into the receipt the citizen takes away. Labels come
// from the text table; the social security number is masked on paper.

#include <cstdint>

#include "drivers/printer/receipt_document.h"
#include "kiosk/core/config/kiosk_config.h"
#include "kiosk/core/config/text_table.h"
#include "kiosk/core/records/insurance_record.h"

namespace kiosk {

devices::ReceiptDocument BuildInsuranceRecordReceipt(const InsuranceRecord& record,
                                                     const TextTable& texts,
                                                     const KioskConfig& config,
                                                     std::int64_t printed_unix_ms);

// "2026-11-23 14:05" in China Standard Time (UTC+8, no daylight saving).
std::string FormatChinaTime(std::int64_t unix_ms);

// "2026-11-23T06:00:00Z" (what central services send) as China time; the
// text unchanged when it is not in that form.
std::string IsoUtcToChinaTime(const std::string& iso_utc);

}  // namespace kiosk
