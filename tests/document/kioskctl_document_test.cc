// `kioskctl print document` as staff run it: the PDF file, its JSON line,
// and the exit status of each failure class.

#include "kiosk/app/kioskctl_document.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/document/pdf_tools.h"
#include "tests/support/run_program.h"
#include "tests/support/temp_dir.h"

namespace kiosk::ctl {
namespace {

const std::string kDocuments = std::string(KIOSK_CONFIG_DIR) + "/documents";

testing::ProgramOutcome RunKioskctl(std::vector<std::string> args) {
  args.insert(args.begin(), KIOSKCTL_PATH);
  return testing::RunProgram(std::move(args), std::chrono::seconds(90));
}

TEST_CASE("kioskctl print document writes the statement PDF and reports its pages") {
  testing::TempDir dir("kiosk-kioskctl-document");
  const auto outcome = RunKioskctl({"print", "document", "--template",
                                    kDocuments + "/contribution_statement.json", "--data",
                                    kDocuments + "/samples/contribution_statement.json", "--out",
                                    dir.File("statement.pdf")});
  INFO(outcome.err);
  REQUIRE(outcome.status == 0);
  const auto report = nlohmann::json::parse(outcome.out);
  CHECK(report["pages"] == 3);
  CHECK(report["out"] == dir.File("statement.pdf"));
  CHECK(testing::ReadPdfInfo(dir.File("statement.pdf")).pages == 3);
}

TEST_CASE("the certificate's QR code decodes to the verification URL") {
  testing::TempDir dir("kiosk-kioskctl-document");
  const auto outcome = RunKioskctl({"print", "document", "--template",
                                    kDocuments + "/insurance_certificate.json", "--data",
                                    kDocuments + "/samples/insurance_certificate.json", "--out",
                                    dir.File("certificate.pdf")});
  REQUIRE(outcome.status == 0);
  testing::RunTool({"/usr/bin/pdftoppm", "-r", "150", "-png", "-singlefile",
                    dir.File("certificate.pdf"), dir.File("page")});
  const auto scan = RunKioskctl({"scan", "--image", dir.File("page.png")});
  REQUIRE(scan.status == 0);
  CHECK(nlohmann::json::parse(scan.out)["text"] ==
        "https://sipub.sz.gov.cn/verify?code=7K3Q-9XW2-M4PZ");
}

TEST_CASE("kioskctl print document exit statuses") {
  testing::TempDir dir("kiosk-kioskctl-document");
  const std::string statement = kDocuments + "/contribution_statement.json";
  const std::string data = kDocuments + "/samples/contribution_statement.json";
  const std::string out = dir.File("x.pdf");

  SECTION("usage") {
    CHECK(RunKioskctl({"print", "document", "--template", statement}).status == 2);
    CHECK(RunKioskctl({"print", "document", "--template", statement, "--data", data}).status == 2);
    CHECK(RunKioskctl({"print", "document", "--bogus"}).status == 2);
    CHECK(RunKioskctl({"print", "document", "--template", statement, "--data", data, "--out", out,
                       "--timeout", "0"})
              .status == 2);
  }
  SECTION("a bad template: 3, naming the key") {
    std::ofstream(dir.File("bad.json")) << R"({"title": "t", "blocks": [{"type": "tabel"}]})";
    const auto outcome =
        RunKioskctl({"print", "document", "--template", dir.File("bad.json"), "--data", data,
                     "--out", out});
    CHECK(outcome.status == 3);
    CHECK(outcome.err.find("blocks[0].type: unknown block type \"tabel\"") != std::string::npos);
    CHECK(RunKioskctl({"print", "document", "--template", dir.File("none.json"), "--data", data,
                       "--out", out})
              .status == 3);
  }
  SECTION("bad data: 4, naming the row") {
    auto json = nlohmann::json::parse(std::ifstream(data));
    json["contributions"][40].erase("base");
    std::ofstream(dir.File("data.json")) << json.dump();
    const auto outcome = RunKioskctl({"print", "document", "--template", statement, "--data",
                                      dir.File("data.json"), "--out", out});
    CHECK(outcome.status == 4);
    CHECK(outcome.err.find("data contributions[40]: no field \"base\" (column 5 \"缴费基数\")") !=
          std::string::npos);
    std::ofstream(dir.File("broken.json")) << "{\"a\": ";
    CHECK(RunKioskctl({"print", "document", "--template", statement, "--data",
                       dir.File("broken.json"), "--out", out})
              .status == 4);
  }
  SECTION("the PDF cannot be written: 5") {
    CHECK(RunKioskctl({"print", "document", "--template", statement, "--data", data, "--out",
                       dir.File("no/such/dir/x.pdf")})
              .status == 5);
  }
}

TEST_CASE("the exit status of each error reason") {
  CHECK(PrintDocumentExitStatus(Error(ErrorCode::kInvalidData, "", "bad_template")) == 3);
  CHECK(PrintDocumentExitStatus(Error(ErrorCode::kInvalidData, "", "bad_data")) == 4);
  CHECK(PrintDocumentExitStatus(Error(ErrorCode::kNotFound, "", "font_missing")) == 5);
  CHECK(PrintDocumentExitStatus(Error(ErrorCode::kInvalidArgument, "QR too long")) == 5);
  CHECK(PrintDocumentExitStatus(Error(ErrorCode::kNetwork, "", "cups_unreachable")) == 6);
  CHECK(PrintDocumentExitStatus(Error(ErrorCode::kNotFound, "", "queue_unknown")) == 6);
  CHECK(PrintDocumentExitStatus(Error(ErrorCode::kServerRejected, "", "job_refused")) == 7);
  CHECK(PrintDocumentExitStatus(Error(ErrorCode::kDevice, "", "job_aborted")) == 8);
  CHECK(PrintDocumentExitStatus(Error(ErrorCode::kDeviceNotReady, "", "job_stopped")) == 8);
  CHECK(PrintDocumentExitStatus(Error(ErrorCode::kCanceled, "", "job_canceled")) == 9);
  CHECK(PrintDocumentExitStatus(Error(ErrorCode::kTimeout, "", "job_timeout")) == 10);
  CHECK(PrintDocumentExitStatus(Error(ErrorCode::kInternal, "cairo")) == 1);
}

}  // namespace
}  // namespace kiosk::ctl
