#include "central/query_api.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <variant>

#include "central/id_number.h"
#include "central/insurance_record.h"

namespace kiosk::central {
namespace {

using nlohmann::json;

// Whoever the kiosk identified: a person (ssn, and the card's number when a
// card was read) or an enterprise (credit code).
struct CardIdentity {
  std::string method;
  std::string ssn;
  std::optional<std::string> card_number;
  std::string credit_code;
  std::string phone_token;  // A phone code, resolved to the ssn before use.
};

bool IsPhoneCodeMethod(const std::string& method) {
  return method == "e_social_security_qr" || method == "medical_insurance_qr";
}

const char* const kPersonMethods[] = {"social_security_card", "id_card", "e_social_security_qr",
                                      "medical_insurance_qr"};

// Reads {"identity":{"method":"social_security_card","ssn":"...","card_number":"..."}}.
// The card number may be left out (a card whose chip was read only in
// part); when present it must match the card on record.
std::variant<CardIdentity, ApiResponse> ParseIdentity(const std::string& body) {
  const json request = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (request.is_discarded() || !request.is_object()) {
    return ErrorResponse(400, "invalid_request", "the body is not a JSON object");
  }
  auto identity = request.find("identity");
  if (identity == request.end() || !identity->is_object()) {
    return ErrorResponse(400, "invalid_request", "\"identity\" must be an object");
  }
  auto method = identity->find("method");
  if (method == identity->end() || !method->is_string()) {
    return ErrorResponse(400, "invalid_request", "\"identity.method\" must be a string");
  }
  CardIdentity parsed;
  parsed.method = method->get<std::string>();
  if (parsed.method == "business_license_qr") {
    auto code = identity->find("credit_code");
    if (code == identity->end() || !code->is_string() ||
        code->get_ref<const std::string&>().size() != 18) {
      return ErrorResponse(400, "invalid_request",
                           "\"identity.credit_code\" must be an 18-character string");
    }
    parsed.credit_code = code->get<std::string>();
    return parsed;
  }
  if (std::find(std::begin(kPersonMethods), std::end(kPersonMethods), parsed.method) ==
      std::end(kPersonMethods)) {
    return ErrorResponse(400, "invalid_request",
                         "\"identity.method\" is not a known identification method");
  }
  auto token = identity->find("token");
  if (IsPhoneCodeMethod(parsed.method) && token != identity->end() &&
      identity->find("ssn") == identity->end()) {
    const char* prefix = parsed.method == "e_social_security_qr" ? "ESSC" : "NHSA";
    if (!token->is_string() || !token->get_ref<const std::string&>().starts_with(prefix)) {
      return ErrorResponse(400, "invalid_request",
                           fmt::format("\"identity.token\" must be the text of a {} code", prefix));
    }
    parsed.phone_token = token->get<std::string>();
    return parsed;
  }
  auto ssn = identity->find("ssn");
  if (ssn == identity->end() || !ssn->is_string() ||
      ssn->get_ref<const std::string&>().size() != 18) {
    return ErrorResponse(400, "invalid_request", "\"identity.ssn\" must be an 18-character string");
  }
  parsed.ssn = ssn->get<std::string>();
  if (!IsValidIdNumber(parsed.ssn)) {
    return ErrorResponse(400, "invalid_request",
                         "\"identity.ssn\" is not 17 digits and a correct check character");
  }
  auto card_number = identity->find("card_number");
  if (card_number != identity->end()) {
    if (!card_number->is_string() || card_number->get_ref<const std::string&>().size() != 9) {
      return ErrorResponse(400, "invalid_request",
                           "\"identity.card_number\" must be a 9-character string");
    }
    parsed.card_number = card_number->get<std::string>();
  }
  return parsed;
}

// A card whose number is not the one on record: a lost (replaced) card is
// told apart, since the citizen then needs the counter, not a retry.
std::optional<ApiResponse> CheckCard(const Citizen& citizen, const CardIdentity& who) {
  if (!who.card_number) return std::nullopt;
  if (*who.card_number == citizen.card_number) {
    if (!citizen.card_reported_lost) return std::nullopt;
    return ErrorResponse(403, "card_reported_lost",
                         "the card was reported lost (挂失); identify by ID card or have the "
                         "report cancelled");
  }
  const bool lost = std::find(citizen.lost_card_numbers.begin(), citizen.lost_card_numbers.end(),
                              *who.card_number) != citizen.lost_card_numbers.end();
  return ErrorResponse(403, "card_mismatch",
                       lost ? "the card was reported lost and has been replaced"
                            : "the card number differs from the card on record");
}

ApiResponse HandleSeededQuery(const CitizenDirectory& directory, const QuerySeed& seed,
                              const std::string& region, const CardIdentity& who) {
  if (seed.key == "credit_code") {
    if (who.credit_code.empty()) {
      return ErrorResponse(400, "invalid_request",
                           fmt::format("query {} is about an enterprise: identify it by its "
                                       "business licence",
                                       seed.name));
    }
    auto found = seed.records.find(who.credit_code);
    if (found == seed.records.end()) {
      return ErrorResponse(
          404, "enterprise_not_found",
          fmt::format("no enterprise with that credit code for {} in {}", seed.name, region));
    }
    return JsonResponse(200, {{"query", seed.name}, {"region", region}, {"record", found->second}});
  }
  if (who.ssn.empty()) {
    return ErrorResponse(
        400, "invalid_request",
        fmt::format("query {} is about a person: identify by card or ID", seed.name));
  }
  if (const Citizen* citizen = directory.FindBySsn(who.ssn)) {
    if (auto mismatch = CheckCard(*citizen, who)) return std::move(*mismatch);
  }
  auto found = seed.records.find(who.ssn);
  if (found == seed.records.end()) {
    return ErrorResponse(
        404, "citizen_not_found",
        fmt::format("no record of that person for {} in region {}", seed.name, region));
  }
  return JsonResponse(200, {{"query", seed.name}, {"region", region}, {"record", found->second}});
}

}  // namespace

ApiResponse HandleQuery(const CitizenDirectory& directory, const std::string& region,
                        const std::string& query, const std::string& body, Clock::time_point now) {
  const std::optional<std::string> region_name = directory.RegionName(region);
  if (!region_name) {
    return ErrorResponse(404, "unknown_region", fmt::format("no region {} here", region));
  }
  const QuerySeed* seed = directory.Queries().Find(query);
  if (query != "insurance_record" && seed == nullptr) {
    return ErrorResponse(404, "unknown_query", fmt::format("no query named {}", query));
  }
  auto identity = ParseIdentity(body);
  if (auto* error = std::get_if<ApiResponse>(&identity)) return std::move(*error);
  CardIdentity& who = std::get<CardIdentity>(identity);
  if (!who.phone_token.empty()) {
    const Citizen* owner = directory.FindByPhoneToken(who.phone_token);
    if (owner == nullptr) {
      return ErrorResponse(404, "phone_code_unknown",
                           "the phone code is unknown or has expired: ask for a fresh one");
    }
    who.ssn = owner->ssn;
  }
  if (seed != nullptr) return HandleSeededQuery(directory, *seed, region, who);
  if (who.ssn.empty()) {
    return ErrorResponse(400, "invalid_request", "insurance_record is about a person");
  }

  const Citizen* citizen = directory.FindBySsn(who.ssn);
  const std::vector<Insurance>* insurances = nullptr;
  if (citizen != nullptr) {
    auto found = citizen->records.find(region);
    if (found != citizen->records.end()) insurances = &found->second;
  }
  if (insurances == nullptr) {
    // Messages never repeat personal data: they end up in logs.
    return ErrorResponse(404, "citizen_not_found",
                         fmt::format("no insured person with that ssn in region {}", region));
  }
  if (auto mismatch = CheckCard(*citizen, who)) return std::move(*mismatch);
  return JsonResponse(200, InsuranceRecordJson(region, *region_name, *citizen, *insurances, now));
}

}  // namespace kiosk::central
