#include "drivers/scanner/scanner_profile.h"

#include <linux/input-event-codes.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "drivers/scanner/camera_scanner.h"
#include "drivers/scanner/evdev_scanner.h"
#include "drivers/scanner/serial_scanner.h"
#include "drivers/scanner/v4l2_frame_source.h"

namespace kiosk::devices {
namespace {

Error Bad(const std::string& key, const std::string& why) {
  return Error{ErrorCode::kInvalidData, "scanner profile: \"" + key + "\" " + why};
}

}  // namespace

const char* ToString(ScannerType type) {
  switch (type) {
    case ScannerType::kHid: return "hid";
    case ScannerType::kSerial: return "serial";
    case ScannerType::kCamera: return "camera";
  }
  return "hid";
}

Result<ScannerType> ScannerTypeFromPath(const std::string& path) {
  if (path.starts_with("/dev/video")) return ScannerType::kCamera;
  if (path.starts_with("/dev/input/")) return ScannerType::kHid;
  if (path.starts_with("/dev/tty") || path.starts_with("/dev/serial/") ||
      path.starts_with("/dev/pts/")) {
    return ScannerType::kSerial;
  }
  return Fail(ErrorCode::kInvalidArgument,
              "cannot tell the kind of scanner from " + path + ": name its type");
}

Result<ScannerProfile> ParseScannerProfile(const nlohmann::json& json) {
  if (!json.is_object()) return std::unexpected(Bad("(top)", "must be an object"));
  ScannerProfile profile;
  for (const auto& [key, value] : json.items()) {
    if (key == "format_version" || key == "comment") continue;
    if (key == "device") {
      if (!value.is_string() || value.get<std::string>().empty()) {
        return std::unexpected(Bad(key, "must be a device path"));
      }
      profile.device = value.get<std::string>();
    } else if (key == "type") {
      const std::string type = value.is_string() ? value.get<std::string>() : "";
      if (type == "hid")
        profile.type = ScannerType::kHid;
      else if (type == "serial")
        profile.type = ScannerType::kSerial;
      else if (type == "camera")
        profile.type = ScannerType::kCamera;
      else
        return std::unexpected(Bad(key, "must be hid, serial or camera"));
    } else if (key == "baud") {
      if (!value.is_number_integer() || value.get<long long>() < 1200 ||
          value.get<long long>() > 921600) {
        return std::unexpected(Bad(key, "must be a whole number from 1200 to 921600"));
      }
      profile.baud = value.get<int>();
    } else if (key == "terminator") {
      const std::string terminator = value.is_string() ? value.get<std::string>() : "";
      if (terminator != "enter" && terminator != "tab" && terminator != "none") {
        return std::unexpected(Bad(key, "must be enter, tab or none"));
      }
      profile.terminator = terminator;
    } else if (key == "aim") {
      if (!value.is_boolean()) return std::unexpected(Bad(key, "must be true or false"));
      profile.aim_identifier = value.get<bool>();
    } else {
      return std::unexpected(Bad(key, "is not a scanner setting"));
    }
  }
  if (profile.device.empty()) return std::unexpected(Bad("device", "is missing"));
  if (!json.contains("type")) {
    auto type = ScannerTypeFromPath(profile.device);
    if (!type) return std::unexpected(Bad("type", "is missing and " + type.error().detail));
    profile.type = *type;
  }
  return profile;
}

Result<ScannerProfile> LoadScannerProfile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kIo, "cannot read scanner profile " + path);
  const auto json = nlohmann::json::parse(in, nullptr, false);
  if (json.is_discarded()) return Fail(ErrorCode::kInvalidData, path + ": not valid JSON");
  auto profile = ParseScannerProfile(json);
  if (!profile) {
    return Fail(profile.error().code, path + ": " + profile.error().detail);
  }
  return profile;
}

Result<std::unique_ptr<BarcodeScanner>> OpenBarcodeScanner(const ScannerProfile& profile) {
  switch (profile.type) {
    case ScannerType::kCamera: {
      auto source = V4l2FrameSource::Open(profile.device);
      if (!source) return std::unexpected(source.error());
      return std::unique_ptr<BarcodeScanner>(
          std::make_unique<CameraBarcodeScanner>(std::move(*source)));
    }
    case ScannerType::kHid: {
      EvdevScannerOptions evdev;
      evdev.aim_identifier = profile.aim_identifier;
      if (profile.terminator == "tab") evdev.keys.terminators = {KEY_TAB};
      if (profile.terminator == "none") evdev.keys.terminators = {};
      auto scanner = EvdevBarcodeScanner::Open(profile.device, evdev);
      if (!scanner) return std::unexpected(scanner.error());
      return std::unique_ptr<BarcodeScanner>(std::move(*scanner));
    }
    case ScannerType::kSerial: {
      SerialScannerOptions serial;
      serial.baud = profile.baud;
      serial.aim_identifier = profile.aim_identifier;
      if (profile.terminator == "tab") serial.framing.terminators = "\t";
      if (profile.terminator == "none") serial.framing.terminators = "";
      auto scanner = SerialBarcodeScanner::Open(profile.device, serial);
      if (!scanner) return std::unexpected(scanner.error());
      return std::unique_ptr<BarcodeScanner>(std::move(*scanner));
    }
  }
  return Fail(ErrorCode::kInvalidArgument, "unknown scanner type");
}

}  // namespace kiosk::devices
