#include "central/seed_loader.h"

#include <fmt/format.h>

#include <cctype>
#include <fstream>
#include <limits>
#include <set>
#include <string_view>

#include "central/id_number.h"
#include "central/insurance_types.h"

namespace kiosk::central {
namespace {

using nlohmann::json;

std::unexpected<Error> Invalid(const std::string& where, std::string_view what) {
  return Fail(ErrorCode::kInvalidData, fmt::format("{}: {}", where, what));
}

Result<std::string> NonEmptyString(const json& object, const char* key, const std::string& where) {
  auto found = object.find(key);
  if (found == object.end() || !found->is_string() ||
      found->get_ref<const std::string&>().empty()) {
    return Invalid(where, fmt::format("\"{}\" must be a non-empty string", key));
  }
  return found->get<std::string>();
}

Result<std::int64_t> Count(const json& object, const char* key, const std::string& where) {
  auto found = object.find(key);
  if (found == object.end() || !found->is_number_integer() || found->get<std::int64_t>() < 0) {
    return Invalid(where, fmt::format("\"{}\" must be a non-negative integer", key));
  }
  return found->get<std::int64_t>();
}

bool DigitsAt(std::string_view text, std::size_t from, std::size_t count) {
  for (std::size_t i = from; i < from + count; ++i) {
    if (std::isdigit(static_cast<unsigned char>(text[i])) == 0) return false;
  }
  return true;
}

bool IsYearMonth(std::string_view text) {
  if (text.size() != 7 || text[4] != '-' || !DigitsAt(text, 0, 4) || !DigitsAt(text, 5, 2)) {
    return false;
  }
  const int month = (text[5] - '0') * 10 + (text[6] - '0');
  return month >= 1 && month <= 12;
}

bool IsDate(std::string_view text) {
  if (text.size() != 10 || !IsYearMonth(text.substr(0, 7)) || text[7] != '-' ||
      !DigitsAt(text, 8, 2)) {
    return false;
  }
  const int day = (text[8] - '0') * 10 + (text[9] - '0');
  return day >= 1 && day <= 31;
}

bool IsCardNumber(std::string_view text) {
  if (text.size() != 9) return false;
  for (char c : text) {
    if (std::isupper(static_cast<unsigned char>(c)) == 0 &&
        std::isdigit(static_cast<unsigned char>(c)) == 0) {
      return false;
    }
  }
  return true;
}

Result<Payment> ParsePayment(const json& object, const std::string& where) {
  if (!object.is_object()) return Invalid(where, "must be an object");
  Payment payment;
  auto period = NonEmptyString(object, "period", where);
  if (!period) return std::unexpected(period.error());
  if (!IsYearMonth(*period)) return Invalid(where, "\"period\" must be YYYY-MM");
  payment.period = *period;
  auto paid_on = NonEmptyString(object, "paid_on", where);
  if (!paid_on) return std::unexpected(paid_on.error());
  if (!IsDate(*paid_on)) return Invalid(where, "\"paid_on\" must be YYYY-MM-DD");
  payment.paid_on = *paid_on;
  std::int64_t* amounts[] = {&payment.base_cents, &payment.personal_cents, &payment.employer_cents};
  const char* names[] = {"base_cents", "personal_cents", "employer_cents"};
  for (int i = 0; i < 3; ++i) {
    auto amount = Count(object, names[i], where);
    if (!amount) return std::unexpected(amount.error());
    *amounts[i] = *amount;
  }
  return payment;
}

Result<Insurance> ParseInsurance(const json& object, const std::string& where) {
  if (!object.is_object()) return Invalid(where, "must be an object");
  Insurance insurance;
  auto code = NonEmptyString(object, "code", where);
  if (!code) return std::unexpected(code.error());
  auto known_name = InsuranceTypeName(*code);
  if (!known_name) return Invalid(where, fmt::format("unknown insurance code {}", *code));
  insurance.code = *code;
  // The name is in the file for people reading it; it must agree with the code.
  auto type = NonEmptyString(object, "type", where);
  if (!type) return std::unexpected(type.error());
  if (*type != *known_name) {
    return Invalid(where, fmt::format("code {} is {}, not {}", *code, *known_name, *type));
  }
  insurance.type = *type;
  auto status = NonEmptyString(object, "status", where);
  if (!status) return std::unexpected(status.error());
  if (!IsKnownInsuranceStatus(*status)) return Invalid(where, "unknown status " + *status);
  insurance.status = *status;
  auto since = NonEmptyString(object, "since", where);
  if (!since) return std::unexpected(since.error());
  if (!IsYearMonth(*since)) return Invalid(where, "\"since\" must be YYYY-MM");
  insurance.since = *since;
  auto months = Count(object, "contribution_months", where);
  if (!months) return std::unexpected(months.error());
  if (*months > std::numeric_limits<int>::max()) return Invalid(where, "too many months");
  insurance.contribution_months = static_cast<int>(*months);
  auto employer = object.find("employer");
  if (employer == object.end() || !employer->is_string()) {
    return Invalid(where, "\"employer\" must be a string (empty when there is none)");
  }
  insurance.employer = employer->get<std::string>();
  auto payment = ParsePayment(object.value("last_payment", json()), where + ".last_payment");
  if (!payment) return std::unexpected(payment.error());
  insurance.last_payment = std::move(*payment);
  return insurance;
}

Result<void> CheckIdentity(const Citizen& citizen, const std::string& where) {
  if (!IsValidIdNumber(citizen.ssn)) {
    return Invalid(where, "ssn is not 17 digits and a correct GB 11643 check character");
  }
  if (citizen.birth_date != IdBirthDate(citizen.ssn)) {
    return Invalid(where, "birth_date disagrees with the ssn");
  }
  if (citizen.gender != IdGender(citizen.ssn))
    return Invalid(where, "gender disagrees with the ssn");
  if (!IsCardNumber(citizen.card_number)) {
    return Invalid(where, "card_number must be 9 upper-case letters or digits");
  }
  for (const std::string& lost : citizen.lost_card_numbers) {
    if (!IsCardNumber(lost) || lost == citizen.card_number) {
      return Invalid(where, "lost_card_numbers must be card numbers other than card_number");
    }
  }
  return {};
}

Result<Citizen> ParseCitizen(const json& object, const std::map<std::string, std::string>& regions,
                             const std::string& where) {
  if (!object.is_object()) return Invalid(where, "must be an object");
  Citizen citizen;
  std::string* fields[] = {&citizen.id,     &citizen.name,       &citizen.ssn,
                           &citizen.gender, &citizen.birth_date, &citizen.card_number};
  const char* names[] = {"id", "name", "ssn", "gender", "birth_date", "card_number"};
  for (int i = 0; i < 6; ++i) {
    auto text = NonEmptyString(object, names[i], where);
    if (!text) return std::unexpected(text.error());
    *fields[i] = std::move(*text);
  }
  const json lost = object.value("lost_card_numbers", json::array());
  if (!lost.is_array()) return Invalid(where, "\"lost_card_numbers\" must be an array");
  for (const json& number : lost) {
    if (!number.is_string()) return Invalid(where, "\"lost_card_numbers\" must hold strings");
    citizen.lost_card_numbers.push_back(number.get<std::string>());
  }
  const json reported_lost = object.value("card_reported_lost", json(false));
  if (!reported_lost.is_boolean()) {
    return Invalid(where, "\"card_reported_lost\" must be true or false");
  }
  citizen.card_reported_lost = reported_lost.get<bool>();
  const json tokens = object.value("phone_tokens", json::array());
  if (!tokens.is_array()) return Invalid(where, "\"phone_tokens\" must be an array");
  for (const json& token : tokens) {
    if (!token.is_string() || token.get<std::string>().size() < 38) {
      return Invalid(where, "\"phone_tokens\" must hold phone code texts (\"ESSC1:…\")");
    }
    citizen.phone_tokens.push_back(token.get<std::string>());
  }
  if (auto checked = CheckIdentity(citizen, where); !checked)
    return std::unexpected(checked.error());

  const json records = object.value("records", json());
  if (!records.is_object() || records.empty()) {
    return Invalid(where, "\"records\" must map at least one region to its insurances");
  }
  for (const auto& [region, insurances] : records.items()) {
    const std::string region_where = where + ".records." + region;
    if (!regions.contains(region)) return Invalid(region_where, "region is not in \"regions\"");
    if (!insurances.is_array() || insurances.empty()) {
      return Invalid(region_where, "must be a non-empty array of insurances");
    }
    std::set<std::string> codes;
    for (std::size_t i = 0; i < insurances.size(); ++i) {
      auto insurance = ParseInsurance(insurances[i], fmt::format("{}[{}]", region_where, i));
      if (!insurance) return std::unexpected(insurance.error());
      if (!codes.insert(insurance->code).second) {
        return Invalid(region_where, "insurance code " + insurance->code + " appears twice");
      }
      citizen.records[region].push_back(std::move(*insurance));
    }
  }
  return citizen;
}

}  // namespace

Result<CitizenDirectory> ParseSeed(const json& document, const std::string& source) {
  if (!document.is_object() || document.value("format_version", json()) != json(1)) {
    return Invalid(source, "expected an object with \"format_version\": 1");
  }
  std::map<std::string, std::string> regions;
  const json region_names = document.value("regions", json());
  if (!region_names.is_object() || region_names.empty()) {
    return Invalid(source, "\"regions\" must map region codes to names");
  }
  for (const auto& [code, name] : region_names.items()) {
    if (code.size() != 6 || !DigitsAt(code, 0, 6) || !name.is_string()) {
      return Invalid(source, "\"regions\" must map 6-digit codes to names, not " + code);
    }
    regions.emplace(code, name.get<std::string>());
  }

  const json people = document.value("citizens", json());
  if (!people.is_array()) return Invalid(source, "\"citizens\" must be an array");
  std::vector<Citizen> citizens;
  std::set<std::string> ids;
  std::set<std::string> ssns;
  for (std::size_t i = 0; i < people.size(); ++i) {
    const std::string where = fmt::format("{}: citizens[{}]", source, i);
    auto citizen = ParseCitizen(people[i], regions, where);
    if (!citizen) return std::unexpected(citizen.error());
    if (!ids.insert(citizen->id).second) return Invalid(where, "duplicate id " + citizen->id);
    if (!ssns.insert(citizen->ssn).second) return Invalid(where, "duplicate ssn");
    citizens.push_back(std::move(*citizen));
  }
  return CitizenDirectory(std::move(regions), std::move(citizens));
}

Result<CitizenDirectory> LoadSeedFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kIo, "cannot open citizen seed file " + path);
  const json document = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return Invalid(path, "not valid JSON");
  return ParseSeed(document, path);
}

}  // namespace kiosk::central
