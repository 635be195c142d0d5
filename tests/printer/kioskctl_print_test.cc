// `kioskctl print receipt` against the emulated printer over TCP and a
// pty: the shipped example template printed and decoded, and the exit
// status of each failure class.

#include "kiosk/app/kioskctl_print.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <string>
#include <vector>

#include "tests/emulators/escpos_printer_emulator.h"
#include "tests/printer/decode_helpers.h"
#include "tests/support/temp_dir.h"

namespace kiosk::ctl {
namespace {

using emulators::EscPosPrinterEmulator;

const std::string kReceipts = std::string(KIOSK_CONFIG_DIR) + "/receipts";
const std::string kTemplate = kReceipts + "/social_insurance_payment.json";
const std::string kData = kReceipts + "/social_insurance_payment.example-data.json";

std::unique_ptr<EscPosPrinterEmulator> Tcp() {
  auto emulator = EscPosPrinterEmulator::ListenTcp();
  REQUIRE(emulator.has_value());
  return std::move(*emulator);
}

std::string TcpUri(const EscPosPrinterEmulator& emulator) {
  return "tcp://127.0.0.1:" + std::to_string(emulator.Port());
}

int Print(const std::string& uri, std::vector<std::string> extra = {},
          const std::string& template_path = kTemplate, const std::string& data_path = kData) {
  std::vector<std::string> args = {"receipt",    "--printer", uri,       "--template",
                                   template_path, "--data",    data_path, "--timeout", "2"};
  args.insert(args.end(), extra.begin(), extra.end());
  return PrintCommand(args);
}

TEST_CASE("kioskctl prints the example receipt over TCP and a pty", "[printer][kioskctl]") {
  auto tcp = Tcp();
  CHECK(Print(TcpUri(*tcp)) == 0);
  auto pty = EscPosPrinterEmulator::OpenPty();
  REQUIRE(pty.has_value());
  CHECK(Print("serial:" + (*pty)->PortPath() + "?baud=115200", {"--profile", "generic-58mm"}) == 0);

  const testing::DecodedJob wide =
      testing::DecodeFor(devices::Generic80mmProfile(), tcp->Printed()).jobs.at(0);
  const testing::DecodedJob narrow =
      testing::DecodeFor(devices::Generic58mmProfile(), (*pty)->Printed()).jobs.at(0);
  for (const auto& [job, columns] : {std::pair{&wide, 48}, std::pair{&narrow, 32}}) {
    CHECK(job->lines.at(0).text == "参保缴费凭证");
    bool found_masked = false;
    for (const testing::DecodedLine& line : job->lines) {
      CHECK(line.columns <= columns);
      if (line.text.starts_with("社会保障号码")) {
        found_masked = true;
        CHECK(line.text.ends_with("110101********0011"));
        CHECK(line.columns == columns);
      }
    }
    CHECK(found_masked);
    REQUIRE(job->qr_codes.size() == 1);
    CHECK(job->qr_codes[0].payload == "https://si.example.gov.cn/verify?no=SB20261204000123");
  }
  CHECK(wide.cuts.size() == 1);
  CHECK(narrow.cuts.empty());  // 58 mm: tear bar, no cutter.
}

TEST_CASE("kioskctl print exit statuses", "[printer][kioskctl]") {
  auto printer = Tcp();
  const std::string uri = TcpUri(*printer);

  // 2: usage.
  CHECK(PrintCommand({}) == 2);
  CHECK(PrintCommand({"receipt", "--printer", uri}) == 2);
  CHECK(Print("lpd://printer") == 2);
  CHECK(Print("tcp://127.0.0.1") == 2);
  CHECK(Print(uri, {"--timeout", "0"}) == 2);

  // 3: template or data.
  testing::TempDir dir;
  std::ofstream(dir / "bad.json") << R"({"format_version": 1, "elements": [{"type": "picture"}]})";
  std::ofstream(dir / "empty-data.json") << "{}";
  CHECK(Print(uri, {}, dir.File("bad.json")) == 3);
  CHECK(Print(uri, {}, kTemplate, dir.File("empty-data.json")) == 3);
  CHECK(Print(uri, {}, dir.File("missing.json")) == 3);

  // 4: profile.
  CHECK(Print(uri, {"--profile", "no-such-printer"}) == 4);

  // 5: cannot connect.
  CHECK(Print("serial:/dev/does-not-exist") == 5);
  {
    auto gone = Tcp();
    const std::string gone_uri = TcpUri(*gone);
    gone.reset();
    CHECK(Print(gone_uri) == 5);
  }

  // 6: not ready.
  printer->SetPaperOut(true);
  CHECK(Print(uri) == 6);
  printer->SetPaperOut(false);
  printer->SetCoverOpen(true);
  CHECK(Print(uri) == 6);
  printer->SetCoverOpen(false);
  CHECK(printer->Printed().empty());

  // 7: paper out during the job.
  printer->RunOutOfPaperAfter(100);
  CHECK(Print(uri) == 7);
  printer->SetPaperOut(false);

  // 0 again once paper is loaded.
  CHECK(Print(uri) == 0);

  // 9: gone after connecting (the pty stays, nothing answers).
  auto pty = EscPosPrinterEmulator::OpenPty();
  REQUIRE(pty.has_value());
  (*pty)->GoAway();
  CHECK(Print("serial:" + (*pty)->PortPath()) == 9);
}

TEST_CASE("printer errors map to exit statuses", "[printer][kioskctl]") {
  CHECK(PrintExitStatus(Error(ErrorCode::kDevice, "x", "printer_error")) == 8);
  CHECK(PrintExitStatus(Error(ErrorCode::kDevice, "x", "cover_opened_during_job")) == 7);
  CHECK(PrintExitStatus(Error(ErrorCode::kIo, "job not delivered: reset", "printer_gone")) == 7);
  CHECK(PrintExitStatus(Error(ErrorCode::kDeviceNotReady, "no status before the job: x",
                              "printer_gone")) == 9);
  CHECK(PrintExitStatus(Error(ErrorCode::kDeviceNotReady, "x", "printer_offline")) == 6);
  CHECK(PrintExitStatus(Error(ErrorCode::kInvalidArgument, "no QR")) == 3);
  CHECK(PrintExitStatus(Error(ErrorCode::kInternal, "?")) == 1);
}

}  // namespace
}  // namespace kiosk::ctl
