#include "drivers/id_card/serial_transport.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace kiosk::devices {
namespace {

using Clock = std::chrono::steady_clock;

std::string Errno(int error) { return std::strerror(error); }

int MillisecondsUntil(Clock::time_point deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(left.count(), 0, 60'000));
}

}  // namespace

termios SamLineSettings(const termios& current, speed_t baud) {
  termios settings = current;
  ::cfmakeraw(&settings);
  settings.c_cflag &= ~static_cast<tcflag_t>(CSIZE | PARENB | CSTOPB | CRTSCTS);
  settings.c_cflag |= CS8 | CLOCAL | CREAD;
  settings.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
  settings.c_cc[VMIN] = 0;
  settings.c_cc[VTIME] = 0;
  ::cfsetispeed(&settings, baud);
  ::cfsetospeed(&settings, baud);
  return settings;
}

Result<std::unique_ptr<SerialTransport>> SerialTransport::Open(const std::string& path,
                                                               speed_t baud) {
  const int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    const std::string detail = fmt::format("cannot open serial port {}: {}", path, Errno(error));
    if (error == ENOENT || error == ENODEV || error == ENXIO)
      return Fail(ErrorCode::kNotFound, detail);
    if (error == EBUSY || error == EACCES || error == EPERM) {
      return Fail(ErrorCode::kDeviceNotReady, detail);
    }
    return Fail(ErrorCode::kIo, detail);
  }
  auto close_and_fail = [&](ErrorCode code, const std::string& detail) {
    ::close(fd);
    return Fail(code, detail);
  };
  if (!::isatty(fd)) {
    return close_and_fail(ErrorCode::kInvalidArgument, path + " is not a serial port");
  }
  if (::ioctl(fd, TIOCEXCL) != 0) {
    return close_and_fail(ErrorCode::kIo,
                          fmt::format("cannot lock serial port {}: {}", path, Errno(errno)));
  }
  termios current{};
  if (::tcgetattr(fd, &current) != 0) {
    return close_and_fail(ErrorCode::kIo,
                          fmt::format("cannot read the settings of {}: {}", path, Errno(errno)));
  }
  const termios wanted = SamLineSettings(current, baud);
  termios applied{};
  if (::tcsetattr(fd, TCSANOW, &wanted) != 0 || ::tcgetattr(fd, &applied) != 0) {
    return close_and_fail(ErrorCode::kIo,
                          fmt::format("cannot set {} to raw 8N1: {}", path, Errno(errno)));
  }
  // tcsetattr succeeds if any one setting took; check the ones that matter.
  if (::cfgetispeed(&applied) != baud || ::cfgetospeed(&applied) != baud ||
      (applied.c_cflag & CSIZE) != CS8 || (applied.c_cflag & (PARENB | CSTOPB)) != 0) {
    return close_and_fail(ErrorCode::kIo, path + " did not accept the line settings (speed, 8N1)");
  }
  ::tcflush(fd, TCIOFLUSH);
  const int wake_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd < 0) return close_and_fail(ErrorCode::kIo, "eventfd: " + Errno(errno));
  return std::unique_ptr<SerialTransport>(new SerialTransport(path, fd, wake_fd));
}

SerialTransport::SerialTransport(std::string path, int fd, int wake_fd)
    : path_(std::move(path)), fd_(fd), wake_fd_(wake_fd) {}

SerialTransport::~SerialTransport() {
  ::ioctl(fd_, TIOCNXCL);
  ::close(fd_);
  ::close(wake_fd_);
}

Result<SerialTransport::Wait> SerialTransport::WaitFor(short events, Clock::time_point deadline,
                                                       const std::stop_token& stop) {
  // Wakes the poll below when a stop is requested from another thread.
  std::stop_callback wake(stop, [this] {
    const std::uint64_t one = 1;
    [[maybe_unused]] const auto written = ::write(wake_fd_, &one, sizeof one);
  });
  while (true) {
    if (stop.stop_requested()) {
      return Fail(ErrorCode::kCanceled, "canceled while waiting for " + Describe());
    }
    pollfd fds[2] = {{fd_, events, 0}, {wake_fd_, POLLIN, 0}};
    const int ready = ::poll(fds, 2, MillisecondsUntil(deadline));
    if (ready < 0) {
      if (errno == EINTR) continue;
      return Fail(ErrorCode::kIo, fmt::format("poll on {}: {}", Describe(), Errno(errno)));
    }
    if (fds[1].revents & POLLIN) {
      // A stop request, or one left over from an earlier wait: drain it and
      // let the check at the top decide.
      std::uint64_t count = 0;
      [[maybe_unused]] const auto drained = ::read(wake_fd_, &count, sizeof count);
      continue;
    }
    if (fds[0].revents & (POLLERR | POLLNVAL)) {
      return Fail(ErrorCode::kIo, Describe() + " reported an error (unplugged?)");
    }
    if (fds[0].revents & events) return Wait::kReady;
    if (fds[0].revents & POLLHUP) return Wait::kHungUp;
    if (ready == 0 || Clock::now() >= deadline) return Wait::kTimedOut;
  }
}

Result<void> SerialTransport::Write(std::span<const std::uint8_t> bytes,
                                    std::chrono::milliseconds timeout, std::stop_token stop) {
  const auto deadline = Clock::now() + timeout;
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t written = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (written > 0) {
      done += static_cast<std::size_t>(written);
      continue;
    }
    if (written < 0 && errno != EAGAIN && errno != EINTR) {
      return Fail(ErrorCode::kIo, fmt::format("write to {}: {}", Describe(), Errno(errno)));
    }
    auto ready = WaitFor(POLLOUT, deadline, stop);
    if (!ready) return std::unexpected(ready.error());
    if (*ready == Wait::kHungUp) return Fail(ErrorCode::kIo, Describe() + " hung up");
    if (*ready == Wait::kTimedOut) {
      return Fail(ErrorCode::kTimeout, fmt::format("{} took {} of {} bytes in {} ms", Describe(),
                                                   done, bytes.size(), timeout.count()));
    }
  }
  return {};
}

Result<std::size_t> SerialTransport::Read(std::span<std::uint8_t> buffer,
                                          std::chrono::milliseconds timeout, std::stop_token stop) {
  const auto deadline = Clock::now() + timeout;
  while (true) {
    const ssize_t count = ::read(fd_, buffer.data(), buffer.size());
    if (count > 0) return static_cast<std::size_t>(count);
    if (count < 0 && errno != EAGAIN && errno != EINTR) {
      return Fail(ErrorCode::kIo, fmt::format("read from {}: {}", Describe(), Errno(errno)));
    }
    if (Clock::now() >= deadline) return 0;
    auto ready = WaitFor(POLLIN, deadline, stop);
    if (!ready) return std::unexpected(ready.error());
    if (*ready == Wait::kTimedOut) return 0;
    if (*ready == Wait::kHungUp) {
      // Bytes sent just before the hang-up are still worth reading.
      const ssize_t last = ::read(fd_, buffer.data(), buffer.size());
      if (last > 0) return static_cast<std::size_t>(last);
      return Fail(ErrorCode::kIo, Describe() + " hung up");
    }
  }
}

void SerialTransport::DiscardInput() { ::tcflush(fd_, TCIFLUSH); }

std::string SerialTransport::Describe() const { return "serial " + path_; }

}  // namespace kiosk::devices
