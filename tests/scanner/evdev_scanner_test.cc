// EvdevBarcodeScanner over a pipe of recorded input_event sequences. A test
// through the kernel's input layer would need /dev/uinput to create a
// virtual keyboard; the machines these tests run on have none (no
// /dev/uinput, no /dev/input), so the reader thread, the framing of
// input_event records split across reads, the timeout flush and the
// end-of-stream handling are tested through the pipe, and EVIOCGRAB only by
// its refusal on a non-evdev node.

#include "drivers/scanner/evdev_scanner.h"

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <thread>

#include "tests/scanner/keystroke_script.h"
#include "tests/scanner/scanner_test_support.h"

namespace kiosk::devices {
namespace {

using namespace std::chrono_literals;
using testing::KeystrokeScript;
using testing::ScanCollector;

struct Pipe {
  int read_end = -1;
  int write_end = -1;
  Pipe() {
    int fds[2];
    REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
    read_end = fds[0];
    write_end = fds[1];
  }
  ~Pipe() { CloseWriter(); }
  void Write(const std::string& bytes) const {
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t wrote = ::write(write_end, bytes.data() + done, bytes.size() - done);
      REQUIRE(wrote > 0);
      done += static_cast<std::size_t>(wrote);
    }
  }
  void CloseWriter() {
    if (write_end >= 0) ::close(write_end);
    write_end = -1;
  }
};

const std::string kToken = "q8Zr3VxN0m5T-bH7yKdL2wQ9sJc_EuA4gFiR6tPoXnB1lDz8vMhYeWkS0aCjU";

TEST_CASE("scans typed into the pipe arrive once each classified the last by the timeout") {
  Pipe pipe;
  EvdevScannerOptions options;
  options.grab = false;
  auto scanner = EvdevBarcodeScanner::FromDescriptor(pipe.read_end, "test pipe", options);
  ScanCollector collector;
  collector.Attach(*scanner);
  CHECK(scanner->State() == ScannerState::kOff);
  REQUIRE(scanner->StartScanning().has_value());
  CHECK(scanner->State() == ScannerState::kOn);

  KeystrokeScript script;
  script.Type("ESSC1:" + kToken).Key(KEY_ENTER);
  script.Type("https://www.gdzwfw.gov.cn/ymtx/yyzz?uscc=91440300557193620Y&v=1").Key(KEY_ENTER);
  script.Type("NO-ENTER");  // Ended by the 50 ms inter-key timeout.
  // Written in uneven pieces, so input_event records are split across reads.
  const std::string bytes = script.Bytes();
  for (std::size_t at = 0; at < bytes.size(); at += 1000) pipe.Write(bytes.substr(at, 1000));

  auto scans = collector.WaitForScans(3, 5s);
  REQUIRE(scans.size() == 3);
  REQUIRE(scans[0].payload.has_value());
  CHECK(scans[0].payload->kind == PayloadKind::kElectronicSocialSecurityCard);
  CHECK(scans[0].payload->token == kToken);
  CHECK(scans[0].symbology == Symbology::kUnknown);
  REQUIRE(scans[1].payload.has_value());
  CHECK(scans[1].payload->kind == PayloadKind::kBusinessLicense);
  CHECK(scans[1].payload->credit_code == "91440300557193620Y");
  CHECK(scans[2].raw == "NO-ENTER");
  REQUIRE(scans[2].payload.has_value());
  CHECK(scans[2].payload->kind == PayloadKind::kText);

  scanner->StopScanning();
  CHECK(scanner->State() == ScannerState::kOff);
  std::this_thread::sleep_for(100ms);
  CHECK(collector.ScanCount() == 3);  // Each scan once.
}

TEST_CASE("keys typed while scanning is off are discarded not delivered later") {
  Pipe pipe;
  EvdevScannerOptions options;
  options.grab = false;
  auto scanner = EvdevBarcodeScanner::FromDescriptor(pipe.read_end, "test pipe", options);
  ScanCollector collector;
  collector.Attach(*scanner);
  pipe.Write(KeystrokeScript().Type("STALE").Key(KEY_ENTER).Bytes());
  REQUIRE(scanner->StartScanning().has_value());
  pipe.Write(KeystrokeScript(9'000'000).Type("FRESH").Key(KEY_ENTER).Bytes());
  auto scans = collector.WaitForScans(1, 5s);
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].raw == "FRESH");
}

