// Layout, checked through the PDF as poppler reads it: page breaks, the
// table header on every page, page numbers, nothing outside the margins,
// long cells wrapped inside their column.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "drivers/common/qr_matrix.h"
#include "drivers/document/document_binding.h"
#include "drivers/document/document_template.h"
#include "drivers/document/pdf_renderer.h"
#include "tests/document/pdf_tools.h"
#include "tests/support/temp_dir.h"

namespace kiosk::document {
namespace {

using nlohmann::json;
using testing::PdfText;

const std::string kDocuments = std::string(KIOSK_CONFIG_DIR) + "/documents";
constexpr double kPointsPerMm = 72.0 / 25.4;

BoundDocument BindShipped(const std::string& name) {
  auto loaded = LoadDocumentTemplate(kDocuments + "/" + name + ".json");
  REQUIRE(loaded);
  auto data = LoadDocumentData(kDocuments + "/samples/" + name + ".json");
  REQUIRE(data);
  auto bound = BindDocument(*loaded, *data);
  REQUIRE(bound);
  return *bound;
}

BoundDocument Bind(const json& document_template, const json& data) {
  auto parsed = ParseDocumentTemplate(document_template, kDocuments);
  REQUIRE(parsed);
  auto bound = BindDocument(*parsed, data);
  REQUIRE(bound);
  return *bound;
}

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

bool Contains(const std::string& text, const std::string& expected) {
  return testing::ContainsIgnoringSpaces(text, expected);
}

// Every word lies inside the page's left and right margins.
void CheckInsideMargins(const std::string& pdf, const DocumentTemplate& layout) {
  const double left = layout.margin_left_mm * kPointsPerMm;
  const double right = (210 - layout.margin_right_mm) * kPointsPerMm;
  const auto words = testing::PdfWords(pdf);
  REQUIRE_FALSE(words.empty());
  for (const auto& word : words) {
    INFO("page " << word.page << " word \"" << word.text << "\" x " << word.x_min << " to "
                 << word.x_max);
    CHECK(word.x_min >= left - 1);
    CHECK(word.x_max <= right + 1);
    CHECK(word.y_max <= 297 * kPointsPerMm);
  }
}

TEST_CASE("the contribution statement takes three A4 pages, each with the table header") {
  testing::TempDir dir("kiosk-document");
  const BoundDocument document = BindShipped("contribution_statement");
  const std::string pdf = dir.File("statement.pdf");
  auto pages = WritePdf(document, pdf);
  REQUIRE(pages);
  CHECK(*pages == 3);

  const auto info = testing::ReadPdfInfo(pdf);
  CHECK(info.pages == 3);
  CHECK(info.width_pt == Approx(595.276).margin(0.5));
  CHECK(info.height_pt == Approx(841.89).margin(0.5));

  int last_row_seen = 0;
  for (int page = 1; page <= 3; ++page) {
    INFO("page " << page);
    const std::string text = PdfText(pdf, page);
    CHECK(Count(text, "费款所属期") == 1);  // The header row, once per page.
    CHECK(Count(text, "缴费单位") == 1);
    CHECK(Contains(text, "第 " + std::to_string(page) + " 页 / 共 3 页"));
    CHECK(text.find("核验网址：https://sipub.sz.gov.cn/verify?code=Q8ZD-2LM7-RT5X") !=
          std::string::npos);
    CHECK((Count(text, "深圳市社会保险个人缴费清单") == 1) == (page == 1));
    // The rows continue where the page before stopped, in order.
    std::size_t position = 0;
    int rows_here = 0;
    for (int row = last_row_seen + 1; row <= 72; ++row) {
      const std::string month =
          std::to_string(2024 + (row - 1) / 36) + (((row - 1) % 36) / 3 + 1 < 10 ? "0" : "") +
          std::to_string(((row - 1) % 36) / 3 + 1);
      const auto at = text.find(month, position);
      if (at == std::string::npos) break;
      position = at;
      last_row_seen = row;
      ++rows_here;
    }
    CHECK(rows_here > 5);
  }
  CHECK(last_row_seen == 72);
  const std::string last_page = PdfText(pdf, 3);
  CHECK(last_page.find("单位缴纳合计") != std::string::npos);
  CHECK(Contains(last_page, "扫码核验 验证码 Q8ZD-2LM7-RT5X"));
  CheckInsideMargins(pdf, document.layout);
}

TEST_CASE("the insurance certificate is one page with its text, footer and page number") {
  testing::TempDir dir("kiosk-document");
  const BoundDocument document = BindShipped("insurance_certificate");
  const std::string pdf = dir.File("certificate.pdf");
  auto pages = WritePdf(document, pdf);
  REQUIRE(pages);
  CHECK(*pages == 1);
  const std::string text = PdfText(pdf);
  for (const char* expected :
       {"社会保险参保证明", "证明编号：SZ-CBZM-2026-000123456", "张三", "基本养老保险：",
        "137 个月", "特此证明", "深圳市社会保险基金管理局", "2026年12月4日",
        "扫码核验 验证码 7K3Q-9XW2-M4PZ", "第 1 页 / 共 1 页"}) {
    INFO(expected);
    CHECK(Contains(text, expected));
  }
  CheckInsideMargins(pdf, document.layout);
}

TEST_CASE("a long cell wraps inside its column and a long table repeats its header") {
  const json document_template = json::parse(R"({
    "title": "表",
    "margins_mm": [20, 20, 20, 20],
    "blocks": [{"type": "table", "rows": "rows", "columns": [
      {"header": "编号甲", "field": "code", "width": 1},
      {"header": "说明乙", "field": "note", "width": 3}]}],
    "footer": {"right": "{page}/{pages}"}
  })");
  json data = {{"rows", json::array()}};
  const std::string digits = "1234567890123456789012345678901234567890123456789012345678901234";
  for (int i = 0; i < 60; ++i) {
    data["rows"].push_back({{"code", digits}, {"note", "第" + std::to_string(i) + "行"}});
  }
  testing::TempDir dir("kiosk-document");
  const std::string pdf = dir.File("wrap.pdf");
  auto pages = WritePdf(Bind(document_template, data), pdf);
  REQUIRE(pages);
  CHECK(*pages >= 3);
  const double left = 20 * kPointsPerMm;
  const double column_right = left + (170 * kPointsPerMm) / 4;
  int pieces = 0;
  for (const auto& word : testing::PdfWords(pdf)) {
    if (word.text.find_first_not_of("0123456789") != std::string::npos || word.text.size() < 4) {
      continue;
    }
    INFO("page " << word.page << " \"" << word.text << "\" ends at " << word.x_max);
    CHECK(word.x_max <= column_right);
    ++pieces;
  }
  CHECK(pieces >= 60 * 2);  // Every code broke onto at least two lines.
  for (int page = 1; page <= *pages; ++page) {
    INFO("page " << page);
    const std::string text = PdfText(pdf, page);
    CHECK(Count(text, "说明乙") == 1);
    CHECK(Contains(text, std::to_string(page) + "/" + std::to_string(*pages)));
  }
  CHECK(PdfText(pdf).find("第59行") != std::string::npos);
}

TEST_CASE("a row taller than a page is refused with its index") {
  const json document_template = json::parse(R"({
    "title": "t",
    "blocks": [{"type": "table", "rows": "rows", "columns": [{"header": "h", "field": "f"}]}]
  })");
  std::string huge;
  for (int i = 0; i < 400; ++i) huge += "很长的说明文字。";
  const json data = {{"rows", {{{"f", "短"}}, {{"f", huge}}}}};
  auto rendered = RenderPdf(Bind(document_template, data));
  REQUIRE_FALSE(rendered);
  CHECK(rendered.error().reason == "bad_data");
  CHECK(rendered.error().detail == "blocks[0] (table \"rows\"): data rows[1] is taller than a page");
}

