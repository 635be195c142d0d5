#pragma once

// A receipt printer that speaks ESC/POS over a PrinterTransport (TCP,
// serial or USB). A job is printed whole or reported failed:
//   1. DLE EOT 1-4 before the job; paper out, cover open, offline or an
//      error refuse it with the reason (Error::reason: "paper_out",
//      "cover_open", "printer_offline", "printer_error", "printer_gone").
//   2. The job, as one write (it starts with ESC @).
//   3. DLE EOT 1-4 again: paper that ran out (or a cover opened) during
//      the job fails it with reason "paper_out_during_job" (or
//      "cover_opened_during_job"), and the citizen is told to ask staff
//      rather than take a half receipt for a whole one.
// The last job's bytes are kept for Reprint (admin mode). A profile
// without DLE EOT status ("dle_eot_status": false) gets its jobs sent
// blind: only a transport failure is reported, paper and cover unknown.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "drivers/printer/printer_profile.h"
#include "drivers/printer/printer_transport.h"
#include "drivers/printer/receipt_printer.h"

namespace kiosk::devices {

struct EscPosTimings {
  // How long one DLE EOT answer may take. Printers answer in a few ms.
  std::chrono::milliseconds status_timeout{500};
  // How long the printer may take to accept a job's bytes.
  std::chrono::milliseconds write_timeout{10'000};
  // After the job, before asking again: lets a printer that answers
  // real-time queries ahead of its buffer reach the end of the job.
  std::chrono::milliseconds settle_delay{0};
};

class EscPosReceiptPrinter final : public ReceiptPrinter {
 public:
  EscPosReceiptPrinter(std::unique_ptr<PrinterTransport> transport, PrinterProfile profile,
                       EscPosTimings timings = {});

  // The status from the last query (or job); kNoDevice before the first.
  PrinterStatus Status() override;

  // Asks the printer now (DLE EOT 1-4) and returns what it said. A printer
  // that does not answer is kNoDevice; the error is in the detail.
  PrinterStatus Refresh();

  Result<void> Print(const ReceiptDocument& document) override;

  // Sends the last job again, with the same checks; kSequence when no job
  // was printed yet.
  Result<void> Reprint();
  bool HasLastJob() const;

  const PrinterProfile& profile() const { return profile_; }

 private:
  // Callers hold job_mutex_.
  Result<PrinterStatus> Query();
  Result<void> SendJob(const std::vector<std::uint8_t>& job);
  Result<void> SendBlind(const std::vector<std::uint8_t>& job);
  void Remember(const PrinterStatus& status);

  std::unique_ptr<PrinterTransport> transport_;
  const PrinterProfile profile_;
  const EscPosTimings timings_;

  std::mutex job_mutex_;  // One conversation with the printer at a time.
  mutable std::mutex state_mutex_;
  PrinterStatus last_status_;
  std::vector<std::uint8_t> last_job_;
};

}  // namespace kiosk::devices
