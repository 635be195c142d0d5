#include "drivers/printer/receipt_template.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "drivers/printer/printer_profile.h"
#include "tests/printer/decode_helpers.h"
#include "tests/support/temp_dir.h"

namespace kiosk::devices {
namespace {

using nlohmann::json;

const std::string kReceipts = std::string(KIOSK_CONFIG_DIR) + "/receipts";

std::string ParseFailure(const json& object) {
  auto parsed = ParseReceiptTemplate(object);
  REQUIRE_FALSE(parsed.has_value());
  CHECK(parsed.error().code == ErrorCode::kInvalidData);
  return parsed.error().detail;
}

json Template(json elements) {
  return json{{"format_version", 1}, {"elements", std::move(elements)}};
}

ReceiptDocument Render(const json& elements, const json& data) {
  auto parsed = ParseReceiptTemplate(Template(elements));
  INFO((parsed ? std::string() : parsed.error().Describe()));
  REQUIRE(parsed.has_value());
  auto document = RenderReceipt(*parsed, data);
  INFO((document ? std::string() : document.error().Describe()));
  REQUIRE(document.has_value());
  return *document;
}

std::string RenderFailure(const json& elements, const json& data) {
  auto parsed = ParseReceiptTemplate(Template(elements));
  REQUIRE(parsed.has_value());
  auto document = RenderReceipt(*parsed, data);
  REQUIRE_FALSE(document.has_value());
  CHECK(document.error().code == ErrorCode::kInvalidData);
  return document.error().detail;
}

TEST_CASE("masking keeps the first and last characters", "[printer][template]") {
  CHECK(MaskText("110101199003070011", {6, 4}).value() == "110101********0011");
  CHECK(MaskText("张三丰", {1, 0}).value() == "张**");
  CHECK(MaskText("6222021234", {0, 4}).value() == "******1234");
  // Too short to hide anything: masked whole.
  CHECK(MaskText("12345", {3, 2}).value() == "*****");
  CHECK(MaskText("", {1, 1}).value().empty());
  CHECK_FALSE(MaskText("\xFF", {1, 1}).has_value());
}

TEST_CASE("placeholders are filled from the data", "[printer][template]") {
  const ReceiptDocument document = Render(
      json::array({{{"type", "title"}, {"text", "{title}"}},
                   {{"type", "text"}, {"text", "{name}，您好 {{literal}}"}, {"align", "center"}},
                   {{"type", "row"}, {"key", "金额"}, {"value", "{amount}元"}},
                   {{"type", "row"}, {"key", "证件"}, {"value", "{id}"},
                    {"mask", {{"keep_first", 6}, {"keep_last", 4}}}},
                   {{"type", "separator"}, {"fill", "="}},
                   {{"type", "qr"}, {"data", "https://x.cn/v?n={no}"}, {"module_size", 5}},
                   {{"type", "feed"}, {"lines", 2}},
                   {{"type", "cut"}}}),
      json{{"title", "凭证"}, {"name", "张三"}, {"amount", 12.5}, {"id", "110101199003070011"},
           {"no", "A1"}});
  REQUIRE(document.elements.size() == 8);
  CHECK(std::get<Title>(document.elements[0]).text == "凭证");
  CHECK(std::get<Text>(document.elements[1]).text == "张三，您好 {literal}");
  CHECK(std::get<Text>(document.elements[1]).align == Align::kCenter);
  CHECK(std::get<KeyValue>(document.elements[2]).value == "12.5元");
  CHECK(std::get<KeyValue>(document.elements[3]).value == "110101********0011");
  CHECK(std::get<Separator>(document.elements[4]).fill == '=');
  CHECK(std::get<QrCode>(document.elements[5]).payload == "https://x.cn/v?n=A1");
  CHECK(std::get<QrCode>(document.elements[5]).module_size == 5);
  CHECK(std::get<Feed>(document.elements[6]).lines == 2);
  CHECK(std::holds_alternative<Cut>(document.elements[7]));
}

TEST_CASE("\"if\" keeps an element only when its field has a value", "[printer][template]") {
  const json elements = json::array(
      {{{"type", "row"}, {"key", "备注"}, {"value", "{note}"}, {"if", "note"}}, {{"type", "cut"}}});
  CHECK(Render(elements, json::object()).elements.size() == 1);
  CHECK(Render(elements, json{{"note", ""}}).elements.size() == 1);
  CHECK(Render(elements, json{{"note", "补缴"}}).elements.size() == 2);
}

TEST_CASE("missing data and bad placeholders name the element", "[printer][template]") {
  const json row = json::array({{{"type", "cut"}}, {{"type", "row"}, {"key", "姓名"}, {"value", "{name}"}}});
  CHECK_THAT(RenderFailure(row, json::object()),
             Catch::Contains("element 1: the data has no \"name\""));
  CHECK_THAT(RenderFailure(row, json{{"name", json::array()}}),
             Catch::Contains("must be a string or a number"));
  CHECK_THAT(RenderFailure(json::array({{{"type", "text"}, {"text", "{open"}}}), json::object()),
             Catch::Contains("without"));
  CHECK_THAT(RenderFailure(json::array({{{"type", "text"}, {"text", "close}"}}}), json::object()),
             Catch::Contains("without"));
  CHECK_THAT(RenderFailure(json::array({{{"type", "text"}, {"text", "{}"}}}), json::object()),
             Catch::Contains("bad placeholder"));
  auto parsed = ParseReceiptTemplate(Template(row));
  REQUIRE(parsed.has_value());
  CHECK_FALSE(RenderReceipt(*parsed, json::array()).has_value());
}

TEST_CASE("templates with unknown keys or bad values are refused", "[printer][template]") {
  CHECK_THAT(ParseFailure(json{{"format_version", 1}, {"elements", json::array()}}),
             Catch::Contains("non-empty list"));
  CHECK_THAT(ParseFailure(json{{"format_version", 2}, {"elements", json::array({{{"type", "cut"}}})}}),
             Catch::Contains("format_version"));
  CHECK_THAT(ParseFailure(json{{"format_version", 1}, {"elements", json::array({{{"type", "cut"}}})},
                               {"footer", 1}}),
             Catch::Contains("unknown key \"footer\""));
  CHECK_THAT(ParseFailure(Template(json::array({{{"type", "picture"}}}))),
             Catch::Contains("element 0: \"type\" must be"));
  CHECK_THAT(ParseFailure(Template(json::array({{{"type", "title"}, {"text", "x"}, {"align", "center"}}}))),
             Catch::Contains("unknown key \"align\" for a title"));
  CHECK_THAT(ParseFailure(Template(json::array({{{"type", "row"}, {"key", "x"}}}))),
             Catch::Contains("\"value\" must be a string"));
  CHECK_THAT(ParseFailure(Template(json::array({{{"type", "text"}, {"text", "x"}, {"align", "middle"}}}))),
             Catch::Contains("left, center or right"));
  CHECK_THAT(ParseFailure(Template(json::array({{{"type", "separator"}, {"fill", "=="}}}))),
             Catch::Contains("one printable ASCII"));
  CHECK_THAT(ParseFailure(Template(json::array({{{"type", "qr"}, {"data", "x"}, {"module_size", 17}}}))),
             Catch::Contains("1..16"));
  CHECK_THAT(ParseFailure(Template(json::array({{{"type", "feed"}, {"lines", -1}}}))),
             Catch::Contains("0..255"));
  CHECK_THAT(ParseFailure(Template(json::array(
                 {{{"type", "row"}, {"key", "x"}, {"value", "y"}, {"mask", {{"keep_middle", 1}}}}}))),
             Catch::Contains("unknown key \"keep_middle\" in \"mask\""));
  CHECK_THAT(ParseFailure(Template(json::array({{{"type", "cut"}, {"if", ""}}}))),
             Catch::Contains("\"if\" must name"));
}

TEST_CASE("logo elements read a PBM bitmap relative to the template's directory",
          "[printer][template]") {
  testing::TempDir dir;
  std::ofstream(dir.File("mark.pbm")) << "P1\n3 2\n1 0 1\n0 1 0\n";
  std::ofstream(dir.File("broken.pbm")) << "P1\n3 2\n1 0\n";
  const json logo = {{"type", "logo"}, {"file", "mark.pbm"}, {"optional", true}};
  auto parsed = ParseReceiptTemplate(Template(json::array({logo})), dir.Path());
  INFO((parsed ? std::string() : parsed.error().Describe()));
  REQUIRE(parsed.has_value());
  auto document = RenderReceipt(*parsed, json::object());
  REQUIRE(document.has_value());
  REQUIRE(document->elements.size() == 1);
  const Logo& rendered = std::get<Logo>(document->elements[0]);
  CHECK(rendered.name == "mark.pbm");
  CHECK(rendered.optional);
  CHECK(rendered.image.width == 3);
  CHECK(rendered.image.dots == std::vector<std::uint8_t>{1, 0, 1, 0, 1, 0});

  // The same from a template file: relative to the file, wherever we are.
  std::ofstream(dir.File("receipt.json")) << Template(json::array({logo})).dump();
  auto loaded = LoadReceiptTemplate(dir.File("receipt.json"));
  INFO((loaded ? std::string() : loaded.error().Describe()));
  REQUIRE(loaded.has_value());
  CHECK(loaded->elements.at(0).logo.dots == rendered.image.dots);

  auto failure = [&](const json& element) {
    auto result = ParseReceiptTemplate(Template(json::array({element})), dir.Path());
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == ErrorCode::kInvalidData);
    return result.error().detail;
  };
  CHECK_THAT(failure({{"type", "logo"}, {"file", "missing.pbm"}}),
             Catch::Contains("element 0: logo: cannot open") && Catch::Contains("missing.pbm"));
  CHECK_THAT(failure({{"type", "logo"}, {"file", "broken.pbm"}}),
             Catch::Contains("broken.pbm: the bitmap is cut short"));
  CHECK_THAT(failure({{"type", "logo"}, {"file", "../etc/mark.pbm"}}),
             Catch::Contains("relative to the template's directory"));
  CHECK_THAT(failure({{"type", "logo"}, {"file", dir.File("mark.pbm")}}),
             Catch::Contains("relative to the template's directory"));
  CHECK_THAT(failure({{"type", "logo"}}), Catch::Contains("\"file\" must be a string"));
  CHECK_THAT(failure({{"type", "logo"}, {"file", "mark.pbm"}, {"optional", "yes"}}),
             Catch::Contains("\"optional\" must be true or false"));
  CHECK_THAT(failure({{"type", "text"}, {"text", "x"}, {"optional", true}}),
             Catch::Contains("unknown key \"optional\" for a text"));
}

TEST_CASE("a QR code can be marked optional", "[printer][template]") {
  const ReceiptDocument document =
      Render(json::array({{{"type", "qr"}, {"data", "a{n}"}, {"optional", true}},
                          {{"type", "qr"}, {"data", "b"}}}),
             json{{"n", 1}});
  REQUIRE(document.elements.size() == 2);
  CHECK(std::get<QrCode>(document.elements[0]).payload == "a1");
  CHECK(std::get<QrCode>(document.elements[0]).optional);
  CHECK_FALSE(std::get<QrCode>(document.elements[1]).optional);
}

TEST_CASE("the shipped example receipt renders and prints on 80 and 58 mm", "[printer][template]") {
  auto data = ReadJsonFile(kReceipts + "/social_insurance_payment.example-data.json");
  REQUIRE(data.has_value());
  auto parsed = LoadReceiptTemplate(kReceipts + "/social_insurance_payment.json");
  INFO((parsed ? std::string() : parsed.error().Describe()));
  REQUIRE(parsed.has_value());
  auto document = RenderReceipt(*parsed, *data);
  INFO((document ? std::string() : document.error().Describe()));
  REQUIRE(document.has_value());

  for (const PrinterProfile& profile : {Generic80mmProfile(), Generic58mmProfile()}) {
    const testing::DecodedJob job = testing::EncodeAndDecode(*document, profile);
    // The emblem, centred above the title.
    REQUIRE(job.images.size() == 1);
    CHECK(job.images[0].line_index == 0);
    CHECK(job.images[0].width == profile.printable_dots);
    CHECK(job.lines.at(0).text == "参保缴费凭证");
    bool masked = false;
    for (const testing::DecodedLine& line : job.lines) {
      CHECK(line.columns <= profile.columns);
      CHECK(line.text.find("199003070") == std::string::npos);
      if (line.text.find("110101********0011") != std::string::npos) masked = true;
    }
    CHECK(masked);
    REQUIRE(job.qr_codes.size() == 1);
    CHECK(job.qr_codes[0].payload == "https://si.example.gov.cn/verify?no=SB20261204000123");
  }
  CHECK_FALSE(ReadJsonFile(kReceipts + "/missing.json").has_value());
}

}  // namespace
}  // namespace kiosk::devices
