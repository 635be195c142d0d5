#include "drivers/id_card/id_number_check.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

namespace kiosk::devices {
namespace {

TEST_CASE("GB 11643 check characters") {
  CHECK(IdNumberCheckCharacter("11010519491231002") == 'X');  // The standard's example.
  CHECK(IdNumberCheckCharacter("44030419880315271") == '1');
  CHECK(IdNumberCheckCharacter("44200019520903062") == 'X');
  CHECK(IdNumberCheckCharacter("4403041988031527") == '\0');
  CHECK(IdNumberCheckCharacter("4403041988031527A") == '\0');
  CHECK(IsValidIdNumber("11010519491231002X"));
  CHECK_FALSE(IsValidIdNumber("11010519491231002x"));
  CHECK_FALSE(IsValidIdNumber("110105194912310021"));
  CHECK_FALSE(IsValidIdNumber("11010519491231002"));
  CHECK_FALSE(IsValidIdNumber(""));
}

TEST_CASE("every citizen of the central service has a valid number") {
  std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/central/data/citizens.json");
  REQUIRE(in);
  const auto citizens = nlohmann::json::parse(in)["citizens"];
  REQUIRE(citizens.size() >= 5);
  for (const auto& citizen : citizens) {
    INFO(citizen["id"].get<std::string>());
    CHECK(IsValidIdNumber(citizen["ssn"].get<std::string>()));
  }
}

}  // namespace
}  // namespace kiosk::devices
