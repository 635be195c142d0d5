#pragma once

// A SAM reader on USB bulk endpoints through libusb-1.0: opened by vendor
// and product id (from the reader's profile), the interface with a bulk IN
// and OUT pair claimed (a kernel driver bound to it detached while we hold
// it), the same frames as on serial. libusb's synchronous transfers cannot
// be woken, so waits run in short slices and a stop request ends one within
// a slice (50 ms).

#include <libusb.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "drivers/id_card/sam_transport.h"
#include "drivers/id_card/usb_endpoints.h"

namespace kiosk::devices {

class UsbTransport final : public SamTransport {
 public:
  // kNotFound when no such device is attached (or it has no bulk pair),
  // kDeviceNotReady when it is not permitted (a udev rule is missing) or
  // busy, kIo for any other libusb failure.
  static Result<std::unique_ptr<UsbTransport>> Open(
      const UsbDeviceId& id, std::optional<std::uint8_t> interface_number = std::nullopt);
  ~UsbTransport() override;
  UsbTransport(const UsbTransport&) = delete;
  UsbTransport& operator=(const UsbTransport&) = delete;

  Result<void> Write(std::span<const std::uint8_t> bytes, std::chrono::milliseconds timeout,
                     std::stop_token stop) override;
  Result<std::size_t> Read(std::span<std::uint8_t> buffer, std::chrono::milliseconds timeout,
                           std::stop_token stop) override;
  void DiscardInput() override;
  std::string Describe() const override;

  const UsbBulkPipe& pipe() const { return pipe_; }

 private:
  UsbTransport(libusb_context* context, libusb_device_handle* handle, UsbDeviceId id,
               UsbBulkPipe pipe);
  Error TransferError(const char* what, int status) const;

  libusb_context* context_;
  libusb_device_handle* handle_;
  UsbDeviceId id_;
  UsbBulkPipe pipe_;
  // A bulk IN transfer must take whole packets; what the caller's buffer
  // could not hold waits here for the next Read.
  std::vector<std::uint8_t> pending_;
};

// The interfaces of a device's active configuration, as SelectBulkPipe
// wants them.
std::vector<UsbInterfaceInfo> DescribeInterfaces(const libusb_config_descriptor& config);

}  // namespace kiosk::devices
