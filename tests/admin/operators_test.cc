// The operator directory: the shipped example, and a precise refusal for
// every kind of mistake (which operator, which field).

#include "kiosk/core/admin/operators.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/admin/audit_test_support.h"
#include "tests/support/temp_dir.h"

namespace kiosk::testing {
namespace {

using nlohmann::json;

json Pin() {
  return {{"salt", std::string(32, 'a')}, {"iterations", 1000}, {"hash", std::string(64, 'b')}};
}

json GoodDirectory() {
  return {{"format_version", 1},
          {"policy",
           {{"pin_only_allowed", true},
            {"max_failures", 3},
            {"lockout_s", 60},
            {"session_timeout_s", 30}}},
          {"operators",
           {{{"id", "op001"},
             {"name", "值班员"},
             {"role", "operator"},
             {"card_number", "CARD-0001"},
             {"pin", Pin()}},
            {{"id", "adm001"}, {"name", "管理员"}, {"role", "administrator"}, {"pin", Pin()}}}}};
}

Result<admin::OperatorDirectory> Load(const TempDir& dir, const json& document) {
  WriteText(dir.File("operators.json"), document.dump());
  return admin::LoadOperators(dir.File("operators.json"));
}

// The error's detail, which must name `where` and `what`.
void CheckRefused(const Result<admin::OperatorDirectory>& loaded, const std::string& where,
                  const std::string& what) {
  REQUIRE_FALSE(loaded);
  INFO(loaded.error().detail);
  CHECK(loaded.error().code == ErrorCode::kInvalidData);
  CHECK(loaded.error().detail.find(where) != std::string::npos);
  CHECK(loaded.error().detail.find(what) != std::string::npos);
}

TEST_CASE("The shipped operator directory loads and its example PINs match", "[admin][operators]") {
  const std::string path = admin::OperatorsPath(KIOSK_CONFIG_DIR);
  auto directory = admin::LoadOperators(path);
  INFO((directory ? "" : directory.error().Describe()));
  REQUIRE(directory);
  REQUIRE(directory->operators.size() == 2);
  const auto* op = directory->FindById("1001");
  const auto* adm = directory->FindById("9001");
  REQUIRE(op != nullptr);
  REQUIRE(adm != nullptr);
  CHECK(op->role == admin::Role::kOperator);
  CHECK(adm->role == admin::Role::kAdministrator);
  CHECK(directory->FindByCard(op->card_number) == op);
  // The development credentials of docs/ARCHITECTURE.md.
  CHECK(admin::PinMatches(op->pin, "246810"));
  CHECK(admin::PinMatches(adm->pin, "135790"));
  CHECK_FALSE(directory->policy.pin_only_allowed);
  CHECK(directory->policy.max_failures == 5);
}

TEST_CASE("A directory with every field loads", "[admin][operators]") {
  TempDir dir("admin-operators");
  auto directory = Load(dir, GoodDirectory());
  REQUIRE(directory);
  CHECK(directory->policy.pin_only_allowed);
  CHECK(directory->policy.max_failures == 3);
  CHECK(directory->policy.lockout == std::chrono::seconds(60));
  CHECK(directory->policy.session_timeout == std::chrono::seconds(30));
  const auto* adm = directory->FindById("adm001");
  REQUIRE(adm != nullptr);
  CHECK(adm->card_number.empty());
  CHECK(adm->name == "管理员");
  CHECK(adm->pin.iterations == 1000);
  CHECK(directory->FindByCard("") == nullptr);  // No card is no match.
  CHECK(directory->FindByCard("CARD-0001")->id == "op001");
  CHECK(directory->FindById("op002") == nullptr);
}

TEST_CASE("Operator directory refusals name the operator and field", "[admin][operators]") {
  TempDir dir("admin-operators");
  json document = GoodDirectory();

  SECTION("missing file") {
    auto loaded = admin::LoadOperators(dir.File("none.json"));
    REQUIRE_FALSE(loaded);
    CHECK(loaded.error().code == ErrorCode::kIo);
  }
  SECTION("not JSON") {
    WriteText(dir.File("operators.json"), "{\"operators\": [");
    CheckRefused(admin::LoadOperators(dir.File("operators.json")), "operators.json",
                 "not valid JSON");
  }
  SECTION("wrong format version") {
    document["format_version"] = 2;
    CheckRefused(Load(dir, document), "operators.json", "format_version");
  }
  SECTION("unknown top-level key") {
    document["operator"] = json::array();
    CheckRefused(Load(dir, document), "unknown key \"operator\"", "expected");
  }
  SECTION("no operators") {
    document["operators"] = json::array();
    CheckRefused(Load(dir, document), "operators.json", "\"operators\" must be a non-empty array");
  }
  SECTION("operator without id") {
    document["operators"][1].erase("id");
    CheckRefused(Load(dir, document), "operators[1]", "\"id\" is required");
  }
  SECTION("operator without pin") {
    document["operators"][1].erase("pin");
    CheckRefused(Load(dir, document), "operators[1] (\"adm001\")", "\"pin\" is required");
  }
  SECTION("unknown role") {
    document["operators"][0]["role"] = "root";
    CheckRefused(Load(dir, document), "operators[0] (\"op001\")", "\"role\"");
  }
  SECTION("misspelt operator key") {
    document["operators"][0]["card"] = "X";
    CheckRefused(Load(dir, document), "operators[0] (\"op001\")", "unknown key \"card\"");
  }
  SECTION("empty card number") {
    document["operators"][0]["card_number"] = "";
    CheckRefused(Load(dir, document), "operators[0] (\"op001\")", "\"card_number\"");
  }
  SECTION("duplicate id") {
    document["operators"][1]["id"] = "op001";
    CheckRefused(Load(dir, document), "operators[1]", "duplicate id \"op001\"");
  }
  SECTION("duplicate card, not repeated in the message") {
    document["operators"][1]["card_number"] = "CARD-0001";
    auto loaded = Load(dir, document);
    CheckRefused(loaded, "operators[1] (\"adm001\")", "another operator's card");
    CHECK(loaded.error().detail.find("CARD-0001") == std::string::npos);
  }
  SECTION("short salt") {
    document["operators"][0]["pin"]["salt"] = "abcd";
    CheckRefused(Load(dir, document), "operators[0] (\"op001\").pin", "\"salt\"");
  }
  SECTION("uppercase hash") {
    document["operators"][0]["pin"]["hash"] = std::string(64, 'B');
    CheckRefused(Load(dir, document), "operators[0] (\"op001\").pin", "\"hash\"");
  }
  SECTION("too few iterations") {
    document["operators"][1]["pin"]["iterations"] = 10;
    CheckRefused(Load(dir, document), "operators[1] (\"adm001\").pin", "\"iterations\"");
  }
  SECTION("no iterations") {
    document["operators"][1]["pin"].erase("iterations");
    CheckRefused(Load(dir, document), "operators[1] (\"adm001\").pin",
                 "\"iterations\" is required");
  }
  SECTION("policy out of range") {
    document["policy"]["max_failures"] = 0;
    CheckRefused(Load(dir, document), "policy", "\"max_failures\" must be an integer from 1");
  }
  SECTION("policy flag of the wrong type") {
    document["policy"]["pin_only_allowed"] = "yes";
    CheckRefused(Load(dir, document), "policy", "\"pin_only_allowed\"");
  }
}

}  // namespace
}  // namespace kiosk::testing
