#pragma once

// `kioskctl print document --template FILE --data FILE (--out FILE.pdf | --cups QUEUE)
//      [--server HOST[:PORT] | --server SOCKET] [--timeout S] [--title TEXT]`:
// fills an A4 document template (firmware_config/documents/) with a data
// JSON and writes the PDF to --out, prints it on the CUPS queue --cups
// (following the job until it is done or --timeout seconds pass, default
// 120), or both. --server picks the CUPS server (default: the system's).
// Prints one JSON line: {"pages": N, "out": FILE, "cups_job": ID}.
// Exit status:
//    0  done (the file written, the job completed)
//    1  another failure
//    2  usage error
//    3  the template cannot be read or is invalid (the key is named), or its seal image
//    4  the data cannot be read or does not fit the template (the key or row is named)
//    5  the PDF could not be made or written (a font missing, a QR value too long, disk)
//    6  the CUPS server cannot be reached, or has no such queue
//    7  CUPS refused the job (e.g. the queue does not accept jobs)
//    8  the job was aborted or stopped: the printer's reasons are on stderr
//    9  the job was canceled by someone else
//   10  the job was not done within the timeout (it was canceled)

#include <string>
#include <vector>

#include "common/error.h"

namespace kiosk::ctl {

// args: what follows "print document".
int PrintDocumentCommand(const std::vector<std::string>& args);

// The exit status above for an error of loading, rendering or printing.
int PrintDocumentExitStatus(const Error& error);

}  // namespace kiosk::ctl
