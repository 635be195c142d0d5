#include "drivers/manager/hardware_profile.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace kiosk::devices {
namespace {

using nlohmann::json;

// The backends each class can use.
bool Supports(DeviceClass device_class, const std::string& backend) {
  if (backend == "sim" || backend == "none") return true;
  switch (device_class) {
    case DeviceClass::kCardReader: return backend == "pcsc";
    case DeviceClass::kIdCardReader: return backend == "sam";
    case DeviceClass::kBarcodeReader: return backend == "scanner";
    case DeviceClass::kReceiptPrinter: return backend == "escpos";
  }
  return false;
}

Result<std::chrono::milliseconds> Interval(const json& document, const char* key,
                                           std::chrono::milliseconds fallback,
                                           const std::string& path) {
  if (!document.contains(key)) return fallback;
  const json& value = document[key];
  if (!value.is_number_integer() || value.get<long long>() < 10 ||
      value.get<long long>() > 3'600'000) {
    return Fail(ErrorCode::kInvalidData,
                path + ": \"" + key + "\" must be whole milliseconds from 10 to 3600000");
  }
  return std::chrono::milliseconds(value.get<long long>());
}

}  // namespace

const DeviceSpec* HardwareProfile::Find(DeviceClass device_class) const {
  for (const auto& spec : devices) {
    if (spec.device_class == device_class) return &spec;
  }
  return nullptr;
}

Result<HardwareProfile> ParseHardwareProfile(const std::string& text, const std::string& path) {
  const json document = json::parse(text, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    return Fail(ErrorCode::kInvalidData, path + ": not a JSON object");
  }
  for (const auto& [key, value] : document.items()) {
    if (key != "format_version" && key != "comment" && key != "watch_interval_ms" &&
        key != "reopen_interval_ms" && key != "reopen_max_interval_ms" && key != "devices") {
      return Fail(ErrorCode::kInvalidData, path + ": unknown key \"" + key + "\"");
    }
  }
  const auto version = document.find("format_version");
  if (version == document.end() || !version->is_number_integer() || *version != 1) {
    return Fail(ErrorCode::kInvalidData, path + ": \"format_version\" must be 1");
  }
  HardwareProfile profile;
  auto watch = Interval(document, "watch_interval_ms", profile.watch_interval, path);
  auto reopen = Interval(document, "reopen_interval_ms", profile.reopen_interval, path);
  auto reopen_max = Interval(document, "reopen_max_interval_ms", profile.reopen_max_interval, path);
  if (!watch) return std::unexpected(watch.error());
  if (!reopen) return std::unexpected(reopen.error());
  if (!reopen_max) return std::unexpected(reopen_max.error());
  profile.watch_interval = *watch;
  profile.reopen_interval = *reopen;
  profile.reopen_max_interval = std::max(*reopen, *reopen_max);

  const json devices = document.value("devices", json::object());
  if (!devices.is_object()) {
    return Fail(ErrorCode::kInvalidData, path + ": \"devices\" must be an object");
  }
  const auto directory = std::filesystem::path(path).parent_path();
  for (const auto& [name, entry] : devices.items()) {
    const std::string where = path + ": devices." + name;
    const auto device_class = DeviceClassFromName(name);
    if (!device_class) {
      return Fail(ErrorCode::kInvalidData,
                  where +
                      ": not a device class (card_reader, id_card_reader, barcode_reader, "
                      "receipt_printer)");
    }
    if (!entry.is_object()) return Fail(ErrorCode::kInvalidData, where + ": must be an object");
    DeviceSpec spec;
    spec.device_class = *device_class;
    for (const auto& [key, value] : entry.items()) {
      if (key == "backend" && value.is_string()) {
        spec.backend = value.get<std::string>();
      } else if (key == "profile" && value.is_string() && !value.get<std::string>().empty()) {
        spec.profile = (directory / value.get<std::string>()).lexically_normal().string();
      } else if (key != "comment") {
        return Fail(ErrorCode::kInvalidData, where + ": \"" + key + "\" is not understood");
      }
    }
    if (!Supports(spec.device_class, spec.backend)) {
      return Fail(ErrorCode::kInvalidData,
                  where + ": backend \"" + spec.backend + "\" cannot drive a " + name);
    }
    const bool needs_profile = spec.backend != "sim" && spec.backend != "none";
    if (needs_profile && spec.profile.empty()) {
      return Fail(ErrorCode::kInvalidData,
                  where + ": backend " + spec.backend + " needs \"profile\", its settings file");
    }
    profile.devices.push_back(std::move(spec));
  }
  return profile;
}

Result<HardwareProfile> LoadHardwareProfile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kIo, "cannot read hardware profile " + path);
  std::stringstream text;
  text << in.rdbuf();
  auto profile = ParseHardwareProfile(text.str(), path);
  if (!profile) return profile;
  for (auto& spec : profile->devices) {
    if (spec.profile.empty()) continue;
    // An unreadable settings file stays empty here: opening the device
    // names the problem.
    std::ifstream settings(spec.profile, std::ios::binary);
    std::stringstream content;
    content << settings.rdbuf();
    spec.settings = content.str();
  }
  return profile;
}

HardwareProfile Simulated(HardwareProfile profile) {
  for (auto& spec : profile.devices) {
    if (spec.backend == "none") continue;
    spec.backend = "sim";
    spec.profile.clear();
    spec.settings.clear();
  }
  return profile;
}

}  // namespace kiosk::devices
