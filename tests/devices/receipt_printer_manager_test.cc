// The receipt printer through the device manager and the kiosk's real
// openers: an ESC/POS printer on TCP (the emulator answering DLE EOT) whose
// paper runs low and out, which goes away and comes back on the same
// address; the receipt that failed is kept and printed again once the
// printer is back.

#include <catch2/catch.hpp>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "drivers/manager/device_manager.h"
#include "drivers/printer/receipt_printer_settings.h"
#include "kiosk/app/real_devices.h"
#include "tests/emulators/escpos_printer_emulator.h"
#include "tests/support/escpos_decoder.h"
#include "tests/support/temp_dir.h"

namespace kiosk::devices {
namespace {

using namespace std::chrono_literals;
using kiosk::testing::TempDir;

const std::string kConfig = KIOSK_CONFIG_DIR;

void Write(const std::string& path, const nlohmann::json& json) {
  std::ofstream(path) << json.dump(2);
}

// The printer's reports as they come from the manager's thread.
class PrinterReports {
 public:
  DeviceManager::StatusHandler Handler() {
    return [this](const DeviceReport& report) {
      if (report.device_class != DeviceClass::kReceiptPrinter) return;
      std::lock_guard lock(mutex_);
      last_ = report;
      changed_.notify_all();
    };
  }
  bool WaitFor(DeviceState state, PaperState paper, std::chrono::milliseconds timeout = 10s) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout,
                             [&] { return last_.state == state && last_.paper == paper; });
  }
  bool WaitForPaper(PaperState paper, std::chrono::milliseconds timeout = 10s) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return last_.paper == paper; });
  }
  DeviceReport Last() {
    std::lock_guard lock(mutex_);
    return last_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  DeviceReport last_;
};

ReceiptDocument Receipt(const std::string& text) {
  ReceiptDocument document;
  document.elements.push_back(Text{.text = text});
  document.elements.push_back(Cut{});
  return document;
}

std::vector<std::string> PrintedLines(const emulators::EscPosPrinterEmulator& printer) {
  const auto printed = printer.Printed();
  auto decoded = testing::DecodeEscPos(printed);
  std::vector<std::string> lines;
  for (const auto& job : decoded.jobs) {
    for (const auto& line : job.lines) lines.push_back(line.text);
  }
  return lines;
}

}  // namespace

