#include "drivers/printer/printer_profile_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

namespace kiosk::devices {
namespace {

using nlohmann::json;

constexpr int kFormatVersion = 1;
// Font A is 12 dots wide: a profile with more columns than its dots hold
// would have every full line wrap on paper.
constexpr int kFontADots = 12;
constexpr int kFontBDots = 9;
// A chain longer than this is a mistake even without a cycle.
constexpr int kMaximumDepth = 8;

const std::set<std::string>& KnownKeys() {
  static const std::set<std::string> keys = {
      "format_version", "comment",        "inherits",       "paper_width_mm",
      "printable_dots", "dpi",            "font_a_columns", "font_b_columns",
      "chinese_mode_at_power_on",         "native_qr",      "raster",
      "cutter",         "dle_eot_status", "auto_status_back"};
  return keys;
}

std::unexpected<Error> Invalid(std::string_view name, const std::string& detail) {
  return Fail(ErrorCode::kInvalidData, fmt::format("printer profile '{}': {}", name, detail));
}

bool ValidName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  }) && name.front() != '.';
}

// One file, checked on its own: an object of known keys.
Result<json> ReadProfileFile(const std::string& folder, std::string_view name) {
  if (!ValidName(name)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("printer profile name '{}' must be lower-case letters, digits, '-', "
                            "'_' or '.'",
                            name));
  }
  const std::filesystem::path path = std::filesystem::path(folder) / (std::string(name) + ".json");
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kNotFound, fmt::format("no printer profile {}", path.string()));
  json parsed = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Invalid(name, path.string() + " is not JSON");
  if (!parsed.is_object()) return Invalid(name, "expected an object");
  for (const auto& [key, value] : parsed.items()) {
    if (!KnownKeys().contains(key)) return Invalid(name, fmt::format("unknown key \"{}\"", key));
  }
  if (!parsed.contains("format_version") || parsed["format_version"] != kFormatVersion) {
    return Invalid(name, fmt::format("\"format_version\" must be {}", kFormatVersion));
  }
  if (parsed.contains("inherits") && !parsed["inherits"].is_string()) {
    return Invalid(name, "\"inherits\" must be a profile name");
  }
  return parsed;
}

// `name` with everything it inherits merged in (its own keys win).
Result<json> Resolve(const std::string& folder, std::string_view name) {
  std::vector<std::string> chain;
  json merged = json::object();
  std::string current(name);
  while (true) {
    if (std::find(chain.begin(), chain.end(), current) != chain.end()) {
      std::string cycle;
      for (const std::string& member : chain) cycle += member + " -> ";
      return Invalid(name, fmt::format("inheritance cycle {}{}", cycle, current));
    }
    if (static_cast<int>(chain.size()) >= kMaximumDepth) {
      return Invalid(name, fmt::format("inherits more than {} levels deep", kMaximumDepth));
    }
    chain.push_back(current);
    auto file = ReadProfileFile(folder, current);
    if (!file) {
      if (chain.size() == 1) return file;
      return Fail(file.error().code, fmt::format("printer profile '{}' inherits '{}': {}", name,
                                                 current, file.error().detail));
    }
    for (const auto& [key, value] : file->items()) {
      if (key != "inherits" && !merged.contains(key)) merged[key] = value;
    }
    if (!file->contains("inherits")) break;
    current = (*file)["inherits"].get<std::string>();
  }
  return merged;
}

Result<int> Integer(std::string_view name, const json& object, const char* key, int low,
                    int high) {
  if (!object.contains(key)) return Invalid(name, fmt::format("\"{}\" is not set", key));
  const json& value = object[key];
  if (!value.is_number_integer() || value.get<long long>() < low ||
      value.get<long long>() > high) {
    return Invalid(name, fmt::format("\"{}\" must be a whole number {}..{}", key, low, high));
  }
  return value.get<int>();
}

Result<bool> Boolean(std::string_view name, const json& object, const char* key) {
  if (!object.contains(key)) return Invalid(name, fmt::format("\"{}\" is not set", key));
  if (!object[key].is_boolean()) return Invalid(name, fmt::format("\"{}\" must be true or false", key));
  return object[key].get<bool>();
}

}  // namespace

Result<PrinterProfile> ParsePrinterProfile(std::string_view name, const json& object) {
  PrinterProfile profile;
  profile.name = std::string(name);
  for (const auto& [key, value] : object.items()) {
    if (!KnownKeys().contains(key)) return Invalid(name, fmt::format("unknown key \"{}\"", key));
  }
  const std::pair<const char*, int*> integers[] = {{"paper_width_mm", &profile.paper_width_mm},
                                                   {"printable_dots", &profile.printable_dots},
                                                   {"dpi", &profile.dpi},
                                                   {"font_a_columns", &profile.columns},
                                                   {"font_b_columns", &profile.font_b_columns}};
  for (const auto& [key, target] : integers) {
    const int low = std::string_view(key) == "font_b_columns" ? 0 : 1;
    auto value = Integer(name, object, key, low, 4096);
    if (!value) return std::unexpected(value.error());
    *target = *value;
  }
  const std::pair<const char*, bool*> booleans[] = {
      {"chinese_mode_at_power_on", &profile.chinese_mode_at_power_on},
      {"native_qr", &profile.native_qr},
      {"raster", &profile.raster},
      {"cutter", &profile.has_cutter},
      {"dle_eot_status", &profile.dle_eot_status},
      {"auto_status_back", &profile.auto_status_back}};
  for (const auto& [key, target] : booleans) {
    auto value = Boolean(name, object, key);
    if (!value) return std::unexpected(value.error());
    *target = *value;
  }
  if (auto valid = ValidateProfile(profile); !valid) {
    return Fail(ErrorCode::kInvalidData, valid.error().detail);
  }
  if (profile.columns * kFontADots > profile.printable_dots) {
    return Invalid(name, fmt::format("{} font A columns need {} dots, the paper has {}",
                                     profile.columns, profile.columns * kFontADots,
                                     profile.printable_dots));
  }
  if (profile.font_b_columns * kFontBDots > profile.printable_dots) {
    return Invalid(name, fmt::format("{} font B columns need {} dots, the paper has {}",
                                     profile.font_b_columns, profile.font_b_columns * kFontBDots,
                                     profile.printable_dots));
  }
  // Printable width cannot exceed the paper: dots / dpi inches.
  if (profile.printable_dots * 254 > profile.paper_width_mm * profile.dpi * 10) {
    return Invalid(name, fmt::format("{} dots at {} dpi are wider than {} mm paper",
                                     profile.printable_dots, profile.dpi, profile.paper_width_mm));
  }
  return profile;
}

Result<PrinterProfile> LoadPrinterProfile(const std::string& folder, std::string_view name) {
  auto merged = Resolve(folder, name);
  if (!merged) return std::unexpected(merged.error());
  merged->erase("format_version");
  merged->erase("comment");
  return ParsePrinterProfile(name, *merged);
}

Result<std::map<std::string, PrinterProfile>> LoadPrinterProfiles(const std::string& folder) {
  std::error_code error;
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  }
  if (error) {
    return Fail(ErrorCode::kIo,
                fmt::format("cannot list printer profiles in {}: {}", folder, error.message()));
  }
  std::sort(names.begin(), names.end());
  std::map<std::string, PrinterProfile> profiles;
  for (const std::string& name : names) {
    auto profile = LoadPrinterProfile(folder, name);
    if (!profile) return std::unexpected(profile.error());
    profiles.emplace(name, std::move(*profile));
  }
  return profiles;
}

}  // namespace kiosk::devices
