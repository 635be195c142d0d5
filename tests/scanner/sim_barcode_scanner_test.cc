#include "drivers/scanner/sim_barcode_scanner.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "drivers/scanner/wait_for_scan.h"
#include "tests/scanner/scanner_test_support.h"

namespace kiosk::devices {
namespace {

using namespace std::chrono_literals;
using testing::ScanCollector;

const std::string kLicences = std::string(KIOSK_CONFIG_DIR) + "/sim/business_licenses.json";

TEST_CASE("the simulator scans the test licences by id only while scanning is on") {
  auto scanner = SimBarcodeScanner::Create(kLicences);
  REQUIRE(scanner.has_value());
  CHECK((*scanner)->LicenceIds() == std::vector<std::string>{"haian-biomed", "minghui-lighting",
                                                             "pengcheng-zs", "yunfan-tech"});
  ScanCollector collector;
  collector.Attach(**scanner);
  auto ignored = (*scanner)->ScanLicence("yunfan-tech");
  REQUIRE_FALSE(ignored.has_value());
  CHECK(ignored.error().code == ErrorCode::kDeviceNotReady);
  CHECK(collector.ScanCount() == 0);

  REQUIRE((*scanner)->StartScanning().has_value());
  CHECK((*scanner)->State() == ScannerState::kOn);
  REQUIRE((*scanner)->ScanLicence("yunfan-tech").has_value());
  auto scans = collector.WaitForScans(1, 0ms);
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].symbology == Symbology::kQrCode);
  REQUIRE(scans[0].payload.has_value());
  CHECK(scans[0].payload->kind == PayloadKind::kBusinessLicense);
  CHECK(scans[0].payload->credit_code == "91440300557193620Y");

  auto unknown = (*scanner)->ScanLicence("no-such-company");
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().code == ErrorCode::kNotFound);
}

TEST_CASE("the simulator fails in each way a scanner does") {
  SimBarcodeScanner scanner;
  ScanCollector collector;
  collector.Attach(scanner);
  REQUIRE(scanner.StartScanning().has_value());

  scanner.SetFault(SimScanFault::kGarbled);
  REQUIRE(scanner.Scan("ESSC1:q8Zr3VxN0m5T-bH7yKdL2wQ9sJc_EuA4gFiR6tPo").has_value());
  scanner.SetFault(SimScanFault::kIncomplete);
  REQUIRE(scanner.Scan("NHSA1:q8Zr3VxN0m5T-bH7yKdL2wQ9sJc_EuA4gFiR6tPo").has_value());
  REQUIRE(scanner.Scan(std::string(3000, 'x')).has_value());
  REQUIRE(scanner.Scan("line one\nline two").has_value());
  REQUIRE(scanner.Scan("plain").has_value());  // The fault was for one scan only.
  auto scans = collector.WaitForScans(5, 0ms);
  REQUIRE(scans.size() == 5);
  CHECK(scans[0].payload.error().reason == scan_reason::kInvalidUtf8);
  CHECK(scans[1].payload.error().reason == scan_reason::kIncompleteScan);
  CHECK(scans[2].payload.error().reason == scan_reason::kTooLong);
  CHECK(scans[3].payload.error().reason == scan_reason::kControlCharacter);
  CHECK(scans[4].payload->kind == PayloadKind::kText);

  scanner.SetUnplugged(true);
  CHECK(collector.WaitForState(ScannerState::kInoperative, 0ms));
  CHECK_FALSE(scanner.Scan("lost").has_value());
  auto refused = scanner.StartScanning();
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == ErrorCode::kDeviceNotReady);
  scanner.SetUnplugged(false);
  CHECK(scanner.State() == ScannerState::kOff);
  REQUIRE(scanner.StartScanning().has_value());
  scanner.StopScanning();
  CHECK(scanner.State() == ScannerState::kOff);
}

TEST_CASE("WaitForScan: the first scan a timeout or the scanner's failure") {
  SimBarcodeScanner scanner;
  auto timed_out = WaitForScan(scanner, 50ms);
  REQUIRE_FALSE(timed_out.has_value());
  CHECK(timed_out.error().code == ErrorCode::kTimeout);
  CHECK(timed_out.error().detail == "no code read by simulated scanner within 0.05 s");
  CHECK(scanner.State() == ScannerState::kOff);

  std::thread presenter([&] {
    while (!scanner.Scan("hello").has_value()) std::this_thread::sleep_for(5ms);
  });
  auto scan = WaitForScan(scanner, 10s);
  presenter.join();
  REQUIRE(scan.has_value());
  CHECK(scan->raw == "hello");
  CHECK(scanner.State() == ScannerState::kOff);

  std::thread unplugger([&] {
    while (scanner.State() != ScannerState::kOn) std::this_thread::sleep_for(5ms);
    scanner.SetUnplugged(true);
  });
  auto failed = WaitForScan(scanner, 10s);
  unplugger.join();
  REQUIRE_FALSE(failed.has_value());
  CHECK(failed.error().code == ErrorCode::kDevice);
}

TEST_CASE("a broken licence file is refused with the reason") {
  testing::TempDir dir;
  std::ofstream(dir / "licences.json") << R"({"businesses": [{"id": "x"}]})";
  auto scanner = SimBarcodeScanner::Create((dir / "licences.json").string());
  REQUIRE_FALSE(scanner.has_value());
  CHECK(scanner.error().detail.find("qr_payload") != std::string::npos);
  auto missing = SimBarcodeScanner::Create((dir / "absent.json").string());
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == ErrorCode::kIo);
}

}  // namespace
}  // namespace kiosk::devices
