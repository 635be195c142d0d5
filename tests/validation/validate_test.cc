#include "kiosk/core/validation/validate.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace kiosk::validation;

namespace {

const Date kToday{2024, 6, 15};

FieldRule Rule(const char* text) {
  auto rule = ParseFieldRule(nlohmann::json::parse(text));
  REQUIRE(rule);
  return *rule;
}

std::string Outcome(const char* rule, std::string_view input) {
  auto result = Validate(Rule(rule), input, kToday);
  return result ? result->text : "rejected: " + result.error().reason;
}

}  // namespace

TEST_CASE("validate: each type normalises through its validator") {
  CHECK(Outcome(R"({"type":"id_number"})", " 11010519491231002x ") == "11010519491231002X");
  CHECK(Outcome(R"({"type":"credit_code"})", "91350100m000100y43") == "91350100M000100Y43");
  CHECK(Outcome(R"({"type":"phone"})", "+86 138-0013-8000") == "13800138000");
  CHECK(Outcome(R"({"type":"bank_card"})", "4111 1111 1111 1111") == "4111111111111111");
  CHECK(Outcome(R"({"type":"date"})", "2024-02-29") == "2024-02-29");
  CHECK(Outcome(R"({"type":"money"})", "1234.5") == "1234.50");
  CHECK(Outcome(R"({"type":"choice","options":[{"id":"a","zh":"甲","en":"A"}]})", " a ") == "a");
  CHECK(Outcome(R"({"type":"text","max_length":10})", "  张三  ") == "张三");
}

TEST_CASE("validate: each type rejects through its validator") {
  CHECK(Outcome(R"({"type":"id_number"})", "11010519491231003X") == "rejected: bad_check_digit");
  CHECK(Outcome(R"({"type":"credit_code"})", "91350100S000100Y43") == "rejected: bad_character");
  CHECK(Outcome(R"({"type":"phone"})", "12800138000") == "rejected: bad_format");
  CHECK(Outcome(R"({"type":"bank_card"})", "4111111111111112") == "rejected: bad_check_digit");
  CHECK(Outcome(R"({"type":"date"})", "2023-02-29") == "rejected: bad_date");
  CHECK(Outcome(R"({"type":"money","max_fen":100})", "1.01") == "rejected: out_of_range");
  CHECK(Outcome(R"({"type":"choice","options":[{"id":"a","zh":"甲","en":"A"}]})", "b") ==
        "rejected: not_a_choice");
  CHECK(Outcome(R"({"type":"text","max_length":2})", "张三丰") == "rejected: too_long");
}

TEST_CASE("validate: money and dates also come as values") {
  auto money = Validate(Rule(R"({"type":"money"})"), "1234.56", kToday);
  REQUIRE(money);
  CHECK(money->fen == 123456);
  CHECK_FALSE(money->date);
  auto date = Validate(Rule(R"({"type":"date"})"), "2024-02-29", kToday);
  REQUIRE(date);
  CHECK(date->date == Date{2024, 2, 29});
  CHECK_FALSE(date->fen);
}

TEST_CASE("validate: required and optional empty fields") {
  auto missing = Validate(Rule(R"({"type":"id_number"})"), " \u3000 ", kToday);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().reason == "required");
  CHECK(missing.error().TextKey() == "field.error.required");
  CHECK(Outcome(R"({"type":"text","max_length":5})", "") == "rejected: required");
  auto optional = Validate(Rule(R"({"type":"phone","required":false})"), "  ", kToday);
  REQUIRE(optional);
  CHECK(optional->text.empty());
  CHECK(Outcome(R"({"type":"phone","required":false})", "1380013800") == "rejected: bad_length");
}

TEST_CASE("validate: date rules relative to today") {
  const char* past = R"({"type":"date","not_after_today":true})";
  CHECK(Outcome(past, "2024-06-15") == "2024-06-15");
  auto tomorrow = Validate(Rule(past), "2024-06-16", kToday);
  REQUIRE_FALSE(tomorrow);
  CHECK(tomorrow.error().reason == "out_of_range");
  CHECK(tomorrow.error().values.at("max") == "2024-06-15");

  const char* future = R"({"type":"date","not_before_today":true,"max_date":"2024-12-31"})";
  CHECK(Outcome(future, "2024-06-14") == "rejected: out_of_range");
  CHECK(Outcome(future, "2024-06-15") == "2024-06-15");
  CHECK(Outcome(future, "2025-01-01") == "rejected: out_of_range");

  // A fixed bound tighter than today wins.
  const char* window = R"({"type":"date","not_after_today":true,"max_date":"2024-01-31"})";
  CHECK(Outcome(window, "2024-02-01") == "rejected: out_of_range");
}

TEST_CASE("validate: an ID's birth date is judged against the given today") {
  const char* rule = R"({"type":"id_number"})";
  auto result = Validate(Rule(rule), "110105202406160011", kToday);
  REQUIRE_FALSE(result);
  CHECK(result.error().reason == "bad_date");
  CHECK(Validate(Rule(rule), "110105202406160011", Date{2024, 6, 16}).has_value());
}
