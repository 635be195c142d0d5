#include "kiosk/core/diagnostics/diagnostics_bundle.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "common/durable_files.h"
#include "kiosk/core/diagnostics/personal_data_scrub.h"

namespace kiosk {
namespace {

constexpr const char* kLog = "diagnostics";
constexpr int kFormatVersion = 1;
constexpr std::int64_t kBeijingOffsetSeconds = 8 * 3600;  // China keeps no summer time.

// Strings scrubbed; integers too when they have a citizen number's shape
// (a phone number sent as a JSON number), replaced by the masked text.
nlohmann::json Scrubbed(const nlohmann::json& value, ScrubCounts& counts) {
  if (value.is_string()) return ScrubPersonalData(value.get<std::string>(), &counts);
  if (value.is_number_integer()) {
    const std::string digits = value.is_number_unsigned()
                                   ? std::to_string(value.get<std::uint64_t>())
                                   : std::to_string(value.get<std::int64_t>());
    ScrubCounts found;
    std::string masked = ScrubPersonalData(digits, &found);
    if (found.Total() == 0) return value;
    counts += found;
    return masked;
  }
  if (value.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& element : value) out.push_back(Scrubbed(element, counts));
    return out;
  }
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, element] : value.items()) {
      out[ScrubPersonalData(key, &counts)] = Scrubbed(element, counts);
    }
    return out;
  }
  return value;
}

std::string BeijingStamp(std::int64_t unix_ms) {
  const std::time_t time = static_cast<std::time_t>(unix_ms / 1000 + kBeijingOffsetSeconds);
  std::tm parts{};
  ::gmtime_r(&time, &parts);
  return fmt::format("{:04}{:02}{:02}-{:02}{:02}{:02}", parts.tm_year + 1900, parts.tm_mon + 1,
                     parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
}

// A kiosk id becomes part of a directory name on a vfat drive: anything
// but letters, digits, '-' and '_' turns into '_'.
std::string SafeName(const std::string& text) {
  std::string safe;
  for (char c : text) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_';
    safe.push_back(plain ? c : '_');
  }
  return safe.empty() ? "unknown" : safe;
}

std::string LogText(const std::vector<log::LogLine>& lines) {
  std::string text;
  for (const log::LogLine& line : lines) text += ScrubPersonalData(log::FormatLine(line)) + "\n";
  return text;
}

Result<std::string> FreeBundleName(const std::filesystem::path& target, const std::string& base) {
  for (int attempt = 1; attempt < 1000; ++attempt) {
    const std::string name = attempt == 1 ? base : fmt::format("{}-{}", base, attempt);
    std::error_code error;
    if (!std::filesystem::exists(target / name, error) && !error) return name;
    if (error)
      return Fail(ErrorCode::kIo, "cannot look into " + target.string() + ": " + error.message());
  }
  return Fail(ErrorCode::kIo, "too many bundles named " + base + " in " + target.string());
}

Result<std::string> WriteBundle(const DiagnosticsInputs& inputs, const std::string& target_dir) {
  const std::filesystem::path target(target_dir);
  std::error_code error;
  const auto status = std::filesystem::status(target, error);
  if (!std::filesystem::exists(status)) {
    return Fail(ErrorCode::kNotFound, "no export target " + target_dir);
  }
  if (!std::filesystem::is_directory(status)) {
    return Fail(ErrorCode::kInvalidArgument,
                "the export target " + target_dir + " is not a directory");
  }
  auto name = FreeBundleName(
      target, "kiosk-" + SafeName(inputs.kiosk_id) + "-" + BeijingStamp(inputs.created_unix_ms));
  if (!name) return std::unexpected(name.error());
  const std::string final_dir = (target / *name).string();
  const std::string partial = final_dir + ".partial";
  // Left by an export cut short (the drive pulled): never a whole bundle.
  std::filesystem::remove_all(partial, error);
  if (::mkdir(partial.c_str(), 0755) != 0) {
    return std::unexpected(durable::FileError("cannot create", partial, errno));
  }
  auto cleanup_on_failure = [&](const Error& failure) -> Result<std::string> {
    std::error_code ignored;
    std::filesystem::remove_all(partial, ignored);
    return std::unexpected(failure);
  };
  const std::string json = DiagnosticsJson(inputs).dump(2) + "\n";
  if (auto written = durable::WriteFile(partial + "/diagnostics.json", json); !written) {
    return cleanup_on_failure(written.error());
  }
  if (auto written = durable::WriteFile(partial + "/kiosk.log", LogText(inputs.log)); !written) {
    return cleanup_on_failure(written.error());
  }
  if (auto synced = durable::SyncDirectory(partial); !synced)
    return cleanup_on_failure(synced.error());
  if (std::rename(partial.c_str(), final_dir.c_str()) != 0) {
    return cleanup_on_failure(
        durable::FileError("cannot rename " + partial + " to", final_dir, errno));
  }
  if (auto synced = durable::SyncDirectory(target_dir); !synced)
    return std::unexpected(synced.error());
  return final_dir;
}

}  // namespace

nlohmann::json DiagnosticsJson(const DiagnosticsInputs& inputs) {
  ScrubCounts counts;
  nlohmann::json certificates = nlohmann::json::array();
  for (const CertificateInfo& certificate : inputs.certificates) {
    certificates.push_back({{"path", ScrubPersonalData(certificate.path, &counts)},
                            {"subject", ScrubPersonalData(certificate.subject, &counts)},
                            {"issuer", ScrubPersonalData(certificate.issuer, &counts)},
                            {"not_before_unix", certificate.not_before_unix},
                            {"not_after_unix", certificate.not_after_unix},
                            {"days_left", certificate.days_left}});
  }
  nlohmann::json log_lines = nlohmann::json::array();
  for (const log::LogLine& line : inputs.log) {
    log_lines.push_back(ScrubPersonalData(log::FormatLine(line), &counts));
  }
  nlohmann::json document = {
      {"format_version", kFormatVersion},
      {"kiosk_id", ScrubPersonalData(inputs.kiosk_id, &counts)},
      {"region", ScrubPersonalData(inputs.region, &counts)},
      {"software_version", ScrubPersonalData(inputs.software_version, &counts)},
      {"config_version", inputs.config_version},
      {"created_unix_ms", inputs.created_unix_ms},
      {"created", log::FormatIsoTime(inputs.created_unix_ms)},
      {"devices", Scrubbed(inputs.devices, counts)},
      {"queue", Scrubbed(inputs.queue, counts)},
      {"network", Scrubbed(inputs.network, counts)},
      {"certificates", std::move(certificates)},
      {"log", std::move(log_lines)}};
  document["scrubbed"] = {{"id_numbers", counts.id_numbers},
                          {"phone_numbers", counts.phone_numbers},
                          {"card_numbers", counts.card_numbers}};
  return document;
}

Result<std::string> ExportDiagnostics(const DiagnosticsInputs& inputs,
                                      const std::string& target_dir) {
  auto exported = WriteBundle(inputs, target_dir);
  if (!exported) {
    log::Error(kLog, "diagnostics export to {} failed: {}", target_dir,
               exported.error().Describe());
    return exported;
  }
  log::Info(kLog, "diagnostics bundle written to {}", *exported);
  return exported;
}

}  // namespace kiosk
