#pragma once

// The receipt printer's driver settings, the file the hardware profile
// names for backend "escpos" (firmware_config/devices/receipt_printer.json):
//   {"format_version": 1,
//    "uri": "usb:0416:5011",            where it is (printer_uri.h)
//    "model": "generic-80mm",           its capability profile
//    "profiles": "../printers",         the profile folder, relative to this file
//    "connect_timeout_ms": 2000, "status_timeout_ms": 500,
//    "write_timeout_ms": 10000, "settle_delay_ms": 0}
// Unknown keys are refused.

#include <chrono>
#include <memory>
#include <string>

#include "common/error.h"
#include "drivers/printer/escpos_receipt_printer.h"
#include "drivers/printer/printer_uri.h"

namespace kiosk::devices {

struct ReceiptPrinterSettings {
  PrinterUri uri;
  std::string model = "generic-80mm";
  std::string profiles_dir;  // Absolute.
  std::chrono::milliseconds connect_timeout{2000};
  EscPosTimings timings;
};

// kInvalidData naming the file and the key that is wrong; kIo when the
// file cannot be read.
Result<ReceiptPrinterSettings> LoadReceiptPrinterSettings(const std::string& path);

// Loads the model's profile and opens the transport: the errors of
// LoadPrinterProfile and OpenPrinterTransport (kNotFound when the printer
// is not there, which the device manager retries).
Result<std::unique_ptr<EscPosReceiptPrinter>> OpenEscPosReceiptPrinter(
    const ReceiptPrinterSettings& settings);

}  // namespace kiosk::devices
