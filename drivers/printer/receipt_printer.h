#pragma once

// The receipt printer as the kiosk core sees it. Backends: the simulated
// printer (sim_receipt_printer.h) and ESC/POS over USB, serial and TCP
// (escpos_receipt_printer.h), both encoding with escpos_encoder.h; the
// device manager hands either to the session behind a stand-in
// (drivers/manager/managed_devices.h).

#include <string>

#include "common/error.h"
#include "drivers/common/device_status.h"
#include "drivers/printer/receipt_document.h"

namespace kiosk::devices {

struct PrinterStatus {
  DeviceState device = DeviceState::kNoDevice;
  PaperState paper = PaperState::kUnknown;
  CoverState cover = CoverState::kUnknown;
  // For maintenance staff: which device, and anything the states omit.
  std::string detail;
};

class ReceiptPrinter {
 public:
  virtual ~ReceiptPrinter();

  // The state as last known; cheap, may be called from the UI thread.
  virtual PrinterStatus Status() = 0;

  // Asks the device now where it can be asked (DLE EOT); the device
  // manager calls this on its own thread, never the UI.
  virtual PrinterStatus Refresh() { return Status(); }

  // Prints the whole document or fails: kDeviceNotReady when the printer
  // is offline, out of paper or open (the reason in the detail), kDevice
  // for a jam or hardware fault, the encoder's errors for a document it
  // cannot print, kIo for a transport failure.
  virtual Result<void> Print(const ReceiptDocument& document) = 0;
};

// Whether a printer in `status` can take a job, and if not, why (the codes
// of ReceiptPrinter::Print). An unknown paper or cover state does not stop
// a job: many printers cannot report them.
Result<void> CheckReadyToPrint(const PrinterStatus& status);

}  // namespace kiosk::devices
