#include "drivers/scanner/evdev_scanner.h"

#include <fcntl.h>
#include <linux/input.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

namespace kiosk::devices {
namespace {

bool HasBit(const unsigned long* bits, unsigned bit) {
  constexpr unsigned kBitsPerLong = 8 * sizeof(unsigned long);
  return (bits[bit / kBitsPerLong] >> (bit % kBitsPerLong)) & 1UL;
}

// Key events (struct input_event, possibly split across reads): a
// terminator key, or a pause between keys, ends a scan.
class KeyEventFramer final : public ScanFramer {
 public:
  explicit KeyEventFramer(KeystrokeOptions options)
      : options_(std::move(options)), assembler_(options_) {}
  void Reset() override {
    assembler_ = KeystrokeAssembler(options_);
    partial_.clear();
  }
  std::vector<AssembledScan> OnBytes(std::span<const std::uint8_t> bytes) override;
  std::optional<AssembledScan> Flush() override { return assembler_.Flush(); }
  bool Pending() const override { return assembler_.Pending(); }
  std::chrono::milliseconds Quiet() const override { return options_.inter_key_timeout; }

 private:
  const KeystrokeOptions options_;
  KeystrokeAssembler assembler_;
  std::vector<std::uint8_t> partial_;  // An input_event split across reads.
};

std::vector<AssembledScan> KeyEventFramer::OnBytes(std::span<const std::uint8_t> bytes) {
  std::vector<AssembledScan> scans;
  partial_.insert(partial_.end(), bytes.begin(), bytes.end());
  std::size_t offset = 0;
  for (; offset + sizeof(input_event) <= partial_.size(); offset += sizeof(input_event)) {
    input_event raw;
    std::memcpy(&raw, partial_.data() + offset, sizeof raw);
    KeyInput input;
    input.type = raw.type;
    input.code = raw.code;
    input.value = raw.value;
    input.time =
        std::chrono::seconds(raw.input_event_sec) + std::chrono::microseconds(raw.input_event_usec);
    if (auto scan = assembler_.OnEvent(input)) scans.push_back(std::move(*scan));
  }
  partial_.erase(partial_.begin(), partial_.begin() + static_cast<std::ptrdiff_t>(offset));
  return scans;
}

}  // namespace

Result<std::unique_ptr<EvdevBarcodeScanner>> EvdevBarcodeScanner::Open(
    const std::string& path, EvdevScannerOptions options) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int error = errno;
    if (error == ENOENT || error == ENODEV || error == ENXIO) {
      return Fail(ErrorCode::kNotFound, "no input device at " + path);
    }
    if (error == EACCES || error == EPERM) {
      return Fail(ErrorCode::kDeviceNotReady,
                  "no permission to read " + path +
                      " (add the kiosk user to the input group or install the udev rule)");
    }
    return Fail(ErrorCode::kIo, "cannot open " + path + ": " + std::strerror(error));
  }
  auto refuse = [fd](ErrorCode code, std::string detail) {
    ::close(fd);
    return Fail(code, std::move(detail));
  };
  int version = 0;
  if (::ioctl(fd, EVIOCGVERSION, &version) != 0) {
    return refuse(ErrorCode::kInvalidArgument, path + " is not an evdev input device");
  }
  unsigned long types[(EV_MAX + 1 + 8 * sizeof(unsigned long) - 1) / (8 * sizeof(unsigned long))] =
      {};
  unsigned long keys[(KEY_MAX + 1 + 8 * sizeof(unsigned long) - 1) / (8 * sizeof(unsigned long))] =
      {};
  if (::ioctl(fd, EVIOCGBIT(0, sizeof types), types) < 0 || !HasBit(types, EV_KEY) ||
      ::ioctl(fd, EVIOCGBIT(EV_KEY, sizeof keys), keys) < 0 || !HasBit(keys, KEY_A) ||
      !HasBit(keys, KEY_1)) {
    return refuse(ErrorCode::kInvalidArgument,
                  path + " has no letter and digit keys: not a keyboard-wedge scanner");
  }
  if (options.grab && ::ioctl(fd, EVIOCGRAB, 1) != 0) {
    const int error = errno;
    return refuse(error == EBUSY ? ErrorCode::kDeviceNotReady : ErrorCode::kIo,
                  error == EBUSY ? path + " is grabbed by another program"
                                 : "cannot grab " + path + ": " + std::strerror(error));
  }
  // Monotonic timestamps, so the inter-key timeout is not fooled by a
  // clock change; an old kernel without it keeps real time, which is fine
  // for gaps of milliseconds.
  int clock = CLOCK_MONOTONIC;
  [[maybe_unused]] const int clock_set = ::ioctl(fd, EVIOCSCLOCKID, &clock);
  char device_name[128] = {};
  if (::ioctl(fd, EVIOCGNAME(sizeof device_name - 1), device_name) < 0) device_name[0] = '\0';
  std::string name = "evdev " + path;
  if (device_name[0] != '\0') name += std::string(" (") + device_name + ")";
  return std::unique_ptr<EvdevBarcodeScanner>(
      new EvdevBarcodeScanner(fd, name, std::move(options)));
}

std::unique_ptr<EvdevBarcodeScanner> EvdevBarcodeScanner::FromDescriptor(
    int fd, std::string name, EvdevScannerOptions options) {
  return std::unique_ptr<EvdevBarcodeScanner>(
      new EvdevBarcodeScanner(fd, std::move(name), std::move(options)));
}

EvdevBarcodeScanner::EvdevBarcodeScanner(int fd, std::string name, EvdevScannerOptions options)
    : StreamScanner(fd, std::move(name), options.aim_identifier,
                    std::make_unique<KeyEventFramer>(options.keys)) {}

}  // namespace kiosk::devices
