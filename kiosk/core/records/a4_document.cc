#include "kiosk/core/records/a4_document.h"

#include "kiosk/core/records/receipt_builder.h"

namespace kiosk {

A4DocumentPrinter::~A4DocumentPrinter() = default;

nlohmann::json BuildQueryResultDocumentData(const DisplayedRecord& record,
                                            const ReceiptContext& context,
                                            const KioskConfig& config) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& [label, value] : record.rows)
    rows.push_back({{"label", label}, {"value", value}});
  nlohmann::json tables = nlohmann::json::array();
  for (const auto& table : record.tables) {
    tables.push_back({{"title", table.title}, {"headers", table.headers}, {"rows", table.rows}});
  }
  return {{"title", record.title.empty() ? context.item_name : record.title},
          {"item_name", context.item_name},
          {"region_name", context.region_name},
          {"printed_at", FormatChinaTime(context.printed_unix_ms)},
          {"kiosk_id", config.kiosk_id},
          {"data_source", context.data_source},
          {"rows", std::move(rows)},
          {"tables", std::move(tables)}};
}

}  // namespace kiosk