TEST_CASE("an AIM identifier names the symbology and is stripped") {
  Pipe pipe;
  EvdevScannerOptions options;
  options.grab = false;
  options.aim_identifier = true;
  auto scanner = EvdevBarcodeScanner::FromDescriptor(pipe.read_end, "test pipe", options);
  ScanCollector collector;
  collector.Attach(*scanner);
  REQUIRE(scanner->StartScanning().has_value());
  pipe.Write(KeystrokeScript().Type("]Q1NHSA1:" + kToken).Key(KEY_ENTER).Bytes());
  auto scans = collector.WaitForScans(1, 5s);
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].symbology == Symbology::kQrCode);
  REQUIRE(scans[0].payload.has_value());
  CHECK(scans[0].payload->kind == PayloadKind::kMedicalInsuranceCode);
}

TEST_CASE("a refused scan is still delivered with the reason") {
  Pipe pipe;
  EvdevScannerOptions options;
  options.grab = false;
  auto scanner = EvdevBarcodeScanner::FromDescriptor(pipe.read_end, "test pipe", options);
  ScanCollector collector;
  collector.Attach(*scanner);
  REQUIRE(scanner->StartScanning().has_value());
  pipe.Write(KeystrokeScript().Type("ab").Key(KEY_F5).Key(KEY_ENTER).Bytes());
  pipe.Write(KeystrokeScript(3'000'000)
                 .Type("https://www.gdzwfw.gov.cn/ymtx/yyzz?uscc=91440300557193620X")
                 .Key(KEY_ENTER)
                 .Bytes());
  auto scans = collector.WaitForScans(2, 5s);
  REQUIRE(scans.size() == 2);
  REQUIRE_FALSE(scans[0].payload.has_value());
  CHECK(scans[0].payload.error().reason == scan_reason::kIncompleteScan);
  REQUIRE_FALSE(scans[1].payload.has_value());
  CHECK(scans[1].payload.error().reason == scan_reason::kBadCreditCode);
}

TEST_CASE("the end of the stream (an unplugged scanner) makes the scanner inoperative") {
  Pipe pipe;
  EvdevScannerOptions options;
  options.grab = false;
  auto scanner = EvdevBarcodeScanner::FromDescriptor(pipe.read_end, "test pipe", options);
  ScanCollector collector;
  collector.Attach(*scanner);
  REQUIRE(scanner->StartScanning().has_value());
  pipe.Write(KeystrokeScript().Type("HALF").Bytes());
  pipe.CloseWriter();
  CHECK(collector.WaitForState(ScannerState::kInoperative, 5s));
  CHECK(scanner->State() == ScannerState::kInoperative);
  // What was typed before the end still arrives.
  auto scans = collector.WaitForScans(1, 1s);
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].raw == "HALF");
  auto restarted = scanner->StartScanning();
  REQUIRE_FALSE(restarted.has_value());
  CHECK(restarted.error().code == ErrorCode::kDeviceNotReady);
  scanner->StopScanning();
}

TEST_CASE("opening what is not a keyboard event node fails precisely") {
  auto missing = EvdevBarcodeScanner::Open("/dev/input/event-does-not-exist");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == ErrorCode::kNotFound);
  auto not_evdev = EvdevBarcodeScanner::Open("/dev/null");
  REQUIRE_FALSE(not_evdev.has_value());
  CHECK(not_evdev.error().code == ErrorCode::kInvalidArgument);
  CHECK(not_evdev.error().detail == "/dev/null is not an evdev input device");
}

}  // namespace
}  // namespace kiosk::devices
