#include "drivers/id_card/usb_transport.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "common/log.h"
#include "drivers/id_card/wipe_bytes.h"

namespace kiosk::devices {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kSlice{50};

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

unsigned int SliceMs(Clock::time_point deadline) {
  const auto left = std::chrono::ceil<milliseconds>(deadline - Clock::now());
  return static_cast<unsigned int>(std::clamp(left, milliseconds(1), kSlice).count());
}

}  // namespace

std::vector<UsbInterfaceInfo> DescribeInterfaces(const libusb_config_descriptor& config) {
  std::vector<UsbInterfaceInfo> interfaces;
  for (int i = 0; i < config.bNumInterfaces; ++i) {
    const libusb_interface& interface = config.interface[i];
    for (int a = 0; a < interface.num_altsetting; ++a) {
      const libusb_interface_descriptor& setting = interface.altsetting[a];
      UsbInterfaceInfo info{
          setting.bInterfaceNumber, setting.bAlternateSetting, setting.bInterfaceClass, {}};
      for (int e = 0; e < setting.bNumEndpoints; ++e) {
        const libusb_endpoint_descriptor& endpoint = setting.endpoint[e];
        info.endpoints.push_back(
            {endpoint.bEndpointAddress, endpoint.bmAttributes, endpoint.wMaxPacketSize});
      }
      interfaces.push_back(std::move(info));
    }
  }
  return interfaces;
}

Result<std::unique_ptr<UsbTransport>> UsbTransport::Open(
    const UsbDeviceId& id, std::optional<std::uint8_t> interface_number) {
  const std::string name = "USB " + ToString(id);
  libusb_context* context = nullptr;
  if (const int status = libusb_init(&context); status != 0) {
    return Fail(ErrorCode::kIo, fmt::format("libusb_init: {}", libusb_error_name(status)));
  }
  libusb_device_handle* handle = nullptr;
  auto fail = [&](ErrorCode code, const std::string& detail) {
    if (handle != nullptr) libusb_close(handle);
    libusb_exit(context);
    return Fail(code, detail);
  };

  libusb_device** list = nullptr;
  const ssize_t count = libusb_get_device_list(context, &list);
  if (count < 0) {
    return fail(ErrorCode::kIo,
                fmt::format("listing USB devices: {}", libusb_error_name(static_cast<int>(count))));
  }
  libusb_device* found = nullptr;
  int matches = 0;
  for (ssize_t i = 0; i < count; ++i) {
    libusb_device_descriptor descriptor{};
    if (libusb_get_device_descriptor(list[i], &descriptor) != 0) continue;
    if (descriptor.idVendor == id.vendor && descriptor.idProduct == id.product) {
      if (found == nullptr) found = libusb_ref_device(list[i]);
      ++matches;
    }
  }
  libusb_free_device_list(list, 1);
  if (found == nullptr) return fail(ErrorCode::kNotFound, "no " + name + " device is attached");
  const int opened = libusb_open(found, &handle);
  libusb_config_descriptor* config = nullptr;
  const int described = opened == 0 ? libusb_get_active_config_descriptor(found, &config) : 0;
  libusb_unref_device(found);
  if (opened != 0) {
    return fail(CodeFor(opened),
                fmt::format("cannot open {}: {}{}", name, libusb_error_name(opened),
                            opened == LIBUSB_ERROR_ACCESS ? " (is the udev rule installed?)" : ""));
  }
  if (described != 0) {
    return fail(ErrorCode::kIo, fmt::format("cannot read the configuration of {}: {}", name,
                                            libusb_error_name(described)));
  }
  const auto interfaces = DescribeInterfaces(*config);
  libusb_free_config_descriptor(config);
  auto pipe = SelectBulkPipe(interfaces, interface_number);
  if (!pipe) return fail(pipe.error().code, name + ": " + pipe.error().detail);

  // A kernel driver (usbhid, cdc_acm) bound to the interface gives it back
  // while we hold it, and gets it again on release.
  libusb_set_auto_detach_kernel_driver(handle, 1);
  if (const int status = libusb_claim_interface(handle, pipe->interface_number); status != 0) {
    return fail(CodeFor(status),
                fmt::format("cannot claim interface {} of {}: {}", pipe->interface_number, name,
                            libusb_error_name(status)));
  }
  if (pipe->alternate_setting != 0) {
    const int status =
        libusb_set_interface_alt_setting(handle, pipe->interface_number, pipe->alternate_setting);
    if (status != 0) {
      libusb_release_interface(handle, pipe->interface_number);
      return fail(CodeFor(status),
                  fmt::format("cannot select alternate setting {} of {}: {}",
                              pipe->alternate_setting, name, libusb_error_name(status)));
    }
  }
  if (matches > 1) {
    // Not an error: a kiosk has one ID reader. Said so the log explains it.
    log::Warning("id_card", "{} devices match {}; using the first", matches, name);
  }
  return std::unique_ptr<UsbTransport>(new UsbTransport(context, handle, id, *pipe));
}

