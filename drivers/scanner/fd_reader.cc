#include "drivers/scanner/fd_reader.h"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace kiosk::devices {

FdReader::~FdReader() { Stop(); }

Result<void> FdReader::Start(int fd, Callbacks callbacks) {
  if (thread_.joinable()) return {};
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0) {
    return Fail(ErrorCode::kIo,
                std::string("cannot create the wake-up pipe: ") + std::strerror(errno));
  }
  wake_read_ = fds[0];
  wake_write_ = fds[1];
  // Non-blocking, so that draining stops at an empty buffer and a spurious
  // wake-up never blocks the thread in read().
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) {
    ::close(wake_read_);
    ::close(wake_write_);
    wake_read_ = wake_write_ = -1;
    return Fail(ErrorCode::kIo,
                std::string("cannot make the device non-blocking: ") + std::strerror(errno));
  }
  // Bytes that arrived while nobody was asking for a code are stale. The
  // buffer holds whole input_event records (24 bytes), so draining never
  // leaves half a record behind.
  std::uint8_t discard[24 * 64];
  while (::read(fd, discard, sizeof discard) > 0) {
  }
  thread_ = std::thread([this, fd, callbacks = std::move(callbacks)] { Run(fd, callbacks); });
  return {};
}

void FdReader::Stop() {
  if (!thread_.joinable()) return;
  const char wake = 1;
  // A full pipe already wakes the thread; nothing else can fail here.
  [[maybe_unused]] const auto ignored = ::write(wake_write_, &wake, 1);
  thread_.join();
  ::close(wake_read_);
  ::close(wake_write_);
  wake_read_ = wake_write_ = -1;
}

void FdReader::Run(int fd, const Callbacks& callbacks) {
  std::uint8_t buffer[4096];
  for (;;) {
    const auto timeout = callbacks.idle_timeout();
    pollfd fds[2] = {{fd, POLLIN, 0}, {wake_read_, POLLIN, 0}};
    const int ready = ::poll(fds, 2, timeout ? static_cast<int>(timeout->count()) : -1);
    if (ready < 0) {
      if (errno == EINTR) continue;
      callbacks.on_failure(Error(ErrorCode::kIo, std::string("poll: ") + std::strerror(errno)));
      return;
    }
    if (fds[1].revents != 0) return;
    if (ready == 0) {
      callbacks.on_idle();
      continue;
    }
    if ((fds[0].revents & POLLNVAL) != 0) {
      callbacks.on_failure(Error(ErrorCode::kInternal, "the device descriptor was closed"));
      return;
    }
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got > 0) {
      callbacks.on_bytes(std::span<const std::uint8_t>(buffer, static_cast<std::size_t>(got)));
      continue;
    }
    if (got < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (got == 0 || errno == ENODEV || errno == EIO) {
      // End of the stream: evdev answers ENODEV once the device is
      // unplugged, a tty EIO or end-of-file after a hang-up.
      callbacks.on_failure(Error(ErrorCode::kDevice,
                                 got == 0
                                     ? "the device closed its stream (unplugged?)"
                                     : std::string("the device is gone: ") + std::strerror(errno)));
      return;
    }
    callbacks.on_failure(Error(ErrorCode::kIo, std::string("read: ") + std::strerror(errno)));
    return;
  }
}

}  // namespace kiosk::devices
