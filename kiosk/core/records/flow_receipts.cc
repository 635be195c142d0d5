#include "kiosk/core/records/flow_receipts.h"

#include <algorithm>

#include "kiosk/core/records/receipt_builder.h"

namespace kiosk {
namespace {

using namespace devices;

void AppendFooter(std::vector<ReceiptElement>& out, const ReceiptContext& context,
                  const TextTable& texts, const KioskConfig& config) {
  out.push_back(Separator{'='});
  out.push_back(
      KeyValue{texts.Get("receipt.printed_at"), FormatChinaTime(context.printed_unix_ms)});
  out.push_back(KeyValue{texts.Get("receipt.kiosk"), config.kiosk_id});
  out.push_back(Text{texts.Get("receipt.footer"), Align::kCenter});
  out.push_back(Feed{2});
  out.push_back(Cut{});
}

}  // namespace

ReceiptDocument BuildQueryResultReceipt(const DisplayedRecord& record,
                                        const ReceiptContext& context, const TextTable& texts,
                                        const KioskConfig& config) {
  ReceiptDocument receipt;
  auto& out = receipt.elements;
  out.push_back(Title{record.title.empty() ? context.item_name : record.title});
  out.push_back(Text{context.region_name, Align::kCenter});
  out.push_back(Separator{'-'});
  for (const auto& [label, value] : record.rows) out.push_back(KeyValue{label, value});
  for (const auto& table : record.tables) {
    out.push_back(Separator{'-'});
    out.push_back(Text{table.title, Align::kLeft});
    if (table.rows.empty()) out.push_back(Text{texts.Get("result.table_empty"), Align::kLeft});
    // A receipt is too narrow for columns: each row becomes a small block.
    for (const auto& row : table.rows) {
      for (std::size_t i = 0; i < row.size() && i < table.headers.size(); ++i) {
        out.push_back(KeyValue{table.headers[i], row[i]});
      }
      out.push_back(Separator{'.'});
    }
  }
  AppendFooter(out, context, texts, config);
  return receipt;
}

void AddCachedRecordNote(ReceiptDocument& receipt, const std::string& note) {
  auto& elements = receipt.elements;
  auto title = std::find_if(elements.begin(), elements.end(), [](const ReceiptElement& element) {
    return std::holds_alternative<Title>(element);
  });
  const auto at = title == elements.end() ? elements.begin() : title + 1;
  elements.insert(at, Text{note, Align::kLeft});
}

ReceiptDocument BuildSubmissionReceipt(const std::string& acceptance_number,
                                       const std::vector<std::pair<std::string, std::string>>& rows,
                                       const ReceiptContext& context, const TextTable& texts,
                                       const KioskConfig& config) {
  ReceiptDocument receipt;
  auto& out = receipt.elements;
  out.push_back(Title{texts.Get("receipt.submission.title")});
  out.push_back(Text{context.item_name, Align::kCenter});
  out.push_back(Separator{'-'});
  out.push_back(KeyValue{texts.Get("receipt.submission.number"), acceptance_number});
  out.push_back(KeyValue{texts.Get("receipt.submission.region"), context.region_name});
  for (const auto& [label, value] : rows) out.push_back(KeyValue{label, value});
  out.push_back(Separator{'-'});
  out.push_back(Text{texts.Get("receipt.submission.note"), Align::kLeft});
  out.push_back(QrCode{acceptance_number, 6});
  AppendFooter(out, context, texts, config);
  return receipt;
}

}  // namespace kiosk
