// A USB receipt printer through libusb-1.0: the printer-class interface's
// bulk OUT endpoint for jobs and its bulk IN endpoint (when it has one) for
// DLE EOT answers. Thin on purpose: no device here to test against, so it
// only finds, claims and transfers; everything else is in the printer
// logic, which the TCP and pty tests cover.

#include <fmt/format.h>
#include <libusb.h>

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "drivers/printer/printer_transports.h"

namespace kiosk::devices {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::uint8_t kPrinterClass = 0x07;

ErrorCode CodeFor(int status) {
  switch (status) {
    case LIBUSB_ERROR_NOT_FOUND:
    case LIBUSB_ERROR_NO_DEVICE: return ErrorCode::kNotFound;
    case LIBUSB_ERROR_ACCESS:
    case LIBUSB_ERROR_BUSY: return ErrorCode::kDeviceNotReady;
    case LIBUSB_ERROR_TIMEOUT: return ErrorCode::kTimeout;
    default: return ErrorCode::kIo;
  }
}

struct BulkPair {
  int interface_number = -1;
  std::uint8_t out_endpoint = 0;
  std::optional<std::uint8_t> in_endpoint;
};

// The printer-class interface with a bulk OUT endpoint, else the first
// interface with one (some printers describe themselves as vendor class).
std::optional<BulkPair> FindBulkPair(const libusb_config_descriptor& config) {
  std::optional<BulkPair> fallback;
  for (int i = 0; i < config.bNumInterfaces; ++i) {
    const libusb_interface& interface = config.interface[i];
    if (interface.num_altsetting < 1) continue;
    const libusb_interface_descriptor& setting = interface.altsetting[0];
    BulkPair pair;
    for (int e = 0; e < setting.bNumEndpoints; ++e) {
      const libusb_endpoint_descriptor& endpoint = setting.endpoint[e];
      if ((endpoint.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) != LIBUSB_TRANSFER_TYPE_BULK) {
        continue;
      }
      if (endpoint.bEndpointAddress & LIBUSB_ENDPOINT_IN) {
        if (!pair.in_endpoint) pair.in_endpoint = endpoint.bEndpointAddress;
      } else if (pair.interface_number < 0) {
        pair.interface_number = setting.bInterfaceNumber;
        pair.out_endpoint = endpoint.bEndpointAddress;
      }
    }
    if (pair.interface_number < 0) continue;
    if (setting.bInterfaceClass == kPrinterClass) return pair;
    if (!fallback) fallback = pair;
  }
  return fallback;
}

unsigned int TimeoutMs(std::chrono::milliseconds timeout) {
  return static_cast<unsigned int>(std::max<std::chrono::milliseconds::rep>(timeout.count(), 1));
}

class UsbPrinterTransport final : public PrinterTransport {
 public:
  UsbPrinterTransport(libusb_context* context, libusb_device_handle* handle, BulkPair pair,
                      std::string description)
      : context_(context), handle_(handle), pair_(pair), description_(std::move(description)) {}
  ~UsbPrinterTransport() override {
    libusb_release_interface(handle_, pair_.interface_number);
    libusb_close(handle_);
    libusb_exit(context_);
  }
  UsbPrinterTransport(const UsbPrinterTransport&) = delete;
  UsbPrinterTransport& operator=(const UsbPrinterTransport&) = delete;

