// The USB transport cannot be tested against a device here (no USB ID
// reader, and no way to emulate a USB device without root-only gadget or
// usbip modules); its endpoint choice is tested against described devices,
// and its profile parsing directly.

#include "drivers/id_card/usb_endpoints.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <vector>

#include "drivers/id_card/id_card_reader_profile.h"

namespace kiosk::devices {
namespace {

constexpr std::uint8_t kBulk = 0x02;
constexpr std::uint8_t kInterrupt = 0x03;

UsbInterfaceInfo Hid(std::uint8_t number) {
  return {number, 0, 0x03, {{0x81, kInterrupt, 64}, {0x01, kInterrupt, 64}}};
}

TEST_CASE("a vendor interface with a bulk pair is chosen over HID") {
  const std::vector<UsbInterfaceInfo> device = {
      Hid(0), {1, 0, 0xFF, {{0x82, kBulk, 64}, {0x02, kBulk, 64}, {0x83, kInterrupt, 8}}}};
  auto pipe = SelectBulkPipe(device);
  REQUIRE(pipe);
  CHECK(pipe->interface_number == 1);
  CHECK(pipe->in_endpoint == 0x82);
  CHECK(pipe->out_endpoint == 0x02);
  CHECK(pipe->in_max_packet_size == 64);
}

TEST_CASE("vendor-specific beats CDC data, which beats any other class") {
  const std::vector<UsbInterfaceInfo> device = {
      {0, 0, 0x08, {{0x81, kBulk, 512}, {0x01, kBulk, 512}}},  // Mass storage.
      {1, 0, 0x0A, {{0x82, kBulk, 64}, {0x02, kBulk, 64}}},    // CDC data.
      {2, 0, 0xFF, {{0x03, kBulk, 64}, {0x83, kBulk, 64}}}};   // Vendor, OUT listed first.
  auto pipe = SelectBulkPipe(device);
  REQUIRE(pipe);
  CHECK(pipe->interface_number == 2);
  CHECK(pipe->in_endpoint == 0x83);
  CHECK(pipe->out_endpoint == 0x03);

  const std::vector<UsbInterfaceInfo> without_vendor(device.begin(), device.begin() + 2);
  CHECK(SelectBulkPipe(without_vendor)->interface_number == 1);
}

TEST_CASE("an alternate setting that has the bulk pair is chosen with its number") {
  const std::vector<UsbInterfaceInfo> device = {
      {0, 0, 0xFF, {}}, {0, 1, 0xFF, {{0x81, kBulk, 64}, {0x01, kBulk, 64}}}};
  auto pipe = SelectBulkPipe(device);
  REQUIRE(pipe);
  CHECK(pipe->alternate_setting == 1);
}

TEST_CASE("a profile's interface number restricts the choice") {
  const std::vector<UsbInterfaceInfo> device = {
      {0, 0, 0xFF, {{0x81, kBulk, 64}, {0x01, kBulk, 64}}},
      {3, 0, 0x0A, {{0x84, kBulk, 64}, {0x04, kBulk, 64}}}};
  CHECK(SelectBulkPipe(device, 3)->in_endpoint == 0x84);
  auto missing = SelectBulkPipe(device, 5);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::kNotFound);
}

TEST_CASE("no bulk pair: kNotFound listing what the device has") {
  const std::vector<UsbInterfaceInfo> hid_only = {
      Hid(0), {1, 0, 0xFF, {{0x82, kBulk, 64}}}};  // A bulk IN alone is not enough.
  auto pipe = SelectBulkPipe(hid_only);
  REQUIRE_FALSE(pipe);
  CHECK(pipe.error().code == ErrorCode::kNotFound);
  CHECK_THAT(pipe.error().detail, Catch::Contains("interface 0 alt 0 class 03: 81 interrupt"));
  CHECK_THAT(pipe.error().detail, Catch::Contains("82 bulk"));
  CHECK_FALSE(SelectBulkPipe({}));
}

TEST_CASE("USB ids are VVVV:PPPP in hexadecimal") {
  auto id = ParseUsbDeviceId("1a2b:3C4D");
  REQUIRE(id);
  CHECK(id->vendor == 0x1a2b);
  CHECK(id->product == 0x3c4d);
  CHECK(ToString(*id) == "1a2b:3c4d");
  for (const char* bad :
       {"", "1a2b", "1a2b:", ":3c4d", "1a2b:3c4d5", "xyz:0001", "1a2b-3c4d", "1a2b:3c4d "}) {
    INFO(bad);
    CHECK(ParseUsbDeviceId(bad).error().code == ErrorCode::kInvalidArgument);
  }
}

TEST_CASE("reader profiles: serial and USB, timings, and refusals") {
  auto serial = ParseIdCardReaderProfile(
      nlohmann::json::parse(R"({"transport": "serial", "port": "/dev/ttyUSB0"})"));
  REQUIRE(serial);
  CHECK(serial->transport == IdCardTransportKind::kSerial);
  CHECK(serial->port == "/dev/ttyUSB0");
  CHECK(serial->baud == 115200);
  CHECK(serial->timings.read_answer_timeout == std::chrono::milliseconds(3000));

  auto usb = ParseIdCardReaderProfile(nlohmann::json::parse(
      R"({"transport": "usb", "usb_id": "1a2b:3c4d", "interface": 1,
          "read_answer_timeout_ms": 4000, "poll_interval_ms": 300})"));
  REQUIRE(usb);
  CHECK(usb->transport == IdCardTransportKind::kUsb);
  CHECK(usb->usb_id.vendor == 0x1a2b);
  CHECK(usb->usb_interface == 1);
  CHECK(usb->timings.read_answer_timeout == std::chrono::milliseconds(4000));
  CHECK(usb->timings.poll_interval == std::chrono::milliseconds(300));

  for (const char* bad :
       {R"({"transport": "serial"})",
        R"({"transport": "serial", "port": "/dev/ttyS0", "baud": 12345})",
        R"({"transport": "usb"})", R"({"transport": "usb", "usb_id": "nope"})",
        R"({"transport": "usb", "usb_id": "1a2b:3c4d", "interface": 300})",
        R"({"transport": "bluetooth"})",
        R"({"transport": "serial", "port": "/dev/ttyS0", "prot": 1})",
        R"({"transport": "serial", "port": "/dev/ttyS0", "answer_timeout_ms": 0})", R"([])"}) {
    INFO(bad);
    CHECK(ParseIdCardReaderProfile(nlohmann::json::parse(bad)).error().code ==
          ErrorCode::kInvalidData);
  }
}

TEST_CASE("opening a USB reader that is not attached says so") {
  // Whatever this machine has, no device has this id (0000 is reserved).
  IdCardReaderProfile profile;
  profile.transport = IdCardTransportKind::kUsb;
  profile.usb_id = {0x0000, 0x0001};
  auto reader = OpenIdCardReader(profile);
  REQUIRE_FALSE(reader);
  // kIo when the machine has no USB at all (libusb cannot start), as in
  // some containers; kNotFound otherwise.
  CHECK((reader.error().code == ErrorCode::kNotFound || reader.error().code == ErrorCode::kIo));
}

}  // namespace
}  // namespace kiosk::devices
