#include "drivers/scanner/serial_scanner.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk::devices {
namespace {

std::optional<speed_t> SpeedFor(int baud) {
  switch (baud) {
    case 1200: return B1200;
    case 2400: return B2400;
    case 4800: return B4800;
    case 9600: return B9600;
    case 19200: return B19200;
    case 38400: return B38400;
    case 57600: return B57600;
    case 115200: return B115200;
    case 230400: return B230400;
    case 460800: return B460800;
    case 921600: return B921600;
    default: return std::nullopt;
  }
}

// Lines: a terminator, or a quiet line, ends a scan.
class LineFramer final : public ScanFramer {
 public:
  explicit LineFramer(LineFraming framing) : framing_(std::move(framing)), assembler_(framing_) {}
  void Reset() override { assembler_ = LineAssembler(framing_); }
  std::vector<AssembledScan> OnBytes(std::span<const std::uint8_t> bytes) override {
    return assembler_.OnBytes(bytes);
  }
  std::optional<AssembledScan> Flush() override { return assembler_.Flush(); }
  bool Pending() const override { return assembler_.Pending(); }
  std::chrono::milliseconds Quiet() const override { return framing_.inter_byte_timeout; }

 private:
  const LineFraming framing_;
  LineAssembler assembler_;
};

}  // namespace

Result<std::unique_ptr<SerialBarcodeScanner>> SerialBarcodeScanner::Open(
    const std::string& path, SerialScannerOptions options) {
  const auto speed = SpeedFor(options.baud);
  if (!speed) {
    return Fail(ErrorCode::kInvalidArgument,
                std::to_string(options.baud) + " baud is not a standard serial speed");
  }
  const int fd = ::open(path.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT || error == ENODEV || error == ENXIO) {
      return Fail(ErrorCode::kNotFound, "no serial device at " + path);
    }
    if (error == EACCES || error == EPERM) {
      return Fail(ErrorCode::kDeviceNotReady,
                  "no permission to open " + path + " (add the kiosk user to the dialout group)");
    }
    if (error == EBUSY) {
      return Fail(ErrorCode::kDeviceNotReady, path + " is held exclusively by another program");
    }
    return Fail(ErrorCode::kIo, "cannot open " + path + ": " + std::strerror(error));
  }
  auto refuse = [fd](ErrorCode code, std::string detail) {
    ::close(fd);
    return Fail(code, std::move(detail));
  };
  termios tio{};
  if (!::isatty(fd) || ::tcgetattr(fd, &tio) != 0) {
    return refuse(ErrorCode::kInvalidArgument, path + " is not a serial port");
  }
  ::cfmakeraw(&tio);
  tio.c_cflag |= CLOCAL | CREAD;  // No modem control: scanners have none.
  tio.c_cflag &= ~static_cast<tcflag_t>(CSTOPB | PARENB | CRTSCTS);
  tio.c_cc[VMIN] = 1;
  tio.c_cc[VTIME] = 0;
  if (::cfsetispeed(&tio, *speed) != 0 || ::cfsetospeed(&tio, *speed) != 0 ||
      ::tcsetattr(fd, TCSANOW, &tio) != 0) {
    return refuse(ErrorCode::kIo, "cannot configure " + path + ": " + std::strerror(errno));
  }
  // Nobody else may open the line while the kiosk reads it.
  [[maybe_unused]] const int exclusive = ::ioctl(fd, TIOCEXCL);
  const std::string name = "serial " + path + " " + std::to_string(options.baud) + " baud";
  return std::unique_ptr<SerialBarcodeScanner>(
      new SerialBarcodeScanner(fd, name, std::move(options)));
}

SerialBarcodeScanner::SerialBarcodeScanner(int fd, std::string name, SerialScannerOptions options)
    : StreamScanner(fd, std::move(name), options.aim_identifier,
                    std::make_unique<LineFramer>(options.framing)) {}

void SerialBarcodeScanner::BeforeStart() {
  // What the line buffered while nobody asked for a code is not a scan.
  ::tcflush(Descriptor(), TCIFLUSH);
}

}  // namespace kiosk::devices
