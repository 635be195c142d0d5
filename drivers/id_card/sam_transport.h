#pragma once

// The byte pipe to a SAM reader: a serial line (serial_transport.h) or a
// pair of USB bulk endpoints (usb_transport.h). Frames are the same on
// both; the SamClient above does not know which it talks through.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stop_token>
#include <string>

#include "common/error.h"

namespace kiosk::devices {

class SamTransport {
 public:
  virtual ~SamTransport() = default;

  // Writes all of `bytes`: kTimeout if the line does not take them in
  // time, kCanceled on a stop request, kIo if the device failed or went.
  virtual Result<void> Write(std::span<const std::uint8_t> bytes, std::chrono::milliseconds timeout,
                             std::stop_token stop) = 0;

  // Waits up to `timeout` for bytes and reads what has arrived into
  // `buffer`: the count, 0 when nothing came in time. kCanceled on a stop
  // request (promptly, not at the end of the timeout), kIo if the device
  // failed or went.
  virtual Result<std::size_t> Read(std::span<std::uint8_t> buffer,
                                   std::chrono::milliseconds timeout, std::stop_token stop) = 0;

  // Drops whatever was received and not read yet: a late answer to an
  // earlier command must not be taken for the answer to the next.
  virtual void DiscardInput() = 0;

  // "serial /dev/ttyUSB0" or "USB 1a2b:3c4d": for messages to maintenance.
  virtual std::string Describe() const = 0;
};

}  // namespace kiosk::devices
