#pragma once

// 参保基本信息: the answer of the "insurance_record" query, checked field by
// field, since a server (or a proxy in between) can send anything.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"

namespace kiosk {

struct InsurancePayment {
  std::string period;  // "YYYY-MM"
  std::int64_t base_cents = 0;
  std::int64_t personal_cents = 0;
  std::int64_t employer_cents = 0;
  std::string paid_on;
};

struct Insurance {
  std::string code;
  std::string type;    // 企业职工基本养老保险
  std::string status;  // 参保缴费 / 暂停缴费 / 终止参保
  std::string since;
  int contribution_months = 0;
  std::string employer;
  bool has_last_payment = false;
  InsurancePayment last_payment;
};

struct InsuranceRecord {
  std::string region;
  std::string region_name;
  std::string as_of;
  std::string name;
  std::string ssn;
  std::string gender;
  std::string birth_date;
  std::vector<Insurance> insurances;

  void Wipe();
};

Result<InsuranceRecord> ParseInsuranceRecord(const nlohmann::json& document);

// "1,234.56" from cents, for screens and receipts.
std::string FormatYuan(std::int64_t cents);
// "440304********1234": shows the region and the last four characters.
std::string MaskSsn(const std::string& ssn);

}  // namespace kiosk
