#include "kiosk/core/validation/field_rule.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace kiosk::validation;
using nlohmann::json;

namespace {

FieldRule Parsed(const char* text) {
  auto rule = ParseFieldRule(json::parse(text));
  INFO(text << (rule ? std::string() : "\n" + rule.error().detail));
  REQUIRE(rule);
  return *rule;
}

std::vector<RuleProblem> ProblemsOf(const json& rule) {
  std::vector<RuleProblem> problems;
  auto parsed = ParseFieldRule(rule, &problems);
  CHECK_FALSE(parsed);
  return problems;
}

bool Has(const std::vector<RuleProblem>& problems, const std::string& field) {
  for (const auto& problem : problems) {
    if (problem.field == field) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("field rule: type names round-trip") {
  for (const char* name :
       {"id_number", "credit_code", "phone", "bank_card", "date", "money", "choice", "text"}) {
    auto type = FieldTypeFromString(name);
    REQUIRE(type);
    CHECK(std::string(ToString(*type)) == name);
  }
  CHECK_FALSE(FieldTypeFromString("email"));
}

TEST_CASE("field rule: every documented example parses") {
  CHECK(Parsed(R"({"type":"id_number"})").type == FieldType::kIdNumber);
  CHECK(Parsed(R"({"type":"credit_code"})").type == FieldType::kCreditCode);
  CHECK(Parsed(R"({"type":"phone","required":false})").required == false);
  CHECK(Parsed(R"({"type":"bank_card"})").required == true);

  FieldRule text = Parsed(R"({"type":"text","min_length":1,"max_length":50})");
  CHECK(text.type == FieldType::kText);
  CHECK(text.min_length == 1);
  CHECK(text.max_length == 50);

  FieldRule money = Parsed(R"({"type":"money","min_fen":0,"max_fen":10000000})");
  CHECK(money.min_fen == 0);
  CHECK(money.max_fen == 10000000);
  CHECK(Parsed(R"({"type":"money"})").max_fen == kMaxMoneyFen);

  FieldRule choice = Parsed(
      R"({"type":"choice","options":[{"id":"urban","zh":"城镇职工","en":"Urban employee"},
                                      {"id":"rural","zh":"城乡居民","en":"Resident"}]})");
  REQUIRE(choice.options.size() == 2);
  CHECK(choice.options[0].id == "urban");
  CHECK(choice.options[0].name_zh == "城镇职工");
  CHECK(choice.options[1].name_en == "Resident");

  FieldRule date = Parsed(
      R"({"type":"date","not_after_today":true,"min_date":"1900-01-01","max_date":"2099-12-31"})");
  CHECK(date.not_after_today);
  CHECK_FALSE(date.not_before_today);
  CHECK(date.min_date == Date{1900, 1, 1});
  CHECK(date.max_date == Date{2099, 12, 31});
}

TEST_CASE("field rule: the type must be present and known") {
  CHECK(Has(ProblemsOf(json::parse(R"({"max_length":5})")), "type"));
  CHECK(Has(ProblemsOf(json::parse(R"({"type":7})")), "type"));
  auto unknown = ProblemsOf(json::parse(R"({"type":"email"})"));
  REQUIRE(unknown.size() == 1);
  CHECK(unknown[0].message.find("id_number") != std::string::npos);  // Lists the known ones.
  auto not_object = ProblemsOf(json::array());
  REQUIRE(not_object.size() == 1);
  CHECK(not_object[0].field.empty());
}

TEST_CASE("field rule: bad parameters are each reported") {
  CHECK(Has(ProblemsOf(json::parse(R"({"type":"text","max_lenght":5})")), "max_lenght"));
  CHECK(Has(ProblemsOf(json::parse(R"({"type":"text","max_lenght":5})")), "max_length"));
  CHECK(Has(ProblemsOf(json::parse(R"({"type":"phone","max_length":5})")), "max_length"));
  CHECK(Has(ProblemsOf(json::parse(R"({"type":"text","max_length":0})")), "max_length"));
  CHECK(Has(ProblemsOf(json::parse(R"({"type":"text","max_length":"50"})")), "max_length"));
  CHECK(Has(ProblemsOf(json::parse(R"({"type":"text","max_length":5.5})")), "max_length"));
  CHECK(Has(ProblemsOf(json::parse(R"({"type":"text","min_length":6,"max_length":5})")),
            "min_length"));
  CHECK(Has(ProblemsOf(json::parse(R"({"type":"money","min_fen":-1})")), "min_fen"));
  CHECK(Has(ProblemsOf(json::parse(R"({"type":"money","max_fen":18446744073709551615})")),
            "max_fen"));
  CHECK(Has(ProblemsOf(json::parse(R"({"type":"money","min_fen":500,"max_fen":100})")), "min_fen"));
  CHECK(Has(ProblemsOf(json::parse(R"({"type":"date","min_date":"2024-02-30"})")), "min_date"));
  CHECK(Has(ProblemsOf(json::parse(R"({"type":"date","max_date":20240101})")), "max_date"));
  CHECK(Has(
      ProblemsOf(json::parse(R"({"type":"date","min_date":"2024-01-02","max_date":"2024-01-01"})")),
      "min_date"));
  CHECK(Has(ProblemsOf(json::parse(R"({"type":"date","not_after_today":"yes"})")),
            "not_after_today"));
  CHECK(Has(ProblemsOf(json::parse(R"({"type":"id_number","required":1})")), "required"));
}

TEST_CASE("field rule: choice options are checked one by one") {
  CHECK(Has(ProblemsOf(json::parse(R"({"type":"choice"})")), "options"));
  CHECK(Has(ProblemsOf(json::parse(R"({"type":"choice","options":[]})")), "options"));
  auto problems = ProblemsOf(json::parse(R"({"type":"choice","options":[
      {"id":"a","zh":"甲","en":"A"}, {"id":"a","zh":"乙","en":"B"},
      {"id":"c","en":"C"}, "d", {"id":"","zh":"戊","en":"E"}]})"));
  CHECK(Has(problems, "options[1].id"));
  CHECK(Has(problems, "options[2].zh"));
  CHECK(Has(problems, "options[3]"));
  CHECK(Has(problems, "options[4].id"));
  CHECK(problems.size() == 4);
}

TEST_CASE("field rule: all problems at once, in the error and appended to the list") {
  std::vector<RuleProblem> problems{{"earlier", "kept"}};
  auto rule = ParseFieldRule(
      json::parse(R"({"type":"text","min_length":-1,"colour":"red","required":"no"})"), &problems);
  REQUIRE_FALSE(rule);
  CHECK(rule.error().code == kiosk::ErrorCode::kInvalidData);
  CHECK(problems.size() == 5);  // earlier + required, colour, max_length, min_length.
  CHECK(problems[0].field == "earlier");
  CHECK(Has(problems, "colour"));
  CHECK(Has(problems, "min_length"));
  CHECK(Has(problems, "max_length"));
  CHECK(Has(problems, "required"));
  CHECK(rule.error().detail.find("colour: not a parameter of type text") != std::string::npos);
  CHECK(std::count(rule.error().detail.begin(), rule.error().detail.end(), '\n') == 3);
}
