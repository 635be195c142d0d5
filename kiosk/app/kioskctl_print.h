#pragma once

// `kioskctl print receipt --printer URI --template FILE --data FILE
//                         [--profile NAME] [--profiles DIR] [--timeout S]`:
// fills a receipt template (drivers/printer/receipt_template.h) with a data
// file and prints it on the ESC/POS printer at URI (tcp://HOST:PORT,
// serial:/dev/PATH[?baud=N] or usb:VVVV:PPPP), laid out for the profile
// NAME from DIR (default: generic-80mm from the shipped
// firmware_config/printers). --timeout bounds the connection (seconds,
// default 5). The printer's status is checked before and after the job.
// Exit status:
//    0  printed
//    1  another failure
//    2  usage error (a bad printer URI included)
//    3  the template or data file cannot be read or is invalid, or the
//       receipt cannot be printed as it is (text without a GB18030 form,
//       a QR code on a printer without QR support)
//    4  the printer profile is unknown or invalid
//    5  the printer cannot be opened or connected to
//    6  the printer is not ready: paper out, cover open or offline (nothing printed)
//    7  the job failed part-way: paper ran out or the cover was opened
//       during it, or the connection broke (the receipt may be partly printed)
//    8  the printer reports a hardware error (cutter, mechanism)
//    9  the printer does not answer status requests (gone, switched off)

#include <string>
#include <vector>

#include "common/error.h"

namespace kiosk::ctl {

// args: what follows "print".
int PrintCommand(const std::vector<std::string>& args);

// The exit status above for a printer error from EscPosReceiptPrinter
// (exposed for tests).
int PrintExitStatus(const Error& error);

}  // namespace kiosk::ctl
