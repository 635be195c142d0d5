#include "drivers/printer/printer_uri.h"

#include <catch2/catch.hpp>
#include <string>

namespace kiosk::devices {
namespace {

std::string ErrorOf(std::string_view text) {
  auto uri = ParsePrinterUri(text);
  REQUIRE_FALSE(uri.has_value());
  CHECK(uri.error().code == ErrorCode::kInvalidArgument);
  return uri.error().detail;
}

TEST_CASE("printer URIs: tcp", "[printer][uri]") {
  auto uri = ParsePrinterUri("tcp://10.0.0.5:9100");
  REQUIRE(uri.has_value());
  CHECK(uri->kind == PrinterTransportKind::kTcp);
  CHECK(uri->host == "10.0.0.5");
  CHECK(uri->port == 9100);
  CHECK(ToString(*uri) == "tcp://10.0.0.5:9100");

  auto v6 = ParsePrinterUri("tcp://[fe80::1]:9101");
  REQUIRE(v6.has_value());
  CHECK(v6->host == "fe80::1");
  CHECK(v6->port == 9101);
  CHECK(ToString(*v6) == "tcp://[fe80::1]:9101");

  CHECK(ParsePrinterUri("tcp://printer.local:9100")->host == "printer.local");

  CHECK_THAT(ErrorOf("tcp://10.0.0.5"), Catch::Contains("port is missing"));
  CHECK_THAT(ErrorOf("tcp://10.0.0.5:"), Catch::Contains("port '' is not a number"));
  CHECK_THAT(ErrorOf("tcp://10.0.0.5:0"), Catch::Contains("1-65535"));
  CHECK_THAT(ErrorOf("tcp://10.0.0.5:65536"), Catch::Contains("1-65535"));
  CHECK_THAT(ErrorOf("tcp://10.0.0.5:91x"), Catch::Contains("'91x'"));
  CHECK_THAT(ErrorOf("tcp://:9100"), Catch::Contains("host is empty"));
  CHECK_THAT(ErrorOf("tcp://fe80::1:9100"), Catch::Contains("brackets"));
  CHECK_THAT(ErrorOf("tcp://[fe80::1:9100"), Catch::Contains("without ']'"));
  CHECK_THAT(ErrorOf("tcp://host/path:9100"), Catch::Contains("'/'"));
}

TEST_CASE("printer URIs: serial", "[printer][uri]") {
  auto plain = ParsePrinterUri("serial:/dev/ttyUSB0");
  REQUIRE(plain.has_value());
  CHECK(plain->kind == PrinterTransportKind::kSerial);
  CHECK(plain->device_path == "/dev/ttyUSB0");
  CHECK(plain->baud == 9600);

  auto fast = ParsePrinterUri("serial:/dev/ttyS1?baud=115200");
  REQUIRE(fast.has_value());
  CHECK(fast->device_path == "/dev/ttyS1");
  CHECK(fast->baud == 115200);
  CHECK(ToString(*fast) == "serial:/dev/ttyS1?baud=115200");

  CHECK_THAT(ErrorOf("serial:"), Catch::Contains("absolute device path"));
  CHECK_THAT(ErrorOf("serial:ttyUSB0"), Catch::Contains("absolute device path"));
  CHECK_THAT(ErrorOf("serial:/dev/ttyS1?baud=1234"), Catch::Contains("'1234' is not one of"));
  CHECK_THAT(ErrorOf("serial:/dev/ttyS1?baud="), Catch::Contains("baud ''"));
  CHECK_THAT(ErrorOf("serial:/dev/ttyS1?parity=even"), Catch::Contains("unknown parameter"));
}

TEST_CASE("printer URIs: usb", "[printer][uri]") {
  auto uri = ParsePrinterUri("usb:0416:5011");
  REQUIRE(uri.has_value());
  CHECK(uri->kind == PrinterTransportKind::kUsb);
  CHECK(uri->usb_vendor == 0x0416);
  CHECK(uri->usb_product == 0x5011);
  CHECK(ToString(*uri) == "usb:0416:5011");
  CHECK(ParsePrinterUri("usb:04B8:0E15")->usb_vendor == 0x04b8);

  CHECK_THAT(ErrorOf("usb:0416"), Catch::Contains("usb:VVVV:PPPP"));
  CHECK_THAT(ErrorOf("usb:416:5011"), Catch::Contains("vendor id '416'"));
  CHECK_THAT(ErrorOf("usb:0416:50g1"), Catch::Contains("product id '50g1'"));
  CHECK_THAT(ErrorOf("usb:0416:5011:1"), Catch::Contains("product id"));
}

TEST_CASE("printer URIs: unknown schemes name the accepted forms", "[printer][uri]") {
  CHECK_THAT(ErrorOf("lpd://printer"), Catch::Contains("expected tcp://HOST:PORT"));
  CHECK_THAT(ErrorOf(""), Catch::Contains("expected tcp://HOST:PORT"));
  CHECK_THAT(ErrorOf("TCP://10.0.0.5:9100"), Catch::Contains("expected"));
}

}  // namespace
}  // namespace kiosk::devices
