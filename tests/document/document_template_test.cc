// Template parsing and data binding: the shipped templates load, and a bad
// template or bad data is refused with the key, the row and the column.

#include "drivers/document/document_template.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "drivers/document/document_binding.h"

namespace kiosk::document {
namespace {

using nlohmann::json;

const std::string kDocuments = std::string(KIOSK_CONFIG_DIR) + "/documents";

json MinimalTemplate() {
  return json::parse(R"({
    "title": "缴费清单 {person.name}",
    "blocks": [
      {"type": "paragraph", "text": "姓名：{person.name}"},
      {"type": "table", "rows": "rows", "columns": [
        {"header": "月份", "field": "month"},
        {"header": "金额", "field": "amount", "format": "money", "align": "right", "width": 2}
      ]}
    ]
  })");
}

json MinimalData() {
  return json::parse(R"({"person": {"name": "张三"},
    "rows": [{"month": "202401", "amount": 100}, {"month": "202402", "amount": 99.5}]})");
}

std::string ParseError(const json& document_template) {
  auto parsed = ParseDocumentTemplate(document_template, ".");
  REQUIRE_FALSE(parsed);
  CHECK(parsed.error().code == ErrorCode::kInvalidData);
  CHECK(parsed.error().reason == "bad_template");
  return parsed.error().detail;
}

Error BindError(const json& document_template, const json& data) {
  auto parsed = ParseDocumentTemplate(document_template, ".");
  REQUIRE(parsed);
  auto bound = BindDocument(*parsed, data);
  REQUIRE_FALSE(bound);
  return bound.error();
}

TEST_CASE("the shipped templates load and bind their sample data") {
  for (const char* name : {"contribution_statement", "insurance_certificate"}) {
    INFO(name);
    auto loaded = LoadDocumentTemplate(kDocuments + "/" + name + ".json");
    REQUIRE(loaded);
    auto data = LoadDocumentData(kDocuments + "/samples/" + name + ".json");
    REQUIRE(data);
    auto bound = BindDocument(*loaded, *data);
    REQUIRE(bound);
    CHECK_FALSE(bound->title.empty());
    CHECK(bound->footer_right.find("{pages}") != std::string::npos);
  }
}

TEST_CASE("a table binds each row's fields in column order, money with two decimals") {
  auto parsed = ParseDocumentTemplate(MinimalTemplate(), ".");
  REQUIRE(parsed);
  auto bound = BindDocument(*parsed, MinimalData());
  REQUIRE(bound);
  CHECK(bound->title == "缴费清单 张三");
  CHECK(bound->blocks[0].text == "姓名：张三");
  REQUIRE(bound->blocks[1].rows.size() == 2);
  CHECK(bound->blocks[1].rows[0] == std::vector<std::string>{"202401", "100.00"});
  CHECK(bound->blocks[1].rows[1] == std::vector<std::string>{"202402", "99.50"});
}

TEST_CASE("template errors name the key") {
  json bad = MinimalTemplate();
  bad["titel"] = "x";
  CHECK(ParseError(bad) == "template: titel: unknown key");

  bad = MinimalTemplate();
  bad["blocks"][1]["columns"][1]["width"] = -3;
  CHECK(ParseError(bad).starts_with("template: blocks[1].columns[1].width: must be a number > 0"));

  bad = MinimalTemplate();
  bad["blocks"][1]["columns"][0]["align"] = "middle";
  CHECK(ParseError(bad) ==
        "template: blocks[1].columns[0].align: must be left, center or right, not \"middle\"");

  bad = MinimalTemplate();
  bad["blocks"][0]["type"] = "picture";
  CHECK(ParseError(bad).starts_with("template: blocks[0].type: unknown block type \"picture\""));

  bad = MinimalTemplate();
  bad["blocks"][1].erase("rows");
  CHECK(ParseError(bad) == "template: blocks[1].rows: missing");

  bad = MinimalTemplate();
  bad["blocks"].push_back({{"type", "seal"}, {"diameter_mm", 40}});
  CHECK(ParseError(bad).find("blocks[2]: a seal needs exactly one of") != std::string::npos);

  bad = MinimalTemplate();
  bad["blocks"].push_back({{"type", "seal"}, {"organisation", "x"}, {"overlay", true}});
  CHECK(ParseError(bad) == "template: blocks[2].overlay: an overlaid seal needs a paragraph before it");

  bad = MinimalTemplate();
  bad["margins_mm"] = {20, 20, 20};
  CHECK(ParseError(bad).starts_with("template: margins_mm: must be [top, right, bottom, left]"));
}

TEST_CASE("a template file that is not JSON names the byte") {
  auto loaded = LoadDocumentTemplate(std::string(KIOSK_SOURCE_DIR) + "/README.md");
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().reason == "bad_template");
  CHECK(loaded.error().detail.find("not JSON at byte") != std::string::npos);
  auto missing = LoadDocumentTemplate("/nonexistent/template.json");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::kNotFound);
}

TEST_CASE("data errors name the template key, the data key, the row and the column") {
  json data = MinimalData();
  data["person"].erase("name");
  Error error = BindError(MinimalTemplate(), data);
  CHECK(error.reason == "bad_data");
  CHECK(error.detail == "template title: placeholder {person.name} is not in the data");

  data = MinimalData();
  data["rows"][1].erase("amount");
  CHECK(BindError(MinimalTemplate(), data).detail ==
        "blocks[1] (table \"rows\"): data rows[1]: no field \"amount\" (column 2 \"金额\")");

  data = MinimalData();
  data["rows"][0]["amount"] = "一百";
  CHECK(BindError(MinimalTemplate(), data).detail ==
        "blocks[1] (table \"rows\"): data rows[0].amount: must be a number for a money column "
        "(column 2 \"金额\")");

  data = MinimalData();
  data["rows"] = "none";
  CHECK(BindError(MinimalTemplate(), data).detail ==
        "blocks[1] (table \"rows\"): data rows is a string, a table needs an array of row objects");

  data = MinimalData();
  data["rows"][1] = 5;
  CHECK(BindError(MinimalTemplate(), data).detail ==
        "blocks[1] (table \"rows\"): data rows[1]: is a number, not an object");

  data = MinimalData();
  data["person"]["name"] = json::array();
  CHECK(BindError(MinimalTemplate(), data).detail ==
        "template title: data person.name is an array, a placeholder needs a string or a number");
}

TEST_CASE("placeholders: braces, page numbers only in the footer") {
  const json data = {{"n", 3}, {"x", 1.5}, {"s", "文"}};
  auto filled = FillPlaceholders("{{literal}} {n} {x} {s}", data, "t", PageNumbers::kRefuse);
  REQUIRE(filled);
  CHECK(*filled == "{literal} 3 1.5 文");
  auto kept = FillPlaceholders("第 {page} 页 / 共 {pages} 页", data, "footer", PageNumbers::kKeep);
  REQUIRE(kept);
  CHECK(*kept == "第 {page} 页 / 共 {pages} 页");
  auto refused = FillPlaceholders("{page}", data, "blocks[0]", PageNumbers::kRefuse);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().detail == "template: blocks[0]: {page} is only allowed in the footer");
  auto open = FillPlaceholders("a {n", data, "title", PageNumbers::kRefuse);
  REQUIRE_FALSE(open);
  CHECK(open.error().detail == "template: title: \"{\" at byte 2 is never closed");
  auto lone = FillPlaceholders("a } b", data, "title", PageNumbers::kRefuse);
  REQUIRE_FALSE(lone);
  CHECK(lone.error().reason == "bad_template");
}

}  // namespace
}  // namespace kiosk::document
