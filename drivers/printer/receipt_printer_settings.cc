#include "drivers/printer/receipt_printer_settings.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "drivers/printer/printer_profile_loader.h"
#include "drivers/printer/printer_transports.h"

namespace kiosk::devices {
namespace {

using nlohmann::json;

Result<std::chrono::milliseconds> Milliseconds(const json& value, const std::string& where,
                                               long long minimum, long long maximum) {
  if (!value.is_number_integer() || value.get<long long>() < minimum ||
      value.get<long long>() > maximum) {
    return Fail(ErrorCode::kInvalidData, where + ": must be whole milliseconds from " +
                                             std::to_string(minimum) + " to " +
                                             std::to_string(maximum));
  }
  return std::chrono::milliseconds(value.get<long long>());
}

}  // namespace

Result<ReceiptPrinterSettings> LoadReceiptPrinterSettings(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kIo, "cannot read receipt printer settings " + path);
  std::stringstream text;
  text << in.rdbuf();
  const json document = json::parse(text.str(), nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    return Fail(ErrorCode::kInvalidData, path + ": not a JSON object");
  }
  ReceiptPrinterSettings settings;
  const auto directory = std::filesystem::path(path).parent_path();
  settings.profiles_dir = (directory / "../printers").lexically_normal().string();
  bool has_uri = false;
  for (const auto& [key, value] : document.items()) {
    const std::string where = path + ": \"" + key + "\"";
    if (key == "format_version") {
      if (!value.is_number_integer() || value.get<int>() != 1) {
        return Fail(ErrorCode::kInvalidData, where + " must be 1");
      }
    } else if (key == "comment") {
      continue;
    } else if (key == "uri" && value.is_string()) {
      auto uri = ParsePrinterUri(value.get<std::string>());
      if (!uri) return Fail(ErrorCode::kInvalidData, where + ": " + uri.error().detail);
      settings.uri = *uri;
      has_uri = true;
    } else if (key == "model" && value.is_string() && !value.get<std::string>().empty()) {
      settings.model = value.get<std::string>();
    } else if (key == "profiles" && value.is_string() && !value.get<std::string>().empty()) {
      settings.profiles_dir = (directory / value.get<std::string>()).lexically_normal().string();
    } else if (key == "connect_timeout_ms") {
      auto ms = Milliseconds(value, where, 10, 60'000);
      if (!ms) return std::unexpected(ms.error());
      settings.connect_timeout = *ms;
    } else if (key == "status_timeout_ms") {
      auto ms = Milliseconds(value, where, 10, 10'000);
      if (!ms) return std::unexpected(ms.error());
      settings.timings.status_timeout = *ms;
    } else if (key == "write_timeout_ms") {
      auto ms = Milliseconds(value, where, 100, 120'000);
      if (!ms) return std::unexpected(ms.error());
      settings.timings.write_timeout = *ms;
    } else if (key == "settle_delay_ms") {
      auto ms = Milliseconds(value, where, 0, 10'000);
      if (!ms) return std::unexpected(ms.error());
      settings.timings.settle_delay = *ms;
    } else {
      return Fail(ErrorCode::kInvalidData, where + " is not understood (or has the wrong type)");
    }
  }
  if (!has_uri) {
    return Fail(ErrorCode::kInvalidData,
                path + ": \"uri\" is required (tcp://HOST:PORT, serial:/dev/PATH or usb:VID:PID)");
  }
  return settings;
}

Result<std::unique_ptr<EscPosReceiptPrinter>> OpenEscPosReceiptPrinter(
    const ReceiptPrinterSettings& settings) {
  auto profile = LoadPrinterProfile(settings.profiles_dir, settings.model);
  if (!profile) return std::unexpected(profile.error());
  auto transport = OpenPrinterTransport(settings.uri, settings.connect_timeout);
  if (!transport) return std::unexpected(transport.error());
  return std::make_unique<EscPosReceiptPrinter>(std::move(*transport), std::move(*profile),
                                                settings.timings);
}

}  // namespace kiosk::devices
