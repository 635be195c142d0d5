#pragma once

// The reader thread of a scanner that delivers bytes on a file descriptor
// (an evdev node, a tty): polls the descriptor and a wake-up pipe, hands
// what it reads to the backend, tells it when the line went quiet for the
// time it asked, and when the device failed or went away.

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <thread>

#include "common/error.h"

namespace kiosk::devices {

class FdReader {
 public:
  struct Callbacks {
    // How long the backend waits for more bytes before on_idle; nullopt to
    // wait without limit. Asked before every wait.
    std::function<std::optional<std::chrono::milliseconds>()> idle_timeout;
    std::function<void(std::span<const std::uint8_t>)> on_bytes;
    std::function<void()> on_idle;
    // The descriptor failed or reached its end (unplugged); the thread
    // ends after this.
    std::function<void(Error)> on_failure;
  };

  FdReader() = default;
  ~FdReader();
  FdReader(const FdReader&) = delete;
  FdReader& operator=(const FdReader&) = delete;

  // Makes `fd` non-blocking, discards whatever is already buffered on it,
  // then reads it on a new thread until Stop. `fd` stays owned by the
  // caller.
  Result<void> Start(int fd, Callbacks callbacks);
  // Wakes the thread and joins it; no callback runs after this returns.
  void Stop();
  bool Running() const { return thread_.joinable(); }

 private:
  void Run(int fd, const Callbacks& callbacks);

  std::thread thread_;
  int wake_read_ = -1;
  int wake_write_ = -1;
};

}  // namespace kiosk::devices