TEST_CASE("a receipt printer on TCP: paper states reported, lost, reopened, failed job reprinted") {
  auto first = emulators::EscPosPrinterEmulator::ListenTcp();
  REQUIRE(first);
  const std::uint16_t port = (*first)->Port();

  TempDir dir;
  Write(dir.File("receipt_printer.json"), {{"format_version", 1},
                                           {"uri", "tcp://127.0.0.1:" + std::to_string(port)},
                                           {"model", "epson-tm-t88v"},
                                           {"profiles", kConfig + "/printers"},
                                           {"connect_timeout_ms", 300},
                                           {"status_timeout_ms", 200}});
  Write(dir.File("hardware.json"),
        {{"format_version", 1},
         {"watch_interval_ms", 50},
         {"reopen_interval_ms", 100},
         {"reopen_max_interval_ms", 400},
         {"devices",
          {{"receipt_printer", {{"backend", "escpos"}, {"profile", "receipt_printer.json"}}},
           {"card_reader", {{"backend", "none"}}}}}});
  auto profile = LoadHardwareProfile(dir.File("hardware.json"));
  REQUIRE(profile);

  PrinterReports reports;
  DeviceManager manager(*profile, RealDeviceOpeners());
  manager.SetStatusHandler(reports.Handler());
  manager.Start();
  REQUIRE(reports.WaitFor(DeviceState::kOnline, PaperState::kFull));
  CHECK(reports.Last().backend == "escpos");

  ManagedReceiptPrinter& printer = manager.receipt_printer();
  REQUIRE(printer.Print(Receipt("第一张凭条")));
  CHECK(PrintedLines(**first) == std::vector<std::string>{"第一张凭条"});

  (*first)->SetPaperNearEnd(true);
  REQUIRE(reports.WaitFor(DeviceState::kOnline, PaperState::kLow));
  CHECK(reports.Last().CanPrint());
  CHECK(reports.Last().detail == "paper low");

  (*first)->SetPaperOut(true);
  // A printer out of paper also goes offline (DLE EOT 1 bit 3); either
  // way it cannot print.
  REQUIRE(reports.WaitForPaper(PaperState::kOut));
  CHECK_FALSE(reports.Last().CanPrint());
  auto refused = printer.Print(Receipt("第二张凭条"));
  REQUIRE_FALSE(refused);
  CHECK(refused.error().reason == "paper_out");
  CHECK(printer.HasFailedJob());

  // Switched off: the manager reports it gone and keeps trying to reopen.
  (*first)->GoAway();
  REQUIRE(reports.WaitFor(DeviceState::kNoDevice, PaperState::kUnknown));
  std::this_thread::sleep_for(300ms);
  CHECK(reports.Last().detail.find(std::to_string(port)) != std::string::npos);
  auto gone = printer.Print(Receipt("第三张凭条"));
  REQUIRE_FALSE(gone);
  CHECK(gone.error().code == ErrorCode::kDeviceNotReady);
  CHECK(printer.HasFailedJob());

  // Back on the same address with new paper: reopened, and staff print the
  // receipt that failed last (the third).
  first->reset();
  auto second = emulators::EscPosPrinterEmulator::ListenTcp(port);
  REQUIRE(second);
  REQUIRE(reports.WaitFor(DeviceState::kOnline, PaperState::kFull));
  REQUIRE(printer.ReprintFailedJob());
  CHECK_FALSE(printer.HasFailedJob());
  CHECK(PrintedLines(**second) == std::vector<std::string>{"第三张凭条"});
  auto again = printer.ReprintFailedJob();
  REQUIRE_FALSE(again);
  CHECK(again.error().code == ErrorCode::kSequence);
  manager.Stop();
}

TEST_CASE("receipt printer settings") {
  auto shipped = LoadReceiptPrinterSettings(kConfig + "/devices/receipt_printer.json");
  REQUIRE(shipped);
  CHECK(shipped->uri.kind == PrinterTransportKind::kUsb);
  CHECK(shipped->model == "generic-80mm");
  CHECK(shipped->profiles_dir == kConfig + "/printers");

  TempDir dir;
  auto refused = [&](const nlohmann::json& json) {
    Write(dir.File("printer.json"), json);
    auto loaded = LoadReceiptPrinterSettings(dir.File("printer.json"));
    REQUIRE_FALSE(loaded);
    return loaded.error().detail;
  };
  CHECK(refused({{"format_version", 1}}).find("\"uri\" is required") != std::string::npos);
  CHECK(refused({{"format_version", 1}, {"uri", "lpt:1"}}).find("\"uri\"") != std::string::npos);
  CHECK(refused({{"format_version", 1}, {"uri", "tcp://h:9100"}, {"baud", 9600}})
            .find("\"baud\" is not understood") != std::string::npos);
  CHECK(refused({{"format_version", 1}, {"uri", "tcp://h:9100"}, {"status_timeout_ms", 0}})
            .find("status_timeout_ms") != std::string::npos);

  // A model that has no profile is refused when the printer is opened.
  ReceiptPrinterSettings settings;
  settings.uri.host = "127.0.0.1";
  settings.uri.port = 9;
  settings.profiles_dir = kConfig + "/printers";
  settings.model = "no-such-model";
  auto opened = OpenEscPosReceiptPrinter(settings);
  REQUIRE_FALSE(opened);
  CHECK(opened.error().code == ErrorCode::kNotFound);
}

}  // namespace kiosk::devices
