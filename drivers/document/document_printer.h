#pragma once

// The A4 document printer (DocumentPrinter in the device model): takes a
// finished PDF and sees it through to paper. The backend is a CUPS queue
// (cups_document_printer.cc): the job is submitted with libcups and
// followed until CUPS says it is completed, aborted, canceled or stopped,
// or the timeout passes (then the job is canceled, so a citizen's document
// cannot come out after they left).

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "common/error.h"

namespace kiosk::document {

struct CupsSettings {
  // "host", "host:port" or a local socket path ("/run/cups/cups.sock");
  // empty: the system default (CUPS_SERVER, client.conf, localhost).
  std::string server;
  std::string queue;
  std::chrono::milliseconds timeout{std::chrono::minutes(2)};
  std::chrono::milliseconds poll_interval{200};
};

struct PrintedJob {
  int job_id = 0;
  std::vector<std::string> job_reasons;  // job-state-reasons at the end.
};

class DocumentPrinter {
 public:
  virtual ~DocumentPrinter();

  // Prints the PDF file; `title` names the job. Errors (reason in
  // Error::reason; the detail adds CUPS's job and printer reasons and the
  // printer's message):
  //   kNetwork "cups_unreachable"   no connection to the CUPS server
  //   kNotFound "queue_unknown"     the queue does not exist
  //   kNotFound "file_missing"      the PDF cannot be read
  //   kServerRejected "job_refused" CUPS refused the job (queue not accepting, …)
  //   kDevice "job_aborted"         the job was aborted (filter or backend failure)
  //   kCanceled "job_canceled"      someone canceled the job
  //   kDeviceNotReady "job_stopped" the job or its printer is stopped
  //   kTimeout "job_timeout"        not done in time; the job was canceled
  virtual Result<PrintedJob> PrintPdf(const std::string& pdf_path, const std::string& title) = 0;
};

std::unique_ptr<DocumentPrinter> CreateCupsDocumentPrinter(CupsSettings settings);

}  // namespace kiosk::document
