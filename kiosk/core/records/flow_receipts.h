#pragma once

// Receipts for the generic templates of the catalog: a query's displayed
// answer (query_result) and a submission's acceptance (submission_receipt).
// Both print what the screen showed, masked the same way.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "drivers/printer/receipt_document.h"
#include "kiosk/core/config/kiosk_config.h"
#include "kiosk/core/config/text_table.h"
#include "kiosk/core/flow/displayed_record.h"

namespace kiosk {

struct ReceiptContext {
  std::string item_name;
  std::string region_name;
  std::int64_t printed_unix_ms = 0;
  // Where a query's answer came from: the live service, or the record kept
  // on this kiosk (with its time and age) — printed on A4 documents.
  std::string data_source;
};

devices::ReceiptDocument BuildQueryResultReceipt(const DisplayedRecord& record,
                                                 const ReceiptContext& context,
                                                 const TextTable& texts, const KioskConfig& config);

// Puts `note` (a record kept from an earlier query, and its age) right
// under the receipt's title, where it is read first.
void AddCachedRecordNote(devices::ReceiptDocument& receipt, const std::string& note);

devices::ReceiptDocument BuildSubmissionReceipt(
    const std::string& acceptance_number,
    const std::vector<std::pair<std::string, std::string>>& rows, const ReceiptContext& context,
    const TextTable& texts, const KioskConfig& config);

}  // namespace kiosk
