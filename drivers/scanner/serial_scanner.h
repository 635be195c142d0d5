#pragma once

// A scanner on a serial line: RS-232, or a USB scanner in CDC-ACM mode
// (/dev/ttyACM0). The line is set raw, 8N1 at the configured speed (a
// CDC-ACM device ignores the speed), opened exclusively (TIOCEXCL), and
// framed into scans by LineAssembler.

#include <memory>
#include <mutex>
#include <string>

#include "drivers/scanner/barcode_scanner.h"
#include "drivers/scanner/fd_reader.h"
#include "drivers/scanner/line_assembler.h"
#include "drivers/scanner/scanner_events.h"

namespace kiosk::devices {

struct SerialScannerOptions {
  int baud = 9600;  // 1200 … 921600.
  LineFraming framing;
  bool aim_identifier = false;  // "]Q1" before each code.
};

class SerialBarcodeScanner final : public BarcodeScanner {
 public:
  // kNotFound when there is no such device, kDeviceNotReady without
  // permission (the dialout group) or when another program has it open
  // exclusively, kInvalidArgument when it is not a terminal or the speed
  // is not a standard one.
  static Result<std::unique_ptr<SerialBarcodeScanner>> Open(const std::string& path,
                                                            SerialScannerOptions options = {});
  ~SerialBarcodeScanner() override;

  ScannerState State() const override { return events_.State(); }
  std::string Name() const override { return name_; }
  void SetScanHandler(ScanHandler handler) override { events_.SetScanHandler(std::move(handler)); }
  void SetStateHandler(StateHandler handler) override {
    events_.SetStateHandler(std::move(handler));
  }
  Result<void> StartScanning() override;
  void StopScanning() override;

 private:
  SerialBarcodeScanner(int fd, std::string name, SerialScannerOptions options);
  void Finish(AssembledScan scan);

  const int fd_;
  const std::string name_;
  const SerialScannerOptions options_;
  ScannerEvents events_;
  std::mutex control_mutex_;
  FdReader reader_;
  LineAssembler assembler_;  // Reader thread only.
};

}  // namespace kiosk::devices
