#pragma once

// Real-time status of an ESC/POS printer: DLE EOT n (0x10 0x04 n) asks
// for one status byte, answered even while the printer is offline. Every
// answer byte has the pattern 0xx1xx10 (bit 7 clear, bits 4 and 1 set,
// bit 0 clear), which is how it is told apart from anything else the
// printer might send. The bits (Epson's ESC/POS reference):
//   n = 1 printer:       bit 3 offline.
//   n = 2 offline cause: bit 2 cover open, bit 3 feed button pressed,
//                        bit 5 printing stopped by paper end, bit 6 error.
//   n = 3 error cause:   bit 2 mechanical error (reserved on some models),
//                        bit 3 autocutter error, bit 5 unrecoverable
//                        error, bit 6 automatically recoverable error
//                        (e.g. head too hot).
//   n = 4 paper sensor:  bits 2+3 roll near its end, bits 5+6 paper out.

#include <array>
#include <cstdint>
#include <optional>

#include "common/error.h"
#include "drivers/printer/receipt_printer.h"

namespace kiosk::devices::escpos {

enum class StatusQuery : std::uint8_t { kPrinter = 1, kOfflineCause = 2, kErrorCause = 3, kPaper = 4 };

// DLE EOT n.
std::array<std::uint8_t, 3> StatusRequest(StatusQuery query);

// Whether `byte` has the 0xx1xx10 pattern of a status answer.
bool IsStatusByte(std::uint8_t byte);

// The four answers, in query order; a printer that does not support a
// query (some answer only n = 1 and 4) leaves it empty.
struct StatusBytes {
  std::optional<std::uint8_t> printer;
  std::optional<std::uint8_t> offline_cause;
  std::optional<std::uint8_t> error_cause;
  std::optional<std::uint8_t> paper;
};

// The printer's state from its answers: kInvalidData when a byte lacks the
// status pattern (the byte in hex), and when the printer answered nothing
// at all to n = 1 (a printer that cannot report is not "online").
// Offline with the cover open or the paper out is kOffline with the cause
// in `paper`/`cover` and the detail; an error cause is kHardwareError.
Result<PrinterStatus> DecodeStatus(const StatusBytes& bytes);

}  // namespace kiosk::devices::escpos
