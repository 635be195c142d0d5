// The kiosk's A4 printing (kiosk/app/a4_document_printer): the core's
// query_result data filled into firmware_config/documents/query_result.json
// with the record's tables appended, rendered to PDF and kept (simulated)
// or printed through a private cupsd with the cups-pdf printer, after
// which the citizen's PDF is gone from the data directory.

#include "kiosk/app/a4_document_printer.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "drivers/document/document_printer.h"
#include "tests/document/pdf_tools.h"
#include "tests/document/private_cupsd.h"
#include "tests/support/temp_dir.h"

namespace kiosk {
namespace {

namespace fs = std::filesystem;
const fs::path kDocuments = fs::path(KIOSK_CONFIG_DIR) / "documents";

nlohmann::json CertificateData(int contribution_rows) {
  nlohmann::json rows = nlohmann::json::array();
  for (int i = 0; i < contribution_rows; ++i) {
    rows.push_back({"基本养老保险", "深圳市", "正常参保", "2015-07", "2026-10",
                    std::to_string(100 + i) + " 个月", "深圳市{示例}科技有限公司"});
  }
  return {
      {"title", "社会保险参保缴费证明（个人）"},
      {"item_name", "社会保险参保缴费证明打印"},
      {"region_name", "深圳市"},
      {"printed_at", "2026-12-04 10:30"},
      {"kiosk_id", "ZS-24H-HALL1-T03"},
      {"data_source", "业务系统实时查询"},
      {"rows",
       {{{"label", "证明编号"}, {"value", "SZ-CBZM-2026-000123456"}},
        {{"label", "公民身份号码"}, {"value", "440301********1234"}}}},
      {"tables",
       {{{"title", "参保缴费情况"},
         {"headers", {"险种", "参保地", "参保状态", "参保起始", "缴费至", "累计缴费", "参保单位"}},
         {"rows", rows}}}}};
}

std::vector<fs::path> Pdfs(const fs::path& dir) {
  std::vector<fs::path> found;
  if (!fs::exists(dir)) return found;
  for (const auto& entry : fs::directory_iterator(dir)) found.push_back(entry.path());
  return found;
}

}  // namespace

TEST_CASE("a query result on A4: the record's rows and tables, across pages") {
  testing::TempDir dir;
  PdfA4DocumentPrinter printer(kDocuments, dir.File("out"), nullptr);
  REQUIRE(printer.PrintDocument("query_result", CertificateData(60)));
  const auto pdfs = Pdfs(dir.File("out"));
  REQUIRE(pdfs.size() == 1);
  CHECK(pdfs[0].filename() == "0001-query_result.pdf");
  const auto info = testing::ReadPdfInfo(pdfs[0].string());
  CHECK(info.pages >= 2);
  const std::string first = testing::PdfText(pdfs[0].string(), 1);
  CHECK(first.find("社会保险参保缴费证明（个人）") != std::string::npos);
  CHECK(first.find("440301********1234") != std::string::npos);
  CHECK(first.find("参保缴费情况") != std::string::npos);
  CHECK(first.find("{示例}") != std::string::npos);  // Braces in a record stay literal.
  CHECK(testing::ContainsIgnoringSpaces(first, "数据来源：业务系统实时查询"));
  // The table's header is repeated on the next page.
  const std::string second = testing::PdfText(pdfs[0].string(), 2);
  CHECK(second.find("参保单位") != std::string::npos);
  CHECK(testing::ContainsIgnoringSpaces(second,
                                        "第 2 页 / 共 " + std::to_string(info.pages) + " 页"));

  auto missing = printer.PrintDocument("no_such_template", CertificateData(1));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::kNotFound);
}

TEST_CASE("a query result printed through cupsd leaves no PDF behind") {
  if (auto why = testing::PrivateCupsd::Unavailable(); !why.empty()) {
    WARN("skipped: " << why);
    return;
  }
  testing::PrivateCupsd cupsd;
  cupsd.AddCupsPdfQueue("kiosk-a4");
  cupsd.Start();
  testing::TempDir dir;
  document::CupsSettings settings;
  settings.server = cupsd.Socket();
  settings.queue = "kiosk-a4";
  settings.timeout = std::chrono::seconds(60);
  PdfA4DocumentPrinter printer(kDocuments, dir.File("out"),
                               document::CreateCupsDocumentPrinter(settings));
  auto printed = printer.PrintDocument("query_result", CertificateData(3));
  INFO(cupsd.Log());
  REQUIRE(printed);
  CHECK(Pdfs(dir.File("out")).empty());

  settings.queue = "kiosk-missing";
  PdfA4DocumentPrinter wrong(kDocuments, dir.File("out"),
                             document::CreateCupsDocumentPrinter(settings));
  auto refused = wrong.PrintDocument("query_result", CertificateData(3));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().reason == "queue_unknown");
  CHECK(Pdfs(dir.File("out")).empty());
}

TEST_CASE("document printer settings") {
  auto shipped = LoadDocumentPrinterSettings(
      (fs::path(KIOSK_CONFIG_DIR) / "devices" / "document_printer.json").string());
  REQUIRE(shipped);
  CHECK(shipped->queue == "kiosk-a4");
  CHECK(shipped->timeout == std::chrono::seconds(120));
  testing::TempDir dir;
  std::ofstream(dir.File("bad.json")) << R"({"format_version": 1, "queue": "q", "pages": 2})";
  auto refused = LoadDocumentPrinterSettings(dir.File("bad.json"));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().detail.find("\"pages\" is not understood") != std::string::npos);
}

}  // namespace kiosk
