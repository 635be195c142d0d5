#include "kiosk/app/kioskctl_diagnostics.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "kiosk/app/kioskctl_args.h"
#include "kiosk/core/config/kiosk_config.h"
#include "kiosk/core/config_apply/config_store.h"
#include "kiosk/core/diagnostics/certificate_info.h"
#include "kiosk/core/diagnostics/diagnostics_bundle.h"
#include "kiosk/core/diagnostics/log_file_reader.h"
#include "kiosk/core/diagnostics/removable_mounts.h"
#include "kiosk/core/sync/kiosk_outbox.h"

namespace kiosk::ctl {
namespace {

constexpr int kOk = 0;
constexpr int kFailure = 1;
constexpr int kUsageError = 2;
constexpr int kExpired = 3;

constexpr const char* kDiagnosticsUsage = R"(usage:
  kioskctl diagnostics export [--config DIR] [--data-dir DIR] [--to DIR]
  kioskctl certs [--config DIR] [--json]
)";

int Usage(const std::string& problem) {
  std::fprintf(stderr, "kioskctl: %s\n%s", problem.c_str(), kDiagnosticsUsage);
  return kUsageError;
}

int Failure(const std::string& problem) {
  std::fprintf(stderr, "kioskctl: %s\n", problem.c_str());
  return kFailure;
}

// "--flag value" pairs and bare switches; anything else is a usage error.
std::optional<ctl::ParsedArgs> Parse(const std::vector<std::string>& args,
                                     const std::set<std::string>& value_flags,
                                     const std::set<std::string>& switch_flags,
                                     std::string& problem) {
  auto parsed = ctl::ParseArgs(args, value_flags, switch_flags, problem);
  if (parsed && !parsed->words.empty()) {
    problem = "unexpected " + parsed->words.front();
    return std::nullopt;
  }
  return parsed;
}

std::int64_t NowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The outbox's counts; what went wrong instead when it cannot be read, so
// the bundle still goes out (a broken store is what staff are looking for).
nlohmann::json QueueJson(const KioskConfig& config, const std::string& data_dir) {
  const std::string path = (std::filesystem::path(data_dir) / "outbox.sqlite").string();
  if (!std::filesystem::exists(path)) return {{"present", false}, {"path", path}};
  auto outbox = OpenKioskOutbox(config, data_dir, KeyCreation::kMustExist);
  if (!outbox) return {{"present", true}, {"error", outbox.error().Describe()}};
  auto counts = (*outbox)->Counts();
  if (!counts) return {{"present", true}, {"error", counts.error().Describe()}};
  return {{"present", true},
          {"pending", counts->pending},
          {"in_flight", counts->in_flight},
          {"delivered", counts->delivered},
          {"dead", counts->dead}};
}

nlohmann::json NetworkJson(const KioskConfig& config) {
  nlohmann::json regions = nlohmann::json::object();
  for (const auto& [code, region] : config.regions) {
    regions[code] = {{"name", region.name}, {"endpoint", region.endpoint}};
  }
  nlohmann::json network = {{"state", "unknown: kioskctl does not contact the services"},
                            {"regions", std::move(regions)},
                            {"tls", config.tls.has_value()}};
  if (config.headquarters) {
    network["headquarters"] = {{"endpoint", config.headquarters->endpoint},
                               {"config_repository", config.headquarters->config_repository}};
  }
  return network;
}

// The devices fitted (the hardware profile); their states live in the kiosk.
nlohmann::json DevicesJson(const KioskConfig& config) {
  nlohmann::json devices = {{"state", "unknown: only the running kiosk watches the devices"},
                            {"hardware_profile", config.hardware_profile}};
  std::ifstream in(config.hardware_profile);
  const auto profile = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!in.is_open()) {
    devices["error"] = "cannot read " + config.hardware_profile;
  } else if (profile.is_discarded() || !profile.contains("devices")) {
    devices["error"] = config.hardware_profile + " is not a hardware profile";
  } else {
    devices["fitted"] = profile["devices"];
  }
  return devices;
}