UsbTransport::UsbTransport(libusb_context* context, libusb_device_handle* handle, UsbDeviceId id,
                           UsbBulkPipe pipe)
    : context_(context), handle_(handle), id_(id), pipe_(pipe) {}

UsbTransport::~UsbTransport() {
  WipeBytes(pending_);
  libusb_release_interface(handle_, pipe_.interface_number);
  libusb_close(handle_);
  libusb_exit(context_);
}

Error UsbTransport::TransferError(const char* what, int status) const {
  return Error(status == LIBUSB_ERROR_NO_DEVICE ? ErrorCode::kIo : CodeFor(status),
               fmt::format("{} {}: {}", what, Describe(), libusb_error_name(status)));
}

Result<void> UsbTransport::Write(std::span<const std::uint8_t> bytes,
                                 std::chrono::milliseconds timeout, std::stop_token stop) {
  const auto deadline = Clock::now() + timeout;
  // libusb takes a non-const buffer for both directions.
  std::vector<std::uint8_t> copy(bytes.begin(), bytes.end());
  std::size_t done = 0;
  while (done < copy.size()) {
    if (stop.stop_requested())
      return Fail(ErrorCode::kCanceled, "canceled writing to " + Describe());
    if (Clock::now() >= deadline) {
      return Fail(ErrorCode::kTimeout, fmt::format("{} took {} of {} bytes in {} ms", Describe(),
                                                   done, copy.size(), timeout.count()));
    }
    int transferred = 0;
    const int status =
        libusb_bulk_transfer(handle_, pipe_.out_endpoint, copy.data() + done,
                             static_cast<int>(copy.size() - done), &transferred, SliceMs(deadline));
    done += static_cast<std::size_t>(std::max(transferred, 0));
    if (status != 0 && status != LIBUSB_ERROR_TIMEOUT) {
      return std::unexpected(TransferError("writing to", status));
    }
  }
  // A transfer that fills its last packet exactly needs a zero-length packet
  // to end it, or the reader waits for more.
  if (pipe_.out_max_packet_size > 0 && copy.size() % pipe_.out_max_packet_size == 0) {
    int transferred = 0;
    libusb_bulk_transfer(handle_, pipe_.out_endpoint, copy.data(), 0, &transferred,
                         SliceMs(deadline));
  }
  return {};
}

Result<std::size_t> UsbTransport::Read(std::span<std::uint8_t> buffer,
                                       std::chrono::milliseconds timeout, std::stop_token stop) {
  auto hand_out = [&] {
    const std::size_t count = std::min(buffer.size(), pending_.size());
    std::copy_n(pending_.begin(), count, buffer.begin());
    WipeMemory(pending_.data(), count);
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(count));
    return count;
  };
  if (!pending_.empty()) return hand_out();
  const auto deadline = Clock::now() + timeout;
  // Whole packets: a buffer of a multiple of the packet size cannot overflow.
  std::array<std::uint8_t, 4096> packet{};
  while (true) {
    if (stop.stop_requested())
      return Fail(ErrorCode::kCanceled, "canceled reading from " + Describe());
    int transferred = 0;
    const int status =
        libusb_bulk_transfer(handle_, pipe_.in_endpoint, packet.data(),
                             static_cast<int>(packet.size()), &transferred, SliceMs(deadline));
    if (transferred > 0) {
      pending_.assign(packet.begin(), packet.begin() + transferred);
      WipeMemory(packet.data(), packet.size());
      return hand_out();
    }
    if (status != 0 && status != LIBUSB_ERROR_TIMEOUT) {
      return std::unexpected(TransferError("reading from", status));
    }
    if (Clock::now() >= deadline) return 0;
  }
}

void UsbTransport::DiscardInput() {
  WipeBytes(pending_);
  // Drain what the device has queued, with the shortest wait libusb allows.
  std::array<std::uint8_t, 4096> packet{};
  for (int i = 0; i < 8; ++i) {
    int transferred = 0;
    const int status = libusb_bulk_transfer(handle_, pipe_.in_endpoint, packet.data(),
                                            static_cast<int>(packet.size()), &transferred, 1);
    if (status != 0 || transferred == 0) break;
  }
  WipeMemory(packet.data(), packet.size());
}

std::string UsbTransport::Describe() const { return "USB " + ToString(id_); }

}  // namespace kiosk::devices
