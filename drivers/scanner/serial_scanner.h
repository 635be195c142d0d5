#pragma once

// A scanner on a serial line: RS-232, or a USB scanner in CDC-ACM mode
// (/dev/ttyACM0). The line is set raw, 8N1 at the configured speed (a
// CDC-ACM device ignores the speed), opened exclusively (TIOCEXCL), and
// framed into scans by LineAssembler.

#include <memory>
#include <string>

#include "drivers/scanner/line_assembler.h"
#include "drivers/scanner/stream_scanner.h"

namespace kiosk::devices {

struct SerialScannerOptions {
  int baud = 9600;  // 1200 … 921600.
  LineFraming framing;
  bool aim_identifier = false;  // "]Q1" before each code.
};

class SerialBarcodeScanner final : public StreamScanner {
 public:
  // kNotFound when there is no such device, kDeviceNotReady without
  // permission (the dialout group) or when another program has it open
  // exclusively, kInvalidArgument when it is not a terminal or the speed
  // is not a standard one.
  static Result<std::unique_ptr<SerialBarcodeScanner>> Open(const std::string& path,
                                                            SerialScannerOptions options = {});

 private:
  SerialBarcodeScanner(int fd, std::string name, SerialScannerOptions options);
  void BeforeStart() override;
};

}  // namespace kiosk::devices
