// The reference central service over real HTTP: health, the insurance
// record query and the JSON error shape of everything else.

#include <catch2/catch.hpp>
#include <string>

#include "tests/central/central_test_support.h"

namespace kiosk::central::testing {
namespace {

const std::string kZhangWeiSsn = "440304198803152711";
const std::string kZhangWeiCard = "A03419582";

int MonthIndex(const std::string& year_month) {
  return std::stoi(year_month.substr(0, 4)) * 12 + std::stoi(year_month.substr(5, 2)) - 1;
}

// Contribution rates in per mille that a 2019–2026 Guangdong record may
// show: {personal low, personal high, employer low, employer high}.
struct Rates {
  int personal_low, personal_high, employer_low, employer_high;
};
Rates RatesFor(const std::string& code) {
  if (code == "110") return {80, 80, 140, 160};  // 14 % before Guangdong reached 16 %.
  if (code == "310") return {20, 20, 50, 60};
  if (code == "210") return {2, 5, 5, 8};
  if (code == "410") return {0, 0, 1, 19};  // Employer only; by industry risk class.
  if (code == "510") return {0, 0, 3, 10};  // Employer only.
  FAIL("no rates for " << code);
  return {};
}

void CheckRealistic(const nlohmann::json& insurance) {
  INFO(insurance.dump());
  for (const char* key : {"code", "type", "status", "since", "employer"}) {
    REQUIRE(insurance[key].is_string());
  }
  REQUIRE(insurance["contribution_months"].is_number_integer());
  const auto& payment = insurance["last_payment"];
  REQUIRE(payment.is_object());
  for (const char* key : {"base_cents", "personal_cents", "employer_cents"}) {
    REQUIRE(payment[key].is_number_integer());
  }
  const std::string code = insurance["code"];
  const std::string status = insurance["status"];
  CHECK((status == "参保缴费" || status == "暂停缴费" || status == "终止参保"));
  CHECK(LooksLike(insurance["since"].get<std::string>(), "####-##"));
  CHECK(LooksLike(payment["period"].get<std::string>(), "####-##"));
  CHECK(LooksLike(payment["paid_on"].get<std::string>(), "####-##-##"));

  const long long base = payment["base_cents"];
  const long long personal = payment["personal_cents"];
  const long long employer = payment["employer_cents"];
  const int span = MonthIndex(payment["period"]) - MonthIndex(insurance["since"]);
  CHECK(span >= 0);
  if (code == "120" || code == "390") {
    // 城乡居民 schemes: a yearly contribution at a chosen grade, no employer.
    CHECK(insurance["employer"] == "");
    CHECK(employer == 0);
    CHECK(personal == base);
    CHECK(base >= 10000);
    CHECK(base <= 600000);
    CHECK(insurance["contribution_months"].get<int>() <= span + 12);
    return;
  }
  CHECK(insurance["employer"] != "");
  // Shenzhen 2026 bounds are 2,360 to 34,860 yuan a month; older records
  // elsewhere stay inside them too.
  CHECK(base >= 236000);
  CHECK(base <= 3486000);
  CHECK(insurance["contribution_months"].get<int>() <= span + 1);
  const Rates rates = RatesFor(code);
  // Amounts are rounded to the fen, hence the tolerance of one.
  CHECK(personal * 1000 >= rates.personal_low * base - 1000);
  CHECK(personal * 1000 <= rates.personal_high * base + 1000);
  CHECK(employer * 1000 >= rates.employer_low * base - 1000);
  CHECK(employer * 1000 <= rates.employer_high * base + 1000);
}

TEST_CASE("health answers ok with the service name and version", "[central]") {
  RunningCentral central;
  auto result = central.Client().Get("/v1/health");
  REQUIRE(result);
  CHECK(result->status == 200);
  CHECK(result->get_header_value("Content-Type").starts_with("application/json"));
  CHECK(BodyOf(result) ==
        nlohmann::json{{"status", "ok"}, {"service", "kiosk-central"}, {"version", "0.1.0"}});
}

TEST_CASE("a second server cannot take a port that is in use", "[central]") {
  RunningCentral central;
  CentralServer second(central.Directory(), central.Store(), RequestLog::kOff);
  auto port = second.Start("127.0.0.1", central.Port());
  REQUIRE_FALSE(port);
  CHECK(port.error().code == ErrorCode::kIo);
  CHECK_FALSE(second.IsRunning());
}

TEST_CASE("insurance_record answers the person's record in the region", "[central]") {
  RunningCentral central;
  auto result = central.Query("440300", QueryBody(kZhangWeiSsn, kZhangWeiCard));
  REQUIRE(result);
  REQUIRE(result->status == 200);
  const auto body = BodyOf(result);
  CHECK(body["region"] == "440300");
  CHECK(body["region_name"] == "深圳市");
  CHECK(LooksLike(body["as_of"].get<std::string>(), "####-##-##T##:##:##Z"));
  CHECK(body["citizen"] == nlohmann::json{{"name", "张伟"},
                                          {"ssn", kZhangWeiSsn},
                                          {"gender", "male"},
                                          {"birth_date", "1988-03-15"}});
  REQUIRE(body["insurances"].is_array());
  REQUIRE(body["insurances"].size() == 5);
  const auto& pension = body["insurances"][0];
  CHECK(pension["code"] == "110");
  CHECK(pension["type"] == "企业职工基本养老保险");
  CHECK(pension["status"] == "参保缴费");
  CHECK(pension["last_payment"]["base_cents"] == 1850000);
  CHECK(pension["last_payment"]["personal_cents"] == 148000);
  CHECK(pension["last_payment"]["employer_cents"] == 296000);
  for (const auto& insurance : body["insurances"]) CheckRealistic(insurance);
}

TEST_CASE("every seeded record is realistic as the API answers it", "[central]") {
  RunningCentral central;
  for (const Citizen& citizen : central.Directory().Citizens()) {
    for (const auto& [region, insurances] : citizen.records) {
      INFO(citizen.id << " in " << region);
      // A card reported lost identifies nobody: ask by ID card (no number).
      auto result =
          central.Query(region, QueryBody(citizen.ssn, citizen.card_reported_lost
                                                           ? std::nullopt
                                                           : std::optional(citizen.card_number)));
      REQUIRE(result);
      REQUIRE(result->status == 200);
      const auto body = BodyOf(result);
      CHECK(body["insurances"].size() == insurances.size());
      CHECK(body["insurances"].size() >= 2);
      CHECK(body["insurances"].size() <= 5);
      for (const auto& insurance : body["insurances"]) CheckRealistic(insurance);
    }
  }
}

TEST_CASE("insurance_record follows the region asked, not the person's home", "[central]") {
  RunningCentral central;
  // li-na moved from 中山 to 深圳: 中山 still answers her closed records.
  auto result = central.Query("442000", QueryBody("440305199211084461", "A21957764"));
  REQUIRE(result);
  REQUIRE(result->status == 200);
  const auto body = BodyOf(result);
  CHECK(body["region_name"] == "中山市");
  REQUIRE(body["insurances"].size() == 2);
  for (const auto& insurance : body["insurances"]) CHECK(insurance["status"] == "终止参保");

  // huang-xiuying is insured in 中山 only.
  result = central.Query("440300", QueryBody("44200019520903062X", "Z40826153"));
  REQUIRE(result);
  CHECK(result->status == 404);
  CHECK(ErrorCodeOf(result) == "citizen_not_found");
}

TEST_CASE("insurance_record without a card number still answers", "[central]") {
  RunningCentral central;
  auto result = central.Query("440300", QueryBody(kZhangWeiSsn, std::nullopt));
  REQUIRE(result);
  CHECK(result->status == 200);
}

TEST_CASE("insurance_record refuses people and regions it does not know", "[central]") {
  RunningCentral central;
  SECTION("a valid number that is nobody's") {
    auto result = central.Query("440300", QueryBody("440306199905120312", "A30928475"));
    REQUIRE(result);
    CHECK(result->status == 404);
    CHECK(ErrorCodeOf(result) == "citizen_not_found");
  }
  SECTION("an unknown region") {
    auto result = central.Query("110000", QueryBody(kZhangWeiSsn, kZhangWeiCard));
    REQUIRE(result);
    CHECK(result->status == 404);
    CHECK(ErrorCodeOf(result) == "unknown_region");
  }
  SECTION("an unknown query") {
    auto result = central.Query("440300", QueryBody(kZhangWeiSsn, kZhangWeiCard), "payment_list");
    REQUIRE(result);
    CHECK(result->status == 404);
    CHECK(ErrorCodeOf(result) == "unknown_query");
  }
}

TEST_CASE("insurance_record refuses a card that is not the one on record", "[central]") {
  RunningCentral central;
  SECTION("a card reported lost") {
    auto result = central.Query("440300", QueryBody("440307199602290281", "A11840327"));
    REQUIRE(result);
    CHECK(result->status == 403);
    CHECK(ErrorCodeOf(result) == "card_mismatch");
    CHECK(BodyOf(result)["error"]["message"].get<std::string>().find("lost") != std::string::npos);
  }
  SECTION("the card on record, reported lost (挂失) and not replaced") {
    auto result = central.Query("442000", QueryBody("442000199008210462", "Z52308617"));
    REQUIRE(result);
    CHECK(result->status == 403);
    CHECK(ErrorCodeOf(result) == "card_reported_lost");
    // The same person identified by ID card (no card number) is answered.
    auto by_id = central.Query("442000", QueryBody("442000199008210462", std::nullopt));
    REQUIRE(by_id);
    CHECK(by_id->status == 200);
  }
  SECTION("someone else's card") {
    auto result = central.Query("440300", QueryBody(kZhangWeiSsn, "A21957764"));
    REQUIRE(result);
    CHECK(result->status == 403);
    CHECK(ErrorCodeOf(result) == "card_mismatch");
  }
}

TEST_CASE("a phone code's token is resolved to its person, never trusted blindly", "[central]") {
  RunningCentral central;
  auto body = [](const std::string& method, const std::string& token) {
    return nlohmann::json{{"identity", {{"method", method}, {"token", token}}}}.dump();
  };
  SECTION("电子社保卡 and 医保电子凭证 of a known person") {
    auto essc = central.Query("440300", body("e_social_security_qr",
                                             "ESSC1:zw8Kq2LmN4pR7tV9xB3dF6hJ1kM5nP8qS2uW4yA7cE0g"));
    REQUIRE(essc);
    CHECK(essc->status == 200);
    CHECK(BodyOf(essc)["citizen"]["name"] == "张伟");
    auto nhsa = central.Query("440300", body("medical_insurance_qr",
                                             "NHSA1:zwT5vX8zA2cE4gH7jK9mN1pQ3sU6wY8bD0fG2hJ4kL6n"));
    REQUIRE(nhsa);
    CHECK(nhsa->status == 200);
  }
  SECTION("an unknown or expired code") {
    auto result = central.Query(
        "440300",
        body("e_social_security_qr", "ESSC1:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"));
    REQUIRE(result);
    CHECK(result->status == 404);
    CHECK(ErrorCodeOf(result) == "phone_code_unknown");
  }
  SECTION("a medical insurance code sent as an electronic social security card") {
    auto result = central.Query(
        "440300",
        body("e_social_security_qr", "NHSA1:zwT5vX8zA2cE4gH7jK9mN1pQ3sU6wY8bD0fG2hJ4kL6n"));
    REQUIRE(result);
    CHECK(result->status == 400);
    CHECK(ErrorCodeOf(result) == "invalid_request");
  }
}

TEST_CASE("insurance_record refuses malformed requests with invalid_request", "[central]") {
  RunningCentral central;
  const char* bodies[] = {
      "not json",
      "[]",
      "{}",
      R"({"identity":"440304198803152711"})",
      R"({"identity":{"ssn":"440304198803152711"}})",
      R"({"identity":{"method":"face","ssn":"440304198803152711"}})",
      R"({"identity":{"method":"social_security_card"}})",
      R"({"identity":{"method":"social_security_card","ssn":44030419880315271}})",
      R"({"identity":{"method":"social_security_card","ssn":"44030419880315271"}})",
      R"({"identity":{"method":"social_security_card","ssn":"4403041988031527111"}})",
      // 18 characters, but the check character is wrong.
      R"({"identity":{"method":"social_security_card","ssn":"440304198803152712"}})",
      R"({"identity":{"method":"social_security_card","ssn":"440304198803152711","card_number":"A0341958"}})",
      R"({"identity":{"method":"social_security_card","ssn":"440304198803152711","card_number":7}})",
  };
  for (const char* body : bodies) {
    INFO(body);
    auto result = central.Query("440300", body);
    REQUIRE(result);
    CHECK(result->status == 400);
    CHECK(ErrorCodeOf(result) == "invalid_request");
  }
}

TEST_CASE("anything unrouted is a JSON not_found", "[central]") {
  RunningCentral central;
  for (const char* path : {"/", "/v1", "/v1/regions/440300", "/v2/health", "/v1/health/x"}) {
    INFO(path);
    auto result = central.Client().Get(path);
    REQUIRE(result);
    CHECK(result->status == 404);
    CHECK(ErrorCodeOf(result) == "not_found");
  }
  // A known path with the wrong method.
  auto result = central.Client().Get("/v1/regions/440300/submissions");
  REQUIRE(result);
  CHECK(result->status == 404);
  CHECK(ErrorCodeOf(result) == "not_found");
  result = central.Client().Post("/v1/health", "{}", "application/json");
  REQUIRE(result);
  CHECK(result->status == 404);
  CHECK(ErrorCodeOf(result) == "not_found");
}

TEST_CASE("a body over the limit is refused in the JSON error shape", "[central]") {
  RunningCentral central;
  auto result = central.Query("440300", std::string(2 * 1024 * 1024, ' '));
  REQUIRE(result);
  CHECK(result->status == 413);
  CHECK(ErrorCodeOf(result) == "payload_too_large");
}

}  // namespace
}  // namespace kiosk::central::testing
