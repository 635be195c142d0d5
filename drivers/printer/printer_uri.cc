#include "drivers/printer/printer_uri.h"

#include <fmt/format.h>

#include <charconv>

namespace kiosk::devices {
namespace {

std::unexpected<Error> Invalid(std::string_view text, std::string_view why) {
  return Fail(ErrorCode::kInvalidArgument, fmt::format("printer URI '{}': {}", text, why));
}

// A whole decimal or hexadecimal number of `text`, nothing else.
template <typename T>
bool ParseNumber(std::string_view text, int base, T& out) {
  if (text.empty()) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out, base);
  return error == std::errc() && end == text.data() + text.size();
}

Result<PrinterUri> ParseTcp(std::string_view text, std::string_view rest) {
  PrinterUri uri;
  uri.kind = PrinterTransportKind::kTcp;
  std::string_view port_text;
  if (rest.starts_with('[')) {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return Invalid(text, "'[' without ']' around an IPv6 host");
    uri.host = std::string(rest.substr(1, close - 1));
    const std::string_view after = rest.substr(close + 1);
    if (!after.starts_with(':')) return Invalid(text, "expected ':PORT' after the IPv6 host");
    port_text = after.substr(1);
  } else {
    const auto colon = rest.rfind(':');
    if (colon == std::string_view::npos) {
      return Invalid(text, "the port is missing (tcp://HOST:PORT, usually 9100)");
    }
    uri.host = std::string(rest.substr(0, colon));
    if (uri.host.find(':') != std::string::npos) {
      return Invalid(text, "an IPv6 host must be written in brackets, e.g. tcp://[::1]:9100");
    }
    port_text = rest.substr(colon + 1);
  }
  if (uri.host.empty()) return Invalid(text, "the host is empty");
  if (uri.host.find_first_of("/?# ") != std::string::npos) {
    return Invalid(text, "the host holds '/', '?', '#' or a space");
  }
  unsigned port = 0;
  if (!ParseNumber(port_text, 10, port) || port == 0 || port > 65535) {
    return Invalid(text, fmt::format("port '{}' is not a number 1-65535", port_text));
  }
  uri.port = static_cast<std::uint16_t>(port);
  return uri;
}

Result<PrinterUri> ParseSerial(std::string_view text, std::string_view rest) {
  PrinterUri uri;
  uri.kind = PrinterTransportKind::kSerial;
  const auto query = rest.find('?');
  uri.device_path = std::string(rest.substr(0, query));
  if (uri.device_path.empty() || !uri.device_path.starts_with('/')) {
    return Invalid(text, "expected an absolute device path, e.g. serial:/dev/ttyUSB0");
  }
  if (query == std::string_view::npos) return uri;
  const std::string_view parameter = rest.substr(query + 1);
  constexpr std::string_view kBaud = "baud=";
  if (!parameter.starts_with(kBaud)) {
    return Invalid(text, fmt::format("unknown parameter '{}' (only baud=N)", parameter));
  }
  const std::string_view value = parameter.substr(kBaud.size());
  if (!ParseNumber(value, 10, uri.baud) || !IsSupportedBaud(uri.baud)) {
    return Invalid(text, fmt::format("baud '{}' is not one of 9600, 19200, 38400, 57600, 115200",
                                     value));
  }
  return uri;
}

Result<PrinterUri> ParseUsb(std::string_view text, std::string_view rest) {
  PrinterUri uri;
  uri.kind = PrinterTransportKind::kUsb;
  const auto colon = rest.find(':');
  if (colon == std::string_view::npos) return Invalid(text, "expected usb:VVVV:PPPP (hex ids)");
  const std::string_view vendor = rest.substr(0, colon);
  const std::string_view product = rest.substr(colon + 1);
  if (vendor.size() != 4 || !ParseNumber(vendor, 16, uri.usb_vendor)) {
    return Invalid(text, fmt::format("vendor id '{}' is not 4 hex digits", vendor));
  }
  if (product.size() != 4 || !ParseNumber(product, 16, uri.usb_product)) {
    return Invalid(text, fmt::format("product id '{}' is not 4 hex digits", product));
  }
  return uri;
}

}  // namespace

bool IsSupportedBaud(int baud) {
  switch (baud) {
    case 9600:
    case 19200:
    case 38400:
    case 57600:
    case 115200: return true;
    default: return false;
  }
}

Result<PrinterUri> ParsePrinterUri(std::string_view text) {
  if (text.starts_with("tcp://")) return ParseTcp(text, text.substr(6));
  if (text.starts_with("serial:")) return ParseSerial(text, text.substr(7));
  if (text.starts_with("usb:")) return ParseUsb(text, text.substr(4));
  return Invalid(text, "expected tcp://HOST:PORT, serial:/dev/PATH[?baud=N] or usb:VVVV:PPPP");
}

std::string ToString(const PrinterUri& uri) {
  switch (uri.kind) {
    case PrinterTransportKind::kTcp:
      if (uri.host.find(':') != std::string::npos) {
        return fmt::format("tcp://[{}]:{}", uri.host, uri.port);
      }
      return fmt::format("tcp://{}:{}", uri.host, uri.port);
    case PrinterTransportKind::kSerial:
      return fmt::format("serial:{}?baud={}", uri.device_path, uri.baud);
    case PrinterTransportKind::kUsb:
      return fmt::format("usb:{:04x}:{:04x}", uri.usb_vendor, uri.usb_product);
  }
  return "?";
}

}  // namespace kiosk::devices
