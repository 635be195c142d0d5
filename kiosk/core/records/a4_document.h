#pragma once

// A4 documents (参保证明, 缴费清单 …) as the core sees them: a template id
// from firmware_config/documents and the data that fills it. The core
// builds the data; the kiosk program renders it to PDF and prints it
// (kiosk/app/a4_document_printer.h), so the core links neither cairo nor
// CUPS.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "common/error.h"
#include "kiosk/core/config/kiosk_config.h"
#include "kiosk/core/flow/displayed_record.h"
#include "kiosk/core/records/flow_receipts.h"

namespace kiosk {

class A4DocumentPrinter {
 public:
  virtual ~A4DocumentPrinter();
  // Renders and prints the whole document, or fails with the reason
  // (the DocumentPrinter reasons: "queue_unknown", "job_aborted", …).
  virtual Result<void> PrintDocument(const std::string& template_id,
                                     const nlohmann::json& data) = 0;
};

// The data of the "query_result" document: what the screen showed, masked
// the same way. {"title", "item_name", "region_name", "printed_at",
// "kiosk_id", "data_source", "rows": [{"label", "value"}], "tables": [{"title",
// "headers": [...], "rows": [[...]]}]}.
nlohmann::json BuildQueryResultDocumentData(const DisplayedRecord& record,
                                            const ReceiptContext& context,
                                            const KioskConfig& config);

}  // namespace kiosk
