#pragma once

// A scan as the framing of a keyboard-wedge or serial scanner delivers it,
// before classification.

#include <optional>
#include <string>

#include "common/error.h"
#include "drivers/scanner/barcode_scanner.h"

namespace kiosk::devices {

// Its text, or why the text cannot be trusted (a key with no character,
// an Alt sequence, events the kernel dropped, too long) with the text so
// far.
struct AssembledScan {
  std::string text;
  std::optional<Error> problem;
};

// The event for the scan: strips the AIM identifier when the scanner is set
// to send one, then classifies the text, or carries the problem.
ScanEvent ToScanEvent(AssembledScan scan, bool aim_identifier);

}  // namespace kiosk::devices
