#pragma once

// The byte pipe to an ESC/POS printer: a TCP socket (port 9100), a serial
// line, or a USB bulk pair (printer_transports.h opens them). The printer
// logic above writes a job and reads status bytes through this and does
// not know which pipe it has; tests move in one that talks to the emulator.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "common/error.h"

namespace kiosk::devices {

class PrinterTransport {
 public:
  virtual ~PrinterTransport();

  // Writes all of `bytes`: kTimeout when the printer does not take them in
  // time (a full buffer: usually paper out or cover open on a printer that
  // stops reading), kIo when the connection failed or went.
  virtual Result<void> Write(std::span<const std::uint8_t> bytes,
                             std::chrono::milliseconds timeout) = 0;

  // Waits up to `timeout` for bytes and reads what has arrived into
  // `buffer`: the count, 0 when nothing came in time. kIo when the
  // connection failed or the peer closed it.
  virtual Result<std::size_t> Read(std::span<std::uint8_t> buffer,
                                   std::chrono::milliseconds timeout) = 0;

  // Drops what was received and not read: a late status byte must not be
  // taken for the answer to the next query.
  virtual void DiscardInput() = 0;

  // "tcp 10.0.0.5:9100", "serial /dev/ttyUSB0", "USB 0416:5011": for
  // messages to maintenance staff.
  virtual std::string Describe() const = 0;
};

}  // namespace kiosk::devices
