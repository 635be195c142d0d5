// The seed citizens and the simulated 社保卡 file agree with each other and
// with the rules of the identity number (GB 11643-1999).

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>

#include "central/id_number.h"
#include "central/seed_loader.h"
#include "tests/central/central_test_support.h"

namespace kiosk::central::testing {
namespace {

using nlohmann::json;

// Recomputed here from the standard rather than through IdCheckCharacter,
// so a mistake in either shows.
char ReferenceCheckCharacter(const std::string& id) {
  int sum = 0;
  for (int i = 0; i < 17; ++i) {
    int weight = 1;
    for (int k = 0; k < 17 - i; ++k) weight = weight * 2 % 11;  // 2^(17-i) mod 11
    sum += (id[static_cast<std::size_t>(i)] - '0') * weight;
  }
  const int value = (12 - sum % 11) % 11;
  return value == 10 ? 'X' : static_cast<char>('0' + value);
}

CitizenDirectory LoadDirectory() {
  auto directory = CitizenDirectory::Load(SeedPath());
  INFO((directory ? "" : directory.error().Describe()));
  REQUIRE(directory);
  return std::move(*directory);
}

std::map<std::string, json> LoadCards() {
  const json document = LoadJsonFile(SimCardsPath());
  REQUIRE(document["format_version"] == 1);
  std::map<std::string, json> cards;
  for (const json& card : document["cards"]) {
    REQUIRE(cards.emplace(card["id"].get<std::string>(), card).second);
  }
  return cards;
}

TEST_CASE("the identity check character follows GB 11643-1999", "[central]") {
  // The examples printed in the standard.
  CHECK(IsValidIdNumber("11010519491231002X"));
  CHECK(IsValidIdNumber("440524188001010014"));
  CHECK_FALSE(IsValidIdNumber("110105194912310021"));
  CHECK_FALSE(IsValidIdNumber("11010519491231002x"));
  CHECK_FALSE(IsValidIdNumber("11010519491231002"));
  CHECK_FALSE(IsValidIdNumber("1101051949123100AX"));
  CHECK(IdBirthDate("11010519491231002X") == "1949-12-31");
  CHECK(IdGender("11010519491231002X") == "female");
  CHECK(IdGender("440524188001010014") == "male");
}

TEST_CASE("seed citizens have consistent, valid identity numbers", "[central]") {
  const CitizenDirectory directory = LoadDirectory();
  REQUIRE(directory.Regions() ==
          std::map<std::string, std::string>{{"440300", "深圳市"}, {"442000", "中山市"}});
  REQUIRE(directory.Citizens().size() == 8);
  for (const Citizen& citizen : directory.Citizens()) {
    INFO(citizen.id);
    REQUIRE(citizen.ssn.size() == 18);
    CHECK(citizen.ssn[17] == ReferenceCheckCharacter(citizen.ssn));
    CHECK(IsValidIdNumber(citizen.ssn));
    CHECK(citizen.ssn.substr(6, 4) + "-" + citizen.ssn.substr(10, 2) + "-" +
              citizen.ssn.substr(12, 2) ==
          citizen.birth_date);
    CHECK(((citizen.ssn[16] - '0') % 2 == 1 ? "male" : "female") == citizen.gender);
    CHECK(citizen.card_number.size() == 9);
    // The number's city (first four digits) is one the person is insured in.
    bool city_matches = false;
    for (const auto& [region, insurances] : citizen.records) {
      city_matches = city_matches || citizen.ssn.substr(0, 4) == region.substr(0, 4);
    }
    CHECK(city_matches);
    for (const auto& [region, insurances] : citizen.records) {
      CHECK(insurances.size() >= 2);
      CHECK(insurances.size() <= 5);
    }
  }
}

TEST_CASE("the seed covers the cases the kiosk's scripts need", "[central]") {
  const CitizenDirectory directory = LoadDirectory();
  bool suspended = false;
  bool elderly_resident = false;
  bool zhongshan_only = false;
  for (const Citizen& citizen : directory.Citizens()) {
    bool resident_schemes_only = true;
    for (const auto& [region, insurances] : citizen.records) {
      for (const Insurance& insurance : insurances) {
        suspended = suspended || insurance.status == "暂停缴费";
        resident_schemes_only =
            resident_schemes_only && (insurance.code == "120" || insurance.code == "390");
      }
    }
    const int birth_year = std::stoi(citizen.birth_date.substr(0, 4));
    elderly_resident = elderly_resident || (resident_schemes_only && birth_year <= 1960);
    zhongshan_only =
        zhongshan_only || (citizen.records.size() == 1 && citizen.records.contains("442000"));
  }
  CHECK(suspended);
  CHECK(elderly_resident);
  CHECK(zhongshan_only);
}

TEST_CASE("the seed loader refuses inconsistent people", "[central]") {
  json document = LoadJsonFile(SeedPath());
  REQUIRE(ParseSeed(document, "seed"));
  SECTION("a wrong check character") { document["citizens"][0]["ssn"] = "440304198803152712"; }
  SECTION("a birth date other than the number's") {
    document["citizens"][0]["birth_date"] = "1988-03-16";
  }
  SECTION("a gender other than the number's") { document["citizens"][0]["gender"] = "female"; }
  SECTION("an insurance name that does not match its code") {
    document["citizens"][0]["records"]["440300"][0]["type"] = "失业保险";
  }
  SECTION("a region that is not listed") {
    document["citizens"][0]["records"]["110000"] = document["citizens"][0]["records"]["440300"];
  }
  SECTION("an unknown status") {
    document["citizens"][0]["records"]["440300"][0]["status"] = "正常";
  }
  auto parsed = ParseSeed(document, "seed");
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error().code == ErrorCode::kInvalidData);
  CHECK(parsed.error().detail.starts_with("seed: citizens[0]"));
}

TEST_CASE("each seed citizen has a simulated card that matches the record", "[central]") {
  const CitizenDirectory directory = LoadDirectory();
  const auto cards = LoadCards();
  for (const Citizen& citizen : directory.Citizens()) {
    INFO(citizen.id);
    REQUIRE(cards.contains(citizen.id));
    const json& card = cards.at(citizen.id);
    CHECK(card["ssn"] == citizen.ssn);
    CHECK(card["card_number"] == citizen.card_number);
    CHECK(card["name"] == citizen.name);
    CHECK(card["gender"] == citizen.gender);
    CHECK(card["birth_date"] == citizen.birth_date);
    // The card was issued by a region where the person is insured.
    CHECK(citizen.records.contains(card["card_identifier"].get<std::string>().substr(0, 6)));
  }
}

TEST_CASE("simulated cards are well-formed", "[central]") {
  for (const auto& [id, card] : LoadCards()) {
    INFO(id);
    for (const char* field :
         {"card_identifier", "card_type", "spec_version", "issuing_institution", "issue_date",
          "expiry_date", "card_number", "ssn", "name", "gender", "nation", "birth_date"}) {
      REQUIRE(card[field].is_string());
    }
    const std::string ssn = card["ssn"];
    CHECK(card["card_identifier"].get<std::string>().size() == 16);
    CHECK(card["issuing_institution"].get<std::string>().size() == 12);
    CHECK(card["card_number"].get<std::string>().size() == 9);
    CHECK(card["spec_version"] == "3.00");
    CHECK(IsValidIdNumber(ssn));
    CHECK(IdBirthDate(ssn) == card["birth_date"]);
    CHECK(IdGender(ssn) == card["gender"]);
    CHECK(card["issue_date"].get<std::string>() < card["expiry_date"].get<std::string>());
  }
}

TEST_CASE("the unknown-person and lost-card cards fail as their names say", "[central]") {
  const CitizenDirectory directory = LoadDirectory();
  const auto cards = LoadCards();
  REQUIRE(cards.contains("unknown-person"));
  REQUIRE(cards.contains("lost-card"));

  const std::string stranger = cards.at("unknown-person")["ssn"];
  CHECK(IsValidIdNumber(stranger));
  CHECK(directory.FindBySsn(stranger) == nullptr);

  const json& lost = cards.at("lost-card");
  const Citizen* owner = directory.FindBySsn(lost["ssn"]);
  REQUIRE(owner != nullptr);
  CHECK(lost["card_number"] != owner->card_number);
  CHECK(std::find(owner->lost_card_numbers.begin(), owner->lost_card_numbers.end(),
                  lost["card_number"].get<std::string>()) != owner->lost_card_numbers.end());
}

TEST_CASE("every simulated card gets the answer its script expects", "[central]") {
  RunningCentral central;
  for (const auto& [id, card] : LoadCards()) {
    INFO(id);
    const std::string region = card["card_identifier"].get<std::string>().substr(0, 6);
    auto result = central.Query(region, QueryBody(card["ssn"], card["card_number"]));
    REQUIRE(result);
    // The staff's cards open admin mode (operators.json); they are not
    // among the central service's seeded citizens.
    if (id == "unknown-person" || id.starts_with("staff-")) {
      CHECK(result->status == 404);
      CHECK(ErrorCodeOf(result) == "citizen_not_found");
    } else if (id == "lost-card") {
      CHECK(result->status == 403);
      CHECK(ErrorCodeOf(result) == "card_mismatch");
    } else if (id == "wu-ting") {  // 挂失, not replaced.
      CHECK(result->status == 403);
      CHECK(ErrorCodeOf(result) == "card_reported_lost");
    } else {
      CHECK(result->status == 200);
    }
  }
}

}  // namespace
}  // namespace kiosk::central::testing