  Result<void> Write(std::span<const std::uint8_t> bytes,
                     std::chrono::milliseconds timeout) override {
    const auto deadline = Clock::now() + timeout;
    // libusb takes a non-const buffer for both directions.
    std::vector<std::uint8_t> copy(bytes.begin(), bytes.end());
    std::size_t done = 0;
    while (done < copy.size()) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) {
        return Fail(ErrorCode::kTimeout, fmt::format("{} took {} of {} bytes in {} ms",
                                                     description_, done, copy.size(),
                                                     timeout.count()));
      }
      int transferred = 0;
      const int status = libusb_bulk_transfer(handle_, pair_.out_endpoint, copy.data() + done,
                                              static_cast<int>(copy.size() - done), &transferred,
                                              TimeoutMs(left));
      done += static_cast<std::size_t>(std::max(transferred, 0));
      if (status != 0 && status != LIBUSB_ERROR_TIMEOUT) {
        return Fail(status == LIBUSB_ERROR_NO_DEVICE ? ErrorCode::kIo : CodeFor(status),
                    fmt::format("writing to {}: {}", description_, libusb_error_name(status)));
      }
    }
    return {};
  }

  Result<std::size_t> Read(std::span<std::uint8_t> buffer,
                           std::chrono::milliseconds timeout) override {
    if (!pair_.in_endpoint) {
      // A printer without a back channel answers nothing; the status logic
      // reports it as unable to report status.
      return std::size_t{0};
    }
    // A whole packet's worth, so a short buffer cannot overflow the transfer.
    std::array<std::uint8_t, 512> packet{};
    int transferred = 0;
    const int status =
        libusb_bulk_transfer(handle_, *pair_.in_endpoint, packet.data(),
                             static_cast<int>(packet.size()), &transferred, TimeoutMs(timeout));
    if (status != 0 && status != LIBUSB_ERROR_TIMEOUT) {
      return Fail(ErrorCode::kIo,
                  fmt::format("reading from {}: {}", description_, libusb_error_name(status)));
    }
    const std::size_t count = std::min(buffer.size(), static_cast<std::size_t>(transferred));
    std::copy_n(packet.begin(), count, buffer.begin());
    return count;
  }

  void DiscardInput() override {
    if (!pair_.in_endpoint) return;
    std::array<std::uint8_t, 512> packet{};
    for (int i = 0; i < 8; ++i) {
      int transferred = 0;
      const int status = libusb_bulk_transfer(handle_, *pair_.in_endpoint, packet.data(),
                                              static_cast<int>(packet.size()), &transferred, 1);
      if (status != 0 || transferred == 0) break;
    }
  }

  std::string Describe() const override { return description_; }

 private:
  libusb_context* context_;
  libusb_device_handle* handle_;
  BulkPair pair_;
  std::string description_;
};

}  // namespace

Result<std::unique_ptr<PrinterTransport>> OpenUsbPrinter(std::uint16_t vendor,
                                                         std::uint16_t product) {
  const std::string name = fmt::format("USB {:04x}:{:04x}", vendor, product);
  libusb_context* context = nullptr;
  if (const int status = libusb_init(&context); status != 0) {
    return Fail(ErrorCode::kIo, fmt::format("libusb_init: {}", libusb_error_name(status)));
  }
  libusb_device_handle* handle = libusb_open_device_with_vid_pid(context, vendor, product);
  if (handle == nullptr) {
    libusb_exit(context);
    // libusb_open_device_with_vid_pid does not say why; no device and no
    // permission are the usual causes.
    return Fail(ErrorCode::kNotFound,
                fmt::format("cannot open {}: not attached, or not permitted (is the udev rule "
                            "99-kiosk-receipt-printer.rules installed?)",
                            name));
  }
  auto fail = [&](ErrorCode code, const std::string& detail) {
    libusb_close(handle);
    libusb_exit(context);
    return Fail(code, detail);
  };
  libusb_config_descriptor* config = nullptr;
  if (const int status = libusb_get_active_config_descriptor(libusb_get_device(handle), &config);
      status != 0) {
    return fail(CodeFor(status), fmt::format("cannot read the configuration of {}: {}", name,
                                             libusb_error_name(status)));
  }
  const auto pair = FindBulkPair(*config);
  libusb_free_config_descriptor(config);
  if (!pair) return fail(ErrorCode::kNotFound, name + " has no interface with a bulk OUT endpoint");
  // usblp, bound to every printer-class interface, gives it back while we
  // hold it and gets it again on release.
  libusb_set_auto_detach_kernel_driver(handle, 1);
  if (const int status = libusb_claim_interface(handle, pair->interface_number); status != 0) {
    return fail(CodeFor(status), fmt::format("cannot claim interface {} of {}: {}",
                                             pair->interface_number, name,
                                             libusb_error_name(status)));
  }
  return std::unique_ptr<PrinterTransport>(new UsbPrinterTransport(context, handle, *pair, name));
}

}  // namespace kiosk::devices