TEST_CASE("a seal from a PNG file, and a missing one named") {
  testing::TempDir dir("kiosk-document");
  testing::RunTool({"/usr/bin/convert", "-size", "120x120", "xc:none", "-fill", "none",
                    "-stroke", "red", "-strokewidth", "6", "-draw", "circle 60,60 60,8",
                    dir.File("seal.png")});
  json document_template = json::parse(R"({"title": "t", "blocks": [
    {"type": "paragraph", "text": "盖章单位"},
    {"type": "seal", "image": "seal.png", "overlay": true}]})");
  auto parsed = ParseDocumentTemplate(document_template, dir.Path());
  REQUIRE(parsed);
  auto bound = BindDocument(*parsed, json::object());
  REQUIRE(bound);
  auto rendered = RenderPdf(*bound);
  REQUIRE(rendered);
  CHECK(rendered->pages == 1);

  document_template["blocks"][1]["image"] = "missing.png";
  parsed = ParseDocumentTemplate(document_template, dir.Path());
  REQUIRE(parsed);
  bound = BindDocument(*parsed, json::object());
  REQUIRE(bound);
  rendered = RenderPdf(*bound);
  REQUIRE_FALSE(rendered);
  CHECK(rendered.error().reason == "bad_template");
  CHECK(rendered.error().detail.find(dir.File("missing.png")) != std::string::npos);
}

TEST_CASE("a font that is not installed is an error, not a silent fallback") {
  json document_template = json::parse(R"({"title": "t", "font": "No Such Font Sans",
    "blocks": [{"type": "paragraph", "text": "x"}]})");
  auto rendered = RenderPdf(Bind(document_template, json::object()));
  REQUIRE_FALSE(rendered);
  CHECK(rendered.error().code == ErrorCode::kNotFound);
  CHECK(rendered.error().reason == "font_missing");
}

TEST_CASE("QR codes: the smallest version that holds the value, too long is refused") {
  auto small = devices::EncodeQr("https://sipub.sz.gov.cn/verify?code=7K3Q-9XW2-M4PZ");
  REQUIRE(small);
  CHECK(small->size >= 21);
  CHECK(small->size <= 45);
  CHECK(small->Dark(0, 0));  // The finder pattern's corner.
  CHECK_FALSE(small->Dark(7, 7));
  auto huge = devices::EncodeQr(std::string(5000, 'x'));
  REQUIRE_FALSE(huge);
  CHECK(huge.error().code == ErrorCode::kInvalidArgument);
  CHECK_FALSE(devices::EncodeQr(""));
}

}  // namespace
}  // namespace kiosk::document
