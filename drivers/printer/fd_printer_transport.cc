// TCP and serial printer transports: one class over a non-blocking file
// descriptor, opened by ConnectTcpPrinter or OpenSerialPrinter.

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

#include "drivers/printer/printer_transports.h"

namespace kiosk::devices {

PrinterTransport::~PrinterTransport() = default;

namespace {

using Clock = std::chrono::steady_clock;

std::string Errno(int error) { return std::strerror(error); }

int MillisecondsUntil(Clock::time_point deadline) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(left.count(), 0, 60'000));
}

enum class FdKind { kSocket, kSerial };

class FdPrinterTransport final : public PrinterTransport {
 public:
  FdPrinterTransport(int fd, FdKind kind, std::string description)
      : fd_(fd), kind_(kind), description_(std::move(description)) {}
  ~FdPrinterTransport() override {
    if (kind_ == FdKind::kSerial) ::ioctl(fd_, TIOCNXCL);
    ::close(fd_);
  }
  FdPrinterTransport(const FdPrinterTransport&) = delete;
  FdPrinterTransport& operator=(const FdPrinterTransport&) = delete;

  Result<void> Write(std::span<const std::uint8_t> bytes,
                     std::chrono::milliseconds timeout) override {
    const auto deadline = Clock::now() + timeout;
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t written =
          kind_ == FdKind::kSocket
              ? ::send(fd_, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL)
              : ::write(fd_, bytes.data() + done, bytes.size() - done);
      if (written > 0) {
        done += static_cast<std::size_t>(written);
        continue;
      }
      if (written < 0 && errno != EAGAIN && errno != EINTR) {
        return Fail(ErrorCode::kIo, fmt::format("write to {}: {}", description_, Errno(errno)));
      }
      auto ready = WaitFor(POLLOUT, deadline);
      if (!ready) return std::unexpected(ready.error());
      if (!*ready) {
        return Fail(ErrorCode::kTimeout, fmt::format("{} took {} of {} bytes in {} ms",
                                                     description_, done, bytes.size(),
                                                     timeout.count()));
      }
    }
    return {};
  }

  Result<std::size_t> Read(std::span<std::uint8_t> buffer,
                           std::chrono::milliseconds timeout) override {
    const auto deadline = Clock::now() + timeout;
    while (true) {
      const ssize_t count = ::read(fd_, buffer.data(), buffer.size());
      if (count > 0) return static_cast<std::size_t>(count);
      if (count == 0 && kind_ == FdKind::kSocket) {
        return Fail(ErrorCode::kIo, description_ + " closed the connection");
      }
      if (count < 0 && errno != EAGAIN && errno != EINTR) {
        return Fail(ErrorCode::kIo, fmt::format("read from {}: {}", description_, Errno(errno)));
      }
      if (Clock::now() >= deadline) return 0;
      auto ready = WaitFor(POLLIN, deadline);
      if (!ready) return std::unexpected(ready.error());
      if (!*ready) return 0;
    }
  }

  void DiscardInput() override {
    if (kind_ == FdKind::kSerial) {
      ::tcflush(fd_, TCIFLUSH);
      return;
    }
    std::uint8_t sink[256];
    while (::recv(fd_, sink, sizeof sink, MSG_DONTWAIT) > 0) {
    }
  }

  std::string Describe() const override { return description_; }

 private:
  // True when ready, false at the deadline; kIo when the peer hung up with
  // nothing left to read, or the descriptor failed.
  Result<bool> WaitFor(short events, Clock::time_point deadline) {
    while (true) {
      pollfd fd{fd_, events, 0};
      const int ready = ::poll(&fd, 1, MillisecondsUntil(deadline));
      if (ready < 0) {
        if (errno == EINTR) continue;
        return Fail(ErrorCode::kIo, fmt::format("poll on {}: {}", description_, Errno(errno)));
      }
      if (fd.revents & events) return true;
      if (fd.revents & (POLLERR | POLLHUP | POLLNVAL)) {
        return Fail(ErrorCode::kIo, description_ + " hung up or failed (unplugged?)");
      }
      if (ready == 0 || Clock::now() >= deadline) return false;
    }
  }

  int fd_;
  FdKind kind_;
  std::string description_;
};

std::optional<speed_t> BaudConstant(int baud) {
  switch (baud) {
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    default: return std::nullopt;
  }
}

// Finishes a non-blocking connect: 0 once connected, else an errno
// (ETIMEDOUT when the deadline passed).
int FinishConnect(int fd, Clock::time_point deadline) {
  while (true) {
    pollfd pfd{fd, POLLOUT, 0};
    const int ready = ::poll(&pfd, 1, MillisecondsUntil(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return errno;
    if (ready == 0) return ETIMEDOUT;
    int error = 0;
    socklen_t size = sizeof error;
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) != 0) return errno;
    return error;
  }
}

}  // namespace