int Export(const std::vector<std::string>& raw, const std::string& default_config_dir,
           const std::string& software_version) {
  std::string problem;
  auto options = Parse(raw, {"--config", "--data-dir", "--to"}, {}, problem);
  if (!options) return Usage(problem);
  auto config = LoadKioskConfig(options->One("--config", default_config_dir));
  if (!config) return Failure(config.error().Describe());
  const std::string data_dir = options->One("--data-dir", "/var/lib/kiosk");

  std::string target = options->One("--to", "");
  if (target.empty()) {
    const auto drives = RemovableMounts();
    if (drives.empty()) {
      return Failure("no USB drive mounted under /media or /run/media; name a directory with --to");
    }
    target = drives.front();
  }

  const std::int64_t now_ms = NowUnixMs();
  DiagnosticsInputs inputs;
  inputs.kiosk_id = config->kiosk_id;
  inputs.region = config->home_region;
  inputs.software_version = software_version;
  // ConfigStore only reads the symlink here; 0 is the installed configuration.
  inputs.config_version =
      ConfigStore((std::filesystem::path(data_dir) / "config").string()).Current().value_or(0);
  inputs.devices = DevicesJson(*config);
  inputs.queue = QueueJson(*config, data_dir);
  inputs.network = NetworkJson(*config);
  if (auto certificates = KioskCertificates(*config, now_ms / 1000)) {
    inputs.certificates = std::move(*certificates);
  } else {
    inputs.network["certificate_error"] = certificates.error().Describe();
  }
  const std::string log_path = (std::filesystem::path(data_dir) / "logs" / "kiosk.log").string();
  if (auto lines = ReadLogFile(log_path)) {
    inputs.log = std::move(*lines);
  } else if (lines.error().code != ErrorCode::kNotFound) {
    inputs.network["log_error"] = lines.error().Describe();
  }
  inputs.created_unix_ms = now_ms;

  auto bundle = ExportDiagnostics(inputs, target);
  if (!bundle) return Failure(bundle.error().Describe());
  std::printf("%s\n", bundle->c_str());
  return kOk;
}

std::string Date(std::int64_t unix_seconds) {
  const std::time_t time = static_cast<std::time_t>(unix_seconds);
  std::tm parts{};
  ::gmtime_r(&time, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &parts);
  return text;
}

int Certs(const std::vector<std::string>& raw, const std::string& default_config_dir) {
  std::string problem;
  auto options = Parse(raw, {"--config"}, {"--json"}, problem);
  if (!options) return Usage(problem);
  auto config = LoadKioskConfig(options->One("--config", default_config_dir));
  if (!config) return Failure(config.error().Describe());
  auto certificates = KioskCertificates(*config, NowUnixMs() / 1000);
  if (!certificates) return Failure(certificates.error().Describe());
  bool expired = false;
  for (const auto& certificate : *certificates) expired = expired || certificate.days_left < 0;

  if (options->Has("--json")) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& certificate : *certificates) {
      list.push_back({{"path", certificate.path},
                      {"subject", certificate.subject},
                      {"issuer", certificate.issuer},
                      {"not_before_unix", certificate.not_before_unix},
                      {"not_after_unix", certificate.not_after_unix},
                      {"days_left", certificate.days_left}});
    }
    std::printf("%s\n", list.dump(2).c_str());
  } else if (!config->tls) {
    std::printf("no TLS configured (network.tls): no certificates\n");
  } else {
    for (const auto& certificate : *certificates) {
      // Day counts round down, so an expiry is named by its date, not "n days ago".
      const std::string left = certificate.days_left < 0
                                   ? std::string("EXPIRED")
                                   : std::to_string(certificate.days_left) + " day(s) left";
      std::printf("%s\n  subject %s\n  issuer  %s\n  expires %s, %s\n", certificate.path.c_str(),
                  certificate.subject.c_str(), certificate.issuer.c_str(),
                  Date(certificate.not_after_unix).c_str(), left.c_str());
    }
  }
  return expired ? kExpired : kOk;
}

}  // namespace

int DiagnosticsCommand(const std::vector<std::string>& args, const std::string& default_config_dir,
                       const std::string& software_version) {
  if (args.empty() || args[0] != "export") return Usage("diagnostics needs export");
  return Export({args.begin() + 1, args.end()}, default_config_dir, software_version);
}

int CertsCommand(const std::vector<std::string>& args, const std::string& default_config_dir) {
  return Certs(args, default_config_dir);
}

}  // namespace kiosk::ctl
