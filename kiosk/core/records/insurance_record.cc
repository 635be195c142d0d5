#include "kiosk/core/records/insurance_record.h"

#include "common/secure_wipe.h"

namespace kiosk {
namespace {

using nlohmann::json;

class Reader {
 public:
  std::string String(const json& object, const char* field, const std::string& path,
                     bool required = true) {
    if (object.contains(field) && object[field].is_string()) return object[field];
    if (required) Missing(path + field, "a string");
    return {};
  }
  std::int64_t Integer(const json& object, const char* field, const std::string& path) {
    if (object.contains(field) && object[field].is_number_integer()) {
      return object[field].get<std::int64_t>();
    }
    Missing(path + field, "an integer");
    return 0;
  }
  void Missing(const std::string& field, const char* what) {
    if (first_problem_.empty()) first_problem_ = field + " is not " + what;
  }
  const std::string& Problem() const { return first_problem_; }

 private:
  std::string first_problem_;
};

}  // namespace

void InsuranceRecord::Wipe() {
  for (std::string* field : {&region, &region_name, &as_of, &name, &ssn, &gender, &birth_date}) {
    SecureWipe(*field);
  }
  for (auto& insurance : insurances) {
    SecureWipe(insurance.employer);
    insurance.contribution_months = 0;
  }
  insurances.clear();
}

Result<InsuranceRecord> ParseInsuranceRecord(const json& document) {
  Reader reader;
  InsuranceRecord record;
  record.region = reader.String(document, "region", "");
  record.region_name = reader.String(document, "region_name", "", false);
  record.as_of = reader.String(document, "as_of", "");
  if (!document.contains("citizen") || !document["citizen"].is_object()) {
    return Fail(ErrorCode::kInvalidData, "insurance_record: citizen is missing");
  }
  const json& citizen = document["citizen"];
  record.name = reader.String(citizen, "name", "citizen.");
  record.ssn = reader.String(citizen, "ssn", "citizen.");
  record.gender = reader.String(citizen, "gender", "citizen.", false);
  record.birth_date = reader.String(citizen, "birth_date", "citizen.", false);
  if (!document.contains("insurances") || !document["insurances"].is_array()) {
    return Fail(ErrorCode::kInvalidData, "insurance_record: insurances is not an array");
  }
  for (std::size_t i = 0; i < document["insurances"].size(); ++i) {
    const json& entry = document["insurances"][i];
    const std::string path = "insurances[" + std::to_string(i) + "].";
    Insurance insurance;
    insurance.code = reader.String(entry, "code", path);
    insurance.type = reader.String(entry, "type", path);
    insurance.status = reader.String(entry, "status", path);
    insurance.since = reader.String(entry, "since", path);
    insurance.contribution_months = static_cast<int>(reader.Integer(entry, "contribution_months", path));
    insurance.employer = reader.String(entry, "employer", path, false);
    if (entry.contains("last_payment") && entry["last_payment"].is_object()) {
      const json& payment = entry["last_payment"];
      const std::string payment_path = path + "last_payment.";
      insurance.has_last_payment = true;
      insurance.last_payment.period = reader.String(payment, "period", payment_path);
      insurance.last_payment.base_cents = reader.Integer(payment, "base_cents", payment_path);
      insurance.last_payment.personal_cents = reader.Integer(payment, "personal_cents", payment_path);
      insurance.last_payment.employer_cents = reader.Integer(payment, "employer_cents", payment_path);
      insurance.last_payment.paid_on = reader.String(payment, "paid_on", payment_path);
    }
    record.insurances.push_back(std::move(insurance));
  }
  if (!reader.Problem().empty()) {
    return Fail(ErrorCode::kInvalidData, "insurance_record: " + reader.Problem());
  }
  return record;
}

std::string FormatYuan(std::int64_t cents) {
  bool negative = cents < 0;
  std::uint64_t magnitude = negative ? static_cast<std::uint64_t>(-(cents + 1)) + 1
                                     : static_cast<std::uint64_t>(cents);
  std::string whole = std::to_string(magnitude / 100);
  for (int at = static_cast<int>(whole.size()) - 3; at > 0; at -= 3) whole.insert(at, ",");
  unsigned fraction = static_cast<unsigned>(magnitude % 100);
  return (negative ? "-" : "") + whole + "." + (fraction < 10 ? "0" : "") +
         std::to_string(fraction);
}

std::string MaskSsn(const std::string& ssn) {
  if (ssn.size() < 10) return std::string(ssn.size(), '*');
  return ssn.substr(0, 6) + std::string(ssn.size() - 10, '*') + ssn.substr(ssn.size() - 4);
}

}  // namespace kiosk