Result<std::unique_ptr<PrinterTransport>> ConnectTcpPrinter(const std::string& host,
                                                            std::uint16_t port,
                                                            std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  const std::string name = host.find(':') != std::string::npos
                               ? fmt::format("tcp [{}]:{}", host, port)
                               : fmt::format("tcp {}:{}", host, port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  // Receipt printers have fixed addresses; a name is resolved (the only
  // step that can take longer than `timeout`, bounded by resolv.conf).
  addrinfo* addresses = nullptr;
  const std::string service = std::to_string(port);
  if (const int status = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &addresses);
      status != 0) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("cannot resolve {}: {}", name, ::gai_strerror(status)));
  }
  int last_error = 0;
  for (const addrinfo* address = addresses; address != nullptr; address = address->ai_next) {
    const int fd = ::socket(address->ai_family, address->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                            address->ai_protocol);
    if (fd < 0) {
      last_error = errno;
      continue;
    }
    int error = 0;
    if (::connect(fd, address->ai_addr, address->ai_addrlen) != 0) {
      error = errno == EINPROGRESS ? FinishConnect(fd, deadline) : errno;
    }
    if (error != 0) {
      ::close(fd);
      last_error = error;
      if (error == ETIMEDOUT) break;
      continue;
    }
    ::freeaddrinfo(addresses);
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return std::unique_ptr<PrinterTransport>(new FdPrinterTransport(fd, FdKind::kSocket, name));
  }
  ::freeaddrinfo(addresses);
  const std::string detail = fmt::format("cannot connect to {}: {}", name, Errno(last_error));
  if (last_error == ETIMEDOUT) return Fail(ErrorCode::kTimeout, detail);
  if (last_error == ECONNREFUSED) return Fail(ErrorCode::kDeviceNotReady, detail);
  return Fail(ErrorCode::kIo, detail);
}

Result<std::unique_ptr<PrinterTransport>> OpenSerialPrinter(const std::string& path, int baud) {
  const auto speed = BaudConstant(baud);
  if (!speed) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("baud {} is not supported", baud));
  }
  const int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    const std::string detail = fmt::format("cannot open serial printer {}: {}", path, Errno(error));
    if (error == ENOENT || error == ENODEV || error == ENXIO) {
      return Fail(ErrorCode::kNotFound, detail);
    }
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
    return close_and_fail(ErrorCode::kIo, fmt::format("cannot lock {}: {}", path, Errno(errno)));
  }
  termios settings{};
  if (::tcgetattr(fd, &settings) != 0) {
    return close_and_fail(ErrorCode::kIo,
                          fmt::format("cannot read the settings of {}: {}", path, Errno(errno)));
  }
  ::cfmakeraw(&settings);
  settings.c_cflag &= ~static_cast<tcflag_t>(CSIZE | PARENB | CSTOPB | CRTSCTS);
  settings.c_cflag |= CS8 | CLOCAL | CREAD;
  settings.c_iflag &= ~static_cast<tcflag_t>(IXON | IXOFF | IXANY);
  settings.c_cc[VMIN] = 0;
  settings.c_cc[VTIME] = 0;
  ::cfsetispeed(&settings, *speed);
  ::cfsetospeed(&settings, *speed);
  termios applied{};
  if (::tcsetattr(fd, TCSANOW, &settings) != 0 || ::tcgetattr(fd, &applied) != 0) {
    return close_and_fail(ErrorCode::kIo,
                          fmt::format("cannot set {} to raw 8N1: {}", path, Errno(errno)));
  }
  if (::cfgetospeed(&applied) != *speed || (applied.c_cflag & CSIZE) != CS8 ||
      (applied.c_cflag & (PARENB | CSTOPB)) != 0) {
    return close_and_fail(ErrorCode::kIo, path + " did not accept the line settings (speed, 8N1)");
  }
  ::tcflush(fd, TCIOFLUSH);
  return std::unique_ptr<PrinterTransport>(
      new FdPrinterTransport(fd, FdKind::kSerial, "serial " + path));
}

Result<std::unique_ptr<PrinterTransport>> OpenPrinterTransport(
    const PrinterUri& uri, std::chrono::milliseconds connect_timeout) {
  switch (uri.kind) {
    case PrinterTransportKind::kTcp: return ConnectTcpPrinter(uri.host, uri.port, connect_timeout);
    case PrinterTransportKind::kSerial: return OpenSerialPrinter(uri.device_path, uri.baud);
    case PrinterTransportKind::kUsb: return OpenUsbPrinter(uri.usb_vendor, uri.usb_product);
  }
  return Fail(ErrorCode::kInternal, "unknown printer transport");
}

}  // namespace kiosk::devices
