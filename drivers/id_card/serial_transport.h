#pragma once

// A SAM reader on a serial line (RS-232, or a USB serial adapter such as
// /dev/ttyUSB0): raw mode, 115200 8N1 without flow control. Reads wait with
// poll(2), so a timeout or a stop request ends a wait at once; the port is
// opened exclusively (TIOCEXCL) so a second program cannot interleave its
// frames with ours.

#include <termios.h>

#include <memory>
#include <string>

#include "drivers/id_card/sam_transport.h"

namespace kiosk::devices {

class SerialTransport final : public SamTransport {
 public:
  // kNotFound if `path` does not exist, kInvalidArgument if it is not a
  // terminal, kDeviceNotReady if it is busy or not permitted, kIo if it
  // refuses the line settings.
  static Result<std::unique_ptr<SerialTransport>> Open(const std::string& path,
                                                       speed_t baud = B115200);
  ~SerialTransport() override;
  SerialTransport(const SerialTransport&) = delete;
  SerialTransport& operator=(const SerialTransport&) = delete;

  Result<void> Write(std::span<const std::uint8_t> bytes, std::chrono::milliseconds timeout,
                     std::stop_token stop) override;
  Result<std::size_t> Read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout,
                           std::stop_token stop) override;
  void DiscardInput() override;
  std::string Describe() const override;

 private:
  SerialTransport(std::string path, int fd, int wake_fd);
  enum class Wait { kReady, kHungUp, kTimedOut };
  // Waits until `fd_` is ready for `events`, hangs up or the deadline
  // passes; kCanceled on a stop request.
  Result<Wait> WaitFor(short events, std::chrono::steady_clock::time_point deadline,
                       const std::stop_token& stop);

  std::string path_;
  int fd_;
  int wake_fd_;  // An eventfd a stop request writes to, to end a poll at once.
};

// The settings Open applies, on top of `current`: raw bytes, `baud`, 8 data
// bits, no parity, one stop bit, no flow control, reads that never block
// in the driver (VMIN = VTIME = 0: poll does the waiting). Exposed so a
// test can check a port's settings against it.
termios SamLineSettings(const termios& current, speed_t baud);

}  // namespace kiosk::devices
