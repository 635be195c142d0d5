#include "kiosk/core/records/receipt_builder.h"

#include <chrono>
#include <ctime>

namespace kiosk {

std::string FormatChinaTime(std::int64_t unix_ms) {
  // China has one time zone and no daylight saving; fixing +8 keeps the
  // receipt right even if the box's TZ was never configured.
  std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000) + 8 * 3600;
  std::tm parts{};
  gmtime_r(&seconds, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &parts);
  return text;
}

std::string IsoUtcToChinaTime(const std::string& iso_utc) {
  std::tm parts{};
  const char* end = strptime(iso_utc.c_str(), "%Y-%m-%dT%H:%M:%S", &parts);
  if (end == nullptr || (*end != 'Z' && *end != '.')) return iso_utc;
  return FormatChinaTime(static_cast<std::int64_t>(timegm(&parts)) * 1000);
}

devices::ReceiptDocument BuildInsuranceRecordReceipt(const InsuranceRecord& record,
                                                     const TextTable& texts,
                                                     const KioskConfig& config,
                                                     std::int64_t printed_unix_ms) {
  using namespace devices;
  ReceiptDocument receipt;
  auto& out = receipt.elements;
  out.push_back(Title{texts.Get("receipt.insurance_record.title")});
  out.push_back(
      Text{record.region_name.empty() ? record.region : record.region_name, Align::kCenter});
  out.push_back(Separator{'-'});
  out.push_back(KeyValue{texts.Get("record.name"), record.name});
  out.push_back(KeyValue{texts.Get("record.ssn"), MaskSsn(record.ssn)});
  for (const Insurance& insurance : record.insurances) {
    out.push_back(Separator{'-'});
    out.push_back(Text{insurance.type, Align::kLeft});
    out.push_back(KeyValue{texts.Get("record.status"), insurance.status});
    out.push_back(KeyValue{texts.Get("record.since"), insurance.since});
    out.push_back(
        KeyValue{texts.Get("record.months"),
                 texts.Format("record.months_value",
                              {{"months", std::to_string(insurance.contribution_months)}})});
    if (insurance.has_last_payment) {
      const InsurancePayment& payment = insurance.last_payment;
      out.push_back(KeyValue{texts.Get("record.last_payment"), payment.period});
      out.push_back(KeyValue{texts.Get("record.base"), FormatYuan(payment.base_cents)});
      out.push_back(KeyValue{texts.Get("record.personal"), FormatYuan(payment.personal_cents)});
      out.push_back(
          KeyValue{texts.Get("record.employer_part"), FormatYuan(payment.employer_cents)});
    }
  }
  out.push_back(Separator{'='});
  out.push_back(KeyValue{texts.Get("receipt.as_of"), IsoUtcToChinaTime(record.as_of)});
  out.push_back(KeyValue{texts.Get("receipt.printed_at"), FormatChinaTime(printed_unix_ms)});
  out.push_back(KeyValue{texts.Get("receipt.kiosk"), config.kiosk_id});
  out.push_back(Text{texts.Get("receipt.footer"), Align::kCenter});
  out.push_back(Feed{2});
  out.push_back(Cut{});
  return receipt;
}

}  // namespace kiosk
