#include "central/insurance_record.h"

namespace kiosk::central {
namespace {

nlohmann::json PaymentJson(const Payment& payment) {
  return {{"period", payment.period},
          {"base_cents", payment.base_cents},
          {"personal_cents", payment.personal_cents},
          {"employer_cents", payment.employer_cents},
          {"paid_on", payment.paid_on}};
}

nlohmann::json InsuranceJson(const Insurance& insurance) {
  return {{"code", insurance.code},
          {"type", insurance.type},
          {"status", insurance.status},
          {"since", insurance.since},
          {"contribution_months", insurance.contribution_months},
          {"employer", insurance.employer},
          {"last_payment", PaymentJson(insurance.last_payment)}};
}

}  // namespace

nlohmann::json InsuranceRecordJson(const std::string& region, const std::string& region_name,
                                   const Citizen& citizen, const std::vector<Insurance>& insurances,
                                   Clock::time_point now) {
  nlohmann::json list = nlohmann::json::array();
  for (const Insurance& insurance : insurances) list.push_back(InsuranceJson(insurance));
  return {{"region", region},
          {"region_name", region_name},
          {"as_of", IsoUtc(now)},
          {"citizen",
           {{"name", citizen.name},
            {"ssn", citizen.ssn},
            {"gender", citizen.gender},
            {"birth_date", citizen.birth_date}}},
          {"insurances", std::move(list)}};
}

}  // namespace kiosk::central
