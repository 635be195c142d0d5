#pragma once

// Where a receipt printer is, as one string in a configuration or on the
// kioskctl command line:
//   tcp://10.0.0.5:9100        a network printer (the port is required)
//   tcp://[fe80::1]:9100       IPv6 in brackets
//   serial:/dev/ttyUSB0        a serial line at 9600 baud, or
//   serial:/dev/ttyS1?baud=115200
//   usb:0416:5011              a USB printer by vendor and product id (hex)

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"

namespace kiosk::devices {

enum class PrinterTransportKind { kTcp, kSerial, kUsb };

struct PrinterUri {
  PrinterTransportKind kind = PrinterTransportKind::kTcp;
  std::string host;         // tcp: a name or address, without brackets.
  std::uint16_t port = 0;   // tcp.
  std::string device_path;  // serial.
  int baud = 9600;          // serial: 9600 is what most receipt printers ship with.
  std::uint16_t usb_vendor = 0;
  std::uint16_t usb_product = 0;
};

// kInvalidArgument naming what is wrong with `text` (and what was
// expected); the text itself is short and holds no citizen data.
Result<PrinterUri> ParsePrinterUri(std::string_view text);

// The canonical form, e.g. "usb:0416:5011".
std::string ToString(const PrinterUri& uri);

// Baud rates a serial printer may use: 9600, 19200, 38400, 57600, 115200.
bool IsSupportedBaud(int baud);

}  // namespace kiosk::devices
