// SerialBarcodeScanner through a real pty pair (openpty): the scanner opens
// the slave side like /dev/ttyACM0, a writer thread plays the scanner on
// the master side.

#include "drivers/scanner/serial_scanner.h"

#include <pty.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <thread>

#include "drivers/scanner/line_assembler.h"
#include "tests/scanner/scanner_test_support.h"

namespace kiosk::devices {
namespace {

using namespace std::chrono_literals;
using testing::ScanCollector;

class PtyPair {
 public:
  PtyPair() {
    char name[256] = {};
    REQUIRE(::openpty(&master_, &slave_, name, nullptr, nullptr) == 0);
    slave_path_ = name;
  }
  ~PtyPair() {
    CloseMaster();
    if (slave_ >= 0) ::close(slave_);
  }
  // The slave stays open here too, so the line does not hang up between
  // the scanner's open and the writer's first byte.
  const std::string& SlavePath() const { return slave_path_; }
  void Write(const std::string& bytes) const {
    REQUIRE(::write(master_, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
  }
  void CloseMaster() {
    if (master_ >= 0) ::close(master_);
    master_ = -1;
  }
  void CloseSlave() {
    if (slave_ >= 0) ::close(slave_);
    slave_ = -1;
  }

 private:
  int master_ = -1;
  int slave_ = -1;
  std::string slave_path_;
};

const std::string kLicence = "https://www.gdzwfw.gov.cn/ymtx/yyzz?uscc=91442000686370259U&v=1";
const std::string kToken = "q8Zr3VxN0m5T-bH7yKdL2wQ9sJc_EuA4gFiR6tPoXnB1lDz8vMhYeWkS0aCjU";

TEST_CASE("CR LF framed scans from a writer thread arrive whole in order once") {
  PtyPair pty;
  auto scanner = SerialBarcodeScanner::Open(pty.SlavePath(), {});
  REQUIRE(scanner.has_value());
  CHECK((*scanner)->Name().find("9600 baud") != std::string::npos);
  ScanCollector collector;
  collector.Attach(**scanner);
  REQUIRE((*scanner)->StartScanning().has_value());
  std::thread writer([&] {
    // A scanner's burst, cut at awkward places.
    const std::string stream = kLicence + "\r\nNHSA1:" + kToken + "\r\n社保卡\r\n";
    for (std::size_t at = 0; at < stream.size(); at += 7) {
      pty.Write(stream.substr(at, 7));
      std::this_thread::sleep_for(1ms);
    }
  });
  writer.join();
  auto scans = collector.WaitForScans(3, 5s);
  REQUIRE(scans.size() == 3);
  REQUIRE(scans[0].payload.has_value());
  CHECK(scans[0].payload->kind == PayloadKind::kBusinessLicense);
  CHECK(scans[0].payload->credit_code == "91442000686370259U");
  REQUIRE(scans[1].payload.has_value());
  CHECK(scans[1].payload->kind == PayloadKind::kMedicalInsuranceCode);
  REQUIRE(scans[2].payload.has_value());
  CHECK(scans[2].payload->text == "社保卡");
  (*scanner)->StopScanning();
  std::this_thread::sleep_for(50ms);
  CHECK(collector.ScanCount() == 3);
}

TEST_CASE("a scanner without a suffix is framed by the inter-byte timeout") {
  PtyPair pty;
  SerialScannerOptions options;
  options.baud = 115200;
  options.framing.terminators = "";
  options.framing.inter_byte_timeout = 80ms;
  auto scanner = SerialBarcodeScanner::Open(pty.SlavePath(), options);
  REQUIRE(scanner.has_value());
  ScanCollector collector;
  collector.Attach(**scanner);
  REQUIRE((*scanner)->StartScanning().has_value());
  std::thread writer([&] {
    pty.Write("ESSC1:");
    std::this_thread::sleep_for(20ms);  // Shorter than the timeout: same scan.
    pty.Write(kToken);
    std::this_thread::sleep_for(400ms);
    pty.Write("SECOND");
  });
  writer.join();
  auto scans = collector.WaitForScans(2, 5s);
  REQUIRE(scans.size() == 2);
  REQUIRE(scans[0].payload.has_value());
  CHECK(scans[0].payload->kind == PayloadKind::kElectronicSocialSecurityCard);
  CHECK(scans[1].raw == "SECOND");
}

TEST_CASE("bytes sent before scanning starts are flushed - AIM identifiers are understood") {
  PtyPair pty;
  SerialScannerOptions options;
  options.aim_identifier = true;
  auto scanner = SerialBarcodeScanner::Open(pty.SlavePath(), options);
  REQUIRE(scanner.has_value());
  ScanCollector collector;
  collector.Attach(**scanner);
  pty.Write("]Q1STALE\r\n");
  std::this_thread::sleep_for(50ms);
  REQUIRE((*scanner)->StartScanning().has_value());
  pty.Write("]d2FRESH\r");
  auto scans = collector.WaitForScans(1, 5s);
  REQUIRE(scans.size() == 1);
  CHECK(scans[0].raw == "FRESH");
  CHECK(scans[0].symbology == Symbology::kDataMatrix);
  std::this_thread::sleep_for(100ms);
  CHECK(collector.ScanCount() == 1);
}

TEST_CASE("bad bytes on the line are delivered as refused scans") {
  PtyPair pty;
  auto scanner = SerialBarcodeScanner::Open(pty.SlavePath(), {});
  REQUIRE(scanner.has_value());
  ScanCollector collector;
  collector.Attach(**scanner);
  REQUIRE((*scanner)->StartScanning().has_value());
  pty.Write("\xC9\xE7\xB1\xA3\r\n");  // 社保 in GBK, not UTF-8.
  pty.Write("a\x1b[31mred\r\n");      // An escape sequence.
  auto scans = collector.WaitForScans(2, 5s);
  REQUIRE(scans.size() == 2);
  REQUIRE_FALSE(scans[0].payload.has_value());
  CHECK(scans[0].payload.error().reason == scan_reason::kInvalidUtf8);
  REQUIRE_FALSE(scans[1].payload.has_value());
  CHECK(scans[1].payload.error().reason == scan_reason::kControlCharacter);
}

TEST_CASE("a hang-up (the scanner unplugged) makes the scanner inoperative") {
  PtyPair pty;
  auto scanner = SerialBarcodeScanner::Open(pty.SlavePath(), {});
  REQUIRE(scanner.has_value());
  ScanCollector collector;
  collector.Attach(**scanner);
  REQUIRE((*scanner)->StartScanning().has_value());
  pty.CloseSlave();
  pty.CloseMaster();
  CHECK(collector.WaitForState(ScannerState::kInoperative, 5s));
  CHECK((*scanner)->State() == ScannerState::kInoperative);
  (*scanner)->StopScanning();
}

TEST_CASE("opening a serial scanner fails precisely") {
  auto missing = SerialBarcodeScanner::Open("/dev/ttyACM-does-not-exist");
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == ErrorCode::kNotFound);
  auto not_tty = SerialBarcodeScanner::Open("/dev/null");
  REQUIRE_FALSE(not_tty.has_value());
  CHECK(not_tty.error().code == ErrorCode::kInvalidArgument);
  SerialScannerOptions odd;
  odd.baud = 12345;
  auto bad_speed = SerialBarcodeScanner::Open("/dev/null", odd);
  REQUIRE_FALSE(bad_speed.has_value());
  CHECK(bad_speed.error().detail == "12345 baud is not a standard serial speed");
}

TEST_CASE("line framing: CR LF pairs empty lines and overlong lines") {
  LineAssembler assembler;
  const std::string bytes = "a\r\n\r\nb\nc";
  auto scans = assembler.OnBytes(
      std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()));
  REQUIRE(scans.size() == 2);
  CHECK(scans[0].text == "a");
  CHECK(scans[1].text == "b");
  auto rest = assembler.Flush();
  REQUIRE(rest.has_value());
  CHECK(rest->text == "c");

  const std::string huge(LineAssembler::kMaxBytes + 10, 'x');
  auto none =
      assembler.OnBytes(std::span(reinterpret_cast<const std::uint8_t*>(huge.data()), huge.size()));
  CHECK(none.empty());
  const std::string end = "\r";
  auto overlong =
      assembler.OnBytes(std::span(reinterpret_cast<const std::uint8_t*>(end.data()), end.size()));
  REQUIRE(overlong.size() == 1);
  REQUIRE(overlong[0].problem.has_value());
  CHECK(overlong[0].problem->reason == scan_reason::kTooLong);
}

}  // namespace
}  // namespace kiosk::devices
