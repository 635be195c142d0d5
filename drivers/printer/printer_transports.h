#pragma once

// The concrete printer transports and a factory that opens the one a
// printer URI (printer_uri.h) names.
//
// TCP and serial share one implementation over a file descriptor: writes
// and reads wait with poll(2) up to their deadline, so no call blocks
// longer than its timeout. USB (usb_printer_transport.cc) goes through
// libusb-1.0 bulk transfers.

#include <chrono>
#include <memory>
#include <string>

#include "drivers/printer/printer_transport.h"
#include "drivers/printer/printer_uri.h"

namespace kiosk::devices {

// Connects to `host`:`port` (TCP_NODELAY, no SIGPIPE), waiting at most
// `timeout`: kNotFound when the name does not resolve, kTimeout when no
// connection was made in time, kDeviceNotReady when the printer refused
// it (nothing listening, or busy with another client), kIo otherwise.
Result<std::unique_ptr<PrinterTransport>> ConnectTcpPrinter(const std::string& host,
                                                            std::uint16_t port,
                                                            std::chrono::milliseconds timeout);

// Opens a serial printer: raw 8N1 at `baud` (IsSupportedBaud), no flow
// control, the port locked against a second opener (TIOCEXCL). kNotFound
// when the path is missing, kInvalidArgument when it is not a terminal or
// the baud is not supported, kDeviceNotReady when busy or not permitted.
Result<std::unique_ptr<PrinterTransport>> OpenSerialPrinter(const std::string& path, int baud);

// Opens the first USB device with this vendor and product id and claims
// its printer interface (class 7, else any interface with a bulk OUT
// endpoint), the kernel's usblp detached while we hold it. kNotFound when
// no such device is attached, kDeviceNotReady when not permitted (the
// udev rule firmware_config/devices/99-kiosk-receipt-printer.rules is
// missing) or busy.
Result<std::unique_ptr<PrinterTransport>> OpenUsbPrinter(std::uint16_t vendor,
                                                         std::uint16_t product);

// Opens whatever `uri` names; `connect_timeout` applies to TCP only.
Result<std::unique_ptr<PrinterTransport>> OpenPrinterTransport(
    const PrinterUri& uri, std::chrono::milliseconds connect_timeout);

}  // namespace kiosk::devices
