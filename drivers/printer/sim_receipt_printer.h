#pragma once

// The printer of `kiosk --devices sim`: it appends each job's ESC/POS bytes
// to a file, where tests and scripts decode them (tests/support has the
// decoder), and lets a script pull the paper out or open the cover.

#include <filesystem>
#include <mutex>

#include "drivers/printer/printer_profile.h"
#include "drivers/printer/receipt_printer.h"

namespace kiosk::devices {

class SimReceiptPrinter final : public ReceiptPrinter {
 public:
  // Jobs go to `output` (created when missing, never truncated), encoded
  // for `profile`. The printer starts online with full paper, cover closed.
  SimReceiptPrinter(std::filesystem::path output, PrinterProfile profile);

  PrinterStatus Status() override;

  // Encodes the document and appends the complete job to the file, synced
  // to disk; on any failure the file is left as it was.
  Result<void> Print(const ReceiptDocument& document) override;

  // What a script changes to simulate the device. kLow paper still prints.
  void SetPaper(PaperState paper);
  void SetCover(CoverState cover);
  void SetOnline(bool online);

  // Jobs appended to the file so far.
  int JobsPrinted() const;

 private:
  const std::filesystem::path output_;
  const PrinterProfile profile_;

  // Print runs on a worker while the UI reads Status and a script flips
  // the paper state. Jobs are serialized by their own lock so that Status
  // never waits for a disk sync.
  std::mutex job_mutex_;
  mutable std::mutex state_mutex_;
  DeviceState device_ = DeviceState::kOnline;
  PaperState paper_ = PaperState::kFull;
  CoverState cover_ = CoverState::kClosed;
  int jobs_printed_ = 0;
};

}  // namespace kiosk::devices
