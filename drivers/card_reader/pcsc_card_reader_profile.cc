#include "drivers/card_reader/pcsc_card_reader_profile.h"

#include <fstream>
#include <nlohmann/json.hpp>

namespace kiosk::devices {

Result<PcscCardReaderProfile> ParsePcscCardReaderProfile(const nlohmann::json& json) {
  if (!json.is_object())
    return Fail(ErrorCode::kInvalidData, "the reader profile is not an object");
  PcscCardReaderProfile profile;
  for (const auto& [key, value] : json.items()) {
    auto millis = [&](std::chrono::milliseconds& into, long long low) -> Result<void> {
      if (!value.is_number_integer() || value.get<long long>() < low ||
          value.get<long long>() > 600000) {
        return Fail(ErrorCode::kInvalidData,
                    key + ": expected milliseconds from " + std::to_string(low) + " to 600000");
      }
      into = std::chrono::milliseconds(value.get<long long>());
      return {};
    };
    Result<void> parsed;
    if (key == "format_version" || key == "comment") {
      continue;
    } else if (key == "reader_pattern") {
      if (!value.is_string())
        return Fail(ErrorCode::kInvalidData, "reader_pattern: expected a string");
      profile.reader_pattern = value.get<std::string>();
    } else if (key == "read_timeout_ms") {
      parsed = millis(profile.read_timeout, 0);
    } else if (key == "removal_grace_ms") {
      parsed = millis(profile.removal_grace, 0);
    } else if (key == "service_retry_ms") {
      parsed = millis(profile.service_retry, 10);
    } else {
      return Fail(ErrorCode::kInvalidData, "unknown key '" + key + "' in the reader profile");
    }
    if (!parsed) return std::unexpected(parsed.error());
  }
  return profile;
}

Result<PcscCardReaderProfile> LoadPcscCardReaderProfile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kIo, "cannot open the reader profile " + path);
  auto json = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return Fail(ErrorCode::kInvalidData, path + ": not JSON");
  auto profile = ParsePcscCardReaderProfile(json);
  if (!profile) return Fail(ErrorCode::kInvalidData, path + ": " + profile.error().detail);
  return profile;
}

}  // namespace kiosk::devices
