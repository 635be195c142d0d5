#include "drivers/id_card/id_card_reader_profile.h"

#include <termios.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "drivers/id_card/serial_transport.h"
#include "drivers/id_card/usb_transport.h"

namespace kiosk::devices {
namespace {

std::unexpected<Error> Invalid(const std::string& detail) {
  return Fail(ErrorCode::kInvalidData, "ID card reader profile: " + detail);
}

Result<std::chrono::milliseconds> Milliseconds(const nlohmann::json& json, const char* key,
                                               std::chrono::milliseconds fallback) {
  if (!json.contains(key)) return fallback;
  if (!json[key].is_number_integer() || json[key].get<long long>() <= 0 ||
      json[key].get<long long>() > 60'000) {
    return Invalid(std::string(key) + " must be a whole number of milliseconds, 1 to 60000");
  }
  return std::chrono::milliseconds(json[key].get<long long>());
}

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

}  // namespace

Result<IdCardReaderProfile> ParseIdCardReaderProfile(const nlohmann::json& json) {
  if (!json.is_object()) return Invalid("expected an object");
  static const std::set<std::string> kKeys = {"format_version",
                                              "comment",
                                              "transport",
                                              "port",
                                              "baud",
                                              "usb_id",
                                              "interface",
                                              "answer_timeout_ms",
                                              "read_answer_timeout_ms",
                                              "write_timeout_ms",
                                              "poll_interval_ms"};
  for (const auto& [key, value] : json.items()) {
    if (!kKeys.contains(key)) return Invalid("unknown key \"" + key + "\"");
  }
  IdCardReaderProfile profile;
  const std::string transport = json.value("transport", "");
  if (transport == "serial") {
    profile.transport = IdCardTransportKind::kSerial;
    if (!json.contains("port") || !json["port"].is_string() ||
        json["port"].get<std::string>().empty()) {
      return Invalid("a serial reader needs \"port\", e.g. \"/dev/ttyUSB0\"");
    }
    profile.port = json["port"];
    if (json.contains("baud")) {
      if (!json["baud"].is_number_integer() || !BaudConstant(json["baud"].get<int>())) {
        return Invalid("baud must be 9600, 19200, 38400, 57600 or 115200");
      }
      profile.baud = json["baud"];
    }
  } else if (transport == "usb") {
    profile.transport = IdCardTransportKind::kUsb;
    if (!json.contains("usb_id") || !json["usb_id"].is_string()) {
      return Invalid("a USB reader needs \"usb_id\": \"VVVV:PPPP\"");
    }
    auto id = ParseUsbDeviceId(json["usb_id"]);
    if (!id) return Invalid(id.error().detail);
    profile.usb_id = *id;
    if (json.contains("interface")) {
      if (!json["interface"].is_number_integer() || json["interface"].get<int>() < 0 ||
          json["interface"].get<int>() > 255) {
        return Invalid("interface must be a number 0-255");
      }
      profile.usb_interface = static_cast<std::uint8_t>(json["interface"].get<int>());
    }
  } else {
    return Invalid("transport must be \"serial\" or \"usb\"");
  }
  SamTimings& timings = profile.timings;
  const std::pair<const char*, std::chrono::milliseconds*> durations[] = {
      {"answer_timeout_ms", &timings.answer_timeout},
      {"read_answer_timeout_ms", &timings.read_answer_timeout},
      {"write_timeout_ms", &timings.write_timeout},
      {"poll_interval_ms", &timings.poll_interval}};
  for (const auto& [key, target] : durations) {
    auto value = Milliseconds(json, key, *target);
    if (!value) return std::unexpected(value.error());
    *target = *value;
  }
  return profile;
}

Result<IdCardReaderProfile> LoadIdCardReaderProfile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kIo, "cannot open ID card reader profile " + path);
  const auto json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return Fail(ErrorCode::kInvalidData, path + " is not JSON");
  auto profile = ParseIdCardReaderProfile(json);
  if (!profile) return Fail(ErrorCode::kInvalidData, path + ": " + profile.error().detail);
  return profile;
}

Result<std::unique_ptr<SamIdCardReader>> OpenIdCardReader(const IdCardReaderProfile& profile) {
  std::unique_ptr<SamTransport> transport;
  if (profile.transport == IdCardTransportKind::kSerial) {
    const auto baud = BaudConstant(profile.baud);
    if (!baud) return Fail(ErrorCode::kInvalidArgument, "unsupported baud rate");
    auto serial = SerialTransport::Open(profile.port, *baud);
    if (!serial) return std::unexpected(serial.error());
    transport = std::move(*serial);
  } else {
    auto usb = UsbTransport::Open(profile.usb_id, profile.usb_interface);
    if (!usb) return std::unexpected(usb.error());
    transport = std::move(*usb);
  }
  return std::make_unique<SamIdCardReader>(std::move(transport), profile.timings);
}

}  // namespace kiosk::devices
