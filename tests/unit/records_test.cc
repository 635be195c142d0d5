#include <catch2/catch.hpp>

#include "kiosk/core/records/insurance_record.h"
#include "kiosk/core/records/receipt_builder.h"
#include "tests/unit/session_harness.h"

using namespace kiosk;

TEST_CASE("insurance records parse, and bad ones are refused with the field") {
  auto record = ParseInsuranceRecord(testing::InsuranceAnswer());
  REQUIRE(record);
  CHECK(record->insurances[0].last_payment.personal_cents == 96000);
  CHECK_FALSE(record->insurances[1].has_last_payment);

  auto broken = testing::InsuranceAnswer();
  broken["insurances"][1]["contribution_months"] = "many";
  auto refused = ParseInsuranceRecord(broken);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().detail.find("insurances[1].contribution_months") != std::string::npos);
}

TEST_CASE("money, masking and China time") {
  CHECK(FormatYuan(0) == "0.00");
  CHECK(FormatYuan(96000) == "960.00");
  CHECK(FormatYuan(123456789) == "1,234,567.89");
  CHECK(FormatYuan(-5) == "-0.05");
  CHECK(MaskSsn("440304198805126717") == "440304********6717");
  CHECK(FormatChinaTime(0) == "1970-01-01 08:00");
  CHECK(IsoUtcToChinaTime("2026-11-23T16:21:23Z") == "2026-11-24 00:21");
  CHECK(IsoUtcToChinaTime("yesterday") == "yesterday");
}

TEST_CASE("the receipt masks the number and carries every insurance") {
  testing::SessionHarness h;
  auto record = ParseInsuranceRecord(testing::InsuranceAnswer());
  auto receipt = BuildInsuranceRecordReceipt(*record, h.texts, h.config, 0);
  bool masked = false;
  int insurance_lines = 0;
  for (const auto& element : receipt.elements) {
    if (auto* kv = std::get_if<devices::KeyValue>(&element)) {
      CHECK(kv->value.find("198805126717") == std::string::npos);
      if (kv->value == "440304********6717") masked = true;
    }
    if (auto* text = std::get_if<devices::Text>(&element)) {
      if (text->text.find("保险") != std::string::npos) ++insurance_lines;
    }
  }
  CHECK(masked);
  CHECK(insurance_lines == 2);
  CHECK(std::holds_alternative<devices::Cut>(receipt.elements.back()));
}
