// The ESC/POS printer driver against the emulated printer, over TCP and
// over a pty: what reaches paper is decoded back into lines, QR payloads
// and cuts, and every fault the emulator can produce is reported.

#include "drivers/printer/escpos_receipt_printer.h"

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "drivers/printer/printer_transports.h"
#include "tests/emulators/escpos_printer_emulator.h"
#include "tests/printer/decode_helpers.h"

namespace kiosk::devices {
namespace {

using emulators::EscPosPrinterEmulator;
using std::chrono::milliseconds;

// Short, so the "printer gone" cases do not wait long; the emulator
// answers within a millisecond or two.
constexpr EscPosTimings kTimings{.status_timeout = milliseconds(300),
                                 .write_timeout = milliseconds(2000)};

enum class Line { kTcp, kPty };

struct Rig {
  std::unique_ptr<EscPosPrinterEmulator> emulator;
  std::unique_ptr<EscPosReceiptPrinter> printer;
};

Rig Connect(Line line, const PrinterProfile& profile = Generic80mmProfile()) {
  Rig rig;
  Result<std::unique_ptr<PrinterTransport>> transport;
  if (line == Line::kTcp) {
    auto emulator = EscPosPrinterEmulator::ListenTcp();
    REQUIRE(emulator.has_value());
    rig.emulator = std::move(*emulator);
    transport = ConnectTcpPrinter("127.0.0.1", rig.emulator->Port(), milliseconds(1000));
  } else {
    auto emulator = EscPosPrinterEmulator::OpenPty();
    REQUIRE(emulator.has_value());
    rig.emulator = std::move(*emulator);
    transport = OpenSerialPrinter(rig.emulator->PortPath(), 115200);
  }
  INFO((transport ? std::string() : transport.error().Describe()));
  REQUIRE(transport.has_value());
  rig.printer = std::make_unique<EscPosReceiptPrinter>(std::move(*transport), profile, kTimings);
  return rig;
}

ReceiptDocument SocialSecurityReceipt() {
  return ReceiptDocument{{
      Title{"参保缴费凭证"},
      Text{"单位：北京市朝阳区人力资源和社会保障局"},
      KeyValue{"姓名", "张三"},
      KeyValue{"缴费金额", "1,234.50元"},
      KeyValue{"Ref", "SB-2026-0001"},
      Separator{'-'},
      QrCode{"https://si.example.gov.cn/v?id=SB-2026-0001", 6},
      Text{"请妥善保管", Align::kCenter},
      Cut{},
  }};
}

std::string Describe(const Result<void>& result) {
  return result ? std::string("ok") : result.error().Describe() + " [" + result.error().reason + "]";
}

TEST_CASE("a receipt printed over TCP and over a pty decodes back to the document",
          "[printer][escpos][emulator]") {
  const Line line = GENERATE(Line::kTcp, Line::kPty);
  INFO((line == Line::kTcp ? "tcp" : "pty"));
  Rig rig = Connect(line);

  const auto printed = rig.printer->Print(SocialSecurityReceipt());
  INFO(Describe(printed));
  REQUIRE(printed.has_value());
  CHECK(rig.emulator->StatusQueriesAnswered() == 8);  // DLE EOT 1-4 before and after.

  // What reached paper is exactly the encoder's job.
  CHECK(rig.emulator->Printed() ==
        EncodeReceipt(SocialSecurityReceipt(), Generic80mmProfile()).value());
  const testing::DecodedStream decoded =
      testing::DecodeFor(Generic80mmProfile(), rig.emulator->Printed());
  REQUIRE(decoded.jobs.size() == 1);
  const testing::DecodedJob& job = decoded.jobs.front();
  CHECK(job.sent_enter_chinese_mode);
  REQUIRE(job.lines.size() >= 6);
  CHECK(job.lines[0].text == "参保缴费凭证");
  CHECK(job.lines[0].width_magnification == 2);
  CHECK(job.lines[0].emphasized);
  CHECK(job.lines[1].text == "单位：北京市朝阳区人力资源和社会保障局");
  // Mixed-width columns: every key-value line is exactly 48 columns, the
  // value flush right whatever mix of Chinese and ASCII it holds.
  for (std::size_t i = 2; i <= 4; ++i) CHECK(job.lines[i].columns == 48);
  CHECK(job.lines[2].text == "姓名" + std::string(48 - 4 - 4, ' ') + "张三");
  CHECK(job.lines[3].text.ends_with(" 1,234.50元"));
  CHECK(job.lines[4].text == "Ref" + std::string(48 - 3 - 12, ' ') + "SB-2026-0001");
  CHECK(job.lines[5].text == std::string(48, '-'));
  REQUIRE(job.qr_codes.size() == 1);
  CHECK(job.qr_codes[0].payload == "https://si.example.gov.cn/v?id=SB-2026-0001");
  CHECK(job.qr_codes[0].module_size == 6);
  CHECK(job.qr_codes[0].error_correction == 'M');
  CHECK(job.lines.back().text == "请妥善保管");
  CHECK(job.lines.back().align == testing::DecodedAlign::kCenter);
  REQUIRE(job.cuts.size() == 1);
  CHECK(job.cuts[0].partial);

  const PrinterStatus status = rig.printer->Status();
  CHECK(status.device == DeviceState::kOnline);
  CHECK(status.paper == PaperState::kFull);
  CHECK(status.cover == CoverState::kClosed);
}

TEST_CASE("paper near its end still prints and is reported", "[printer][escpos][emulator]") {
  Rig rig = Connect(Line::kTcp);
  rig.emulator->SetPaperNearEnd(true);
  REQUIRE(rig.printer->Print(SocialSecurityReceipt()).has_value());
  CHECK(rig.printer->Status().paper == PaperState::kLow);
  CHECK_THAT(rig.printer->Status().detail, Catch::Contains("paper near its end"));
}

TEST_CASE("paper out before a job refuses it and prints nothing", "[printer][escpos][emulator]") {
  const Line line = GENERATE(Line::kTcp, Line::kPty);
  Rig rig = Connect(line);
  rig.emulator->SetPaperOut(true);
  const auto printed = rig.printer->Print(SocialSecurityReceipt());
  INFO(Describe(printed));
  REQUIRE_FALSE(printed.has_value());
  CHECK(printed.error().code == ErrorCode::kDeviceNotReady);
  CHECK(printed.error().reason == "paper_out");
  CHECK_THAT(printed.error().detail, Catch::Contains("before the job"));
  CHECK(rig.emulator->StatusQueriesAnswered() == 4);
  CHECK(rig.emulator->Printed().empty());
  CHECK(rig.printer->Status().paper == PaperState::kOut);

  // Paper loaded: the same printer object prints again.
  rig.emulator->SetPaperOut(false);
  CHECK(rig.printer->Print(SocialSecurityReceipt()).has_value());
}

TEST_CASE("paper running out during a job fails the job", "[printer][escpos][emulator]") {
  const Line line = GENERATE(Line::kTcp, Line::kPty);
  Rig rig = Connect(line);
  rig.emulator->RunOutOfPaperAfter(40);
  const auto printed = rig.printer->Print(SocialSecurityReceipt());
  INFO(Describe(printed));
  REQUIRE_FALSE(printed.has_value());
  CHECK(printed.error().code == ErrorCode::kDevice);
  CHECK(printed.error().reason == "paper_out_during_job");
  CHECK_THAT(printed.error().detail, Catch::Contains("after the job"));
  CHECK(rig.emulator->Printed().size() == 40);
  CHECK(rig.printer->Status().paper == PaperState::kOut);
}

TEST_CASE("an open cover refuses a job", "[printer][escpos][emulator]") {
  Rig rig = Connect(Line::kTcp);
  rig.emulator->SetCoverOpen(true);
  const auto printed = rig.printer->Print(SocialSecurityReceipt());
  REQUIRE_FALSE(printed.has_value());
  CHECK(printed.error().code == ErrorCode::kDeviceNotReady);
  CHECK(printed.error().reason == "cover_open");
  CHECK(rig.printer->Status().cover == CoverState::kOpen);
  CHECK(rig.printer->Status().device == DeviceState::kOffline);
  CHECK(rig.emulator->Printed().empty());
}

TEST_CASE("a printer that is gone is reported gone", "[printer][escpos][emulator]") {
  const Line line = GENERATE(Line::kTcp, Line::kPty);
  INFO((line == Line::kTcp ? "tcp" : "pty"));
  Rig rig = Connect(line);
  REQUIRE(rig.printer->Refresh().device == DeviceState::kOnline);
  rig.emulator->GoAway();
  // The emulator closes within one of its 20 ms turns.
  std::this_thread::sleep_for(milliseconds(100));

  const auto printed = rig.printer->Print(SocialSecurityReceipt());
  INFO(Describe(printed));
  REQUIRE_FALSE(printed.has_value());
  CHECK(printed.error().reason == "printer_gone");
  CHECK(rig.printer->Status().device == DeviceState::kNoDevice);
  CHECK(rig.emulator->Printed().empty());
  CHECK(rig.printer->Refresh().device == DeviceState::kNoDevice);

  if (line == Line::kTcp) {
    // Nothing listens any more.
    auto again = ConnectTcpPrinter("127.0.0.1", rig.emulator->Port(), milliseconds(500));
    REQUIRE_FALSE(again.has_value());
    CHECK(again.error().code == ErrorCode::kDeviceNotReady);
  }
}

TEST_CASE("status bytes without the 0xx1xx10 pattern are refused", "[printer][escpos][emulator]") {
  Rig rig = Connect(Line::kTcp);
  rig.emulator->AnswerStatusWith(0xFF);
  const PrinterStatus status = rig.printer->Refresh();
  CHECK(status.device == DeviceState::kNoDevice);
  CHECK_THAT(status.detail, Catch::Contains("0xFF"));
  const auto printed = rig.printer->Print(SocialSecurityReceipt());
  REQUIRE_FALSE(printed.has_value());
  CHECK(rig.emulator->Printed().empty());
}

TEST_CASE("the last job can be reprinted", "[printer][escpos][emulator]") {
  Rig rig = Connect(Line::kTcp);
  CHECK_FALSE(rig.printer->HasLastJob());
  const auto none = rig.printer->Reprint();
  REQUIRE_FALSE(none.has_value());
  CHECK(none.error().code == ErrorCode::kSequence);

  REQUIRE(rig.printer->Print(SocialSecurityReceipt()).has_value());
  CHECK(rig.printer->HasLastJob());
  REQUIRE(rig.printer->Reprint().has_value());
  const testing::DecodedStream decoded =
      testing::DecodeFor(Generic80mmProfile(), rig.emulator->Printed());
  REQUIRE(decoded.jobs.size() == 2);
  CHECK(decoded.jobs[0].lines.size() == decoded.jobs[1].lines.size());
  CHECK(decoded.jobs[1].lines[0].text == "参保缴费凭证");

  // A job that failed for lack of paper is the one kept for a reprint.
  rig.emulator->SetPaperOut(true);
  ReceiptDocument other{{Text{"第二张"}, Cut{}}};
  REQUIRE_FALSE(rig.printer->Print(other).has_value());
  rig.emulator->SetPaperOut(false);
  REQUIRE(rig.printer->Reprint().has_value());
  const testing::DecodedStream after =
      testing::DecodeFor(Generic80mmProfile(), rig.emulator->Printed());
  REQUIRE(after.jobs.size() == 3);
  CHECK(after.jobs[2].lines[0].text == "第二张");
}

TEST_CASE("a model without DLE EOT gets its jobs sent blind", "[printer][escpos][emulator]") {
  PrinterProfile profile = Generic58mmProfile();
  profile.dle_eot_status = false;
  Rig rig = Connect(Line::kTcp, profile);
  rig.emulator->SetPaperNearEnd(true);
  REQUIRE(rig.printer->Print(SocialSecurityReceipt()).has_value());
  CHECK(rig.printer->Refresh().device == DeviceState::kOnline);
  CHECK(rig.printer->Status().paper == PaperState::kUnknown);
  CHECK_THAT(rig.printer->Status().detail, Catch::Contains("has no DLE EOT status"));
  CHECK(rig.emulator->StatusQueriesAnswered() == 0);
  // The emulator has taken the bytes once a round trip of its own is done.
  for (int i = 0; i < 50 && rig.emulator->Printed().size() <
                                EncodeReceipt(SocialSecurityReceipt(), profile)->size();
       ++i) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  CHECK(rig.emulator->Printed() == EncodeReceipt(SocialSecurityReceipt(), profile).value());
}

TEST_CASE("connecting to a port nobody listens on is refused at once", "[printer][escpos]") {
  auto emulator = EscPosPrinterEmulator::ListenTcp();
  REQUIRE(emulator.has_value());
  const std::uint16_t port = (*emulator)->Port();
  emulator->reset();
  auto transport = ConnectTcpPrinter("127.0.0.1", port, milliseconds(500));
  REQUIRE_FALSE(transport.has_value());
  CHECK(transport.error().code == ErrorCode::kDeviceNotReady);
  CHECK_THAT(transport.error().detail, Catch::Contains("127.0.0.1:"));

  auto missing = OpenSerialPrinter("/dev/does-not-exist", 9600);
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == ErrorCode::kNotFound);
  auto not_tty = OpenSerialPrinter("/dev/null", 9600);
  REQUIRE_FALSE(not_tty.has_value());
  CHECK(not_tty.error().code == ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace kiosk::devices
