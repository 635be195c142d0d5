#pragma once

// Reads one scan from a scanner: starts it, waits for the first scan or a
// failure, stops it. For `kioskctl scan --device` and the maintenance
// screen's scanner test; the kiosk itself keeps its scanner on an event
// handler.

#include <chrono>

#include "drivers/scanner/barcode_scanner.h"

namespace kiosk::devices {

// The first scan (classified or refused: a refused payload is still a
// scan). kTimeout when no code came within `timeout`, kDevice when the
// scanner became inoperative while waiting, StartScanning's errors. Takes
// over the scanner's handlers.
Result<ScanEvent> WaitForScan(BarcodeScanner& scanner, std::chrono::milliseconds timeout);

}  // namespace kiosk::devices
