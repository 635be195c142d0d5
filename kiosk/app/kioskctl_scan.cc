#include "kiosk/app/kioskctl_scan.h"

#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "drivers/scanner/image_file.h"
#include "drivers/scanner/scanner_profile.h"
#include "drivers/scanner/wait_for_scan.h"
#include "kiosk/app/kioskctl_args.h"

namespace kiosk::ctl {
namespace {

using devices::BarcodeScanner;
using devices::ScanPayload;

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitNothingRead = 3;
constexpr int kExitRefused = 4;

constexpr const char* kScanUsage =
    "usage: kioskctl scan --image FILE\n"
    "       kioskctl scan --device DEV [--type camera|hid|serial] [--timeout S] [--baud N]\n"
    "                     [--terminator enter|tab|none] [--aim]\n";

struct ScanOptions {
  std::string image;
  std::string device;
  std::string type;  // camera, hid, serial; from the path when empty.
  double timeout_seconds = 10;
  int baud = 9600;
  std::string terminator = "enter";
  bool aim = false;
};

int Usage(const std::string& problem) {
  std::fprintf(stderr, "kioskctl scan: %s\n%s", problem.c_str(), kScanUsage);
  return kExitUsage;
}

int Failure(const Error& error) {
  std::fprintf(stderr, "kioskctl scan: %s\n", error.Describe().c_str());
  if (error.code == ErrorCode::kTimeout) return kExitNothingRead;
  return kExitFailed;
}

std::optional<ScanOptions> Parse(const std::vector<std::string>& args, std::string& problem) {
  ScanOptions options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    auto number = [&](double& out) {
      try {
        std::size_t used = 0;
        out = std::stod(args[++i], &used);
        return used == args[i].size() && std::isfinite(out) && out > 0;
      } catch (const std::exception&) {
        return false;
      }
    };
    if (arg == "--image" && has_value) {
      options.image = args[++i];
    } else if (arg == "--device" && has_value) {
      options.device = args[++i];
    } else if (arg == "--type" && has_value) {
      options.type = args[++i];
      if (options.type != "camera" && options.type != "hid" && options.type != "serial") {
        problem = "--type takes camera, hid or serial";
        return std::nullopt;
      }
    } else if (arg == "--timeout" && has_value) {
      auto seconds = ParseTimeoutSeconds(args[++i]);
      if (!seconds) {
        problem = kTimeoutProblem;
        return std::nullopt;
      }
      options.timeout_seconds = *seconds;
    } else if (arg == "--baud" && has_value) {
      double baud = 0;
      if (!number(baud) || baud != std::floor(baud) || baud > 4'000'000) {
        problem = "--baud takes a whole number";
        return std::nullopt;
      }
      options.baud = static_cast<int>(baud);
    } else if (arg == "--terminator" && has_value) {
      options.terminator = args[++i];
      if (options.terminator != "enter" && options.terminator != "tab" &&
          options.terminator != "none") {
        problem = "--terminator takes enter, tab or none";
        return std::nullopt;
      }
    } else if (arg == "--aim") {
      options.aim = true;
    } else {
      problem = "unknown or incomplete option " + arg;
      return std::nullopt;
    }
  }
  if (options.image.empty() == options.device.empty()) {
    problem = "give either --image FILE or --device DEV";
    return std::nullopt;
  }
  if (!options.image.empty() && (!options.type.empty() || options.aim)) {
    problem = "--type and --aim are for --device";
    return std::nullopt;
  }
  if (options.type.empty() && !options.device.empty()) {
    auto type = devices::ScannerTypeFromPath(options.device);
    if (!type) {
      problem = "cannot tell the kind of scanner from " + options.device + ": add --type";
      return std::nullopt;
    }
    options.type = devices::ToString(*type);
  }
  return options;
}

// The classification, with opaque tokens cut short (ScanPayload::Redacted).
nlohmann::json Describe(devices::Symbology symbology, const Result<ScanPayload>& payload) {
  nlohmann::json out;
  out["format"] = devices::ToString(symbology);
  if (!payload) {
    out["classification"] = "refused";
    out["error"] = {{"code", ToString(payload.error().code)},
                    {"reason", payload.error().reason},
                    {"detail", payload.error().detail}};
    return out;
  }
  out["classification"] = devices::ToString(payload->kind);
  out["text"] = payload->Redacted();
  if (!payload->credit_code.empty()) out["credit_code"] = payload->credit_code;
  if (!payload->token.empty()) out["token_length"] = payload->token.size();
  return out;
}

int Print(const nlohmann::json& out, bool refused) {
  // Replacement characters rather than an exception for odd bytes.
  std::printf("%s\n", out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
  return refused ? kExitRefused : kExitOk;
}

int ScanImage(const ScanOptions& options) {
  auto decoded = devices::DecodeImageFile(options.image);
  if (!decoded) {
    if (decoded.error().code == ErrorCode::kNotFound &&
        !decoded.error().detail.starts_with("no file")) {
      std::fprintf(stderr, "kioskctl scan: %s: no QR, Data Matrix, PDF417 or Code 128 code found\n",
                   options.image.c_str());
      return kExitNothingRead;
    }
    return Failure(decoded.error());
  }
  auto payload = devices::ClassifyScanPayload(decoded->text);
  nlohmann::json out = Describe(decoded->symbology, payload);
  out["position"] = nlohmann::json::array();
  for (const auto& corner : decoded->corners) out["position"].push_back({corner.x, corner.y});
  const bool refused = !payload.has_value();
  if (payload) payload->Wipe();
  return Print(out, refused);
}

Result<std::unique_ptr<BarcodeScanner>> OpenScanner(const ScanOptions& options) {
  devices::ScannerProfile profile;
  profile.device = options.device;
  if (options.type == "camera") profile.type = devices::ScannerType::kCamera;
  if (options.type == "hid") profile.type = devices::ScannerType::kHid;
  if (options.type == "serial") profile.type = devices::ScannerType::kSerial;
  profile.baud = options.baud;
  profile.terminator = options.terminator;
  profile.aim_identifier = options.aim;
  return devices::OpenBarcodeScanner(profile);
}

int ScanDevice(const ScanOptions& options) {
  auto scanner = OpenScanner(options);
  if (!scanner) return Failure(scanner.error());
  std::fprintf(stderr, "kioskctl scan: show a code to %s (%g s)\n", (*scanner)->Name().c_str(),
               options.timeout_seconds);
  const auto timeout = std::chrono::milliseconds(
      static_cast<long long>(std::llround(options.timeout_seconds * 1000)));
  auto scan = devices::WaitForScan(**scanner, timeout);
  if (!scan) return Failure(scan.error());
  nlohmann::json out = Describe(scan->symbology, scan->payload);
  out["device"] = (*scanner)->Name();
  const bool refused = !scan->payload.has_value();
  scan->Wipe();
  return Print(out, refused);
}

}  // namespace

int ScanCommand(const std::vector<std::string>& args) {
  if (args.size() == 1 && (args[0] == "--help" || args[0] == "-h")) {
    std::fputs(kScanUsage, stdout);
    return kExitOk;
  }
  std::string problem;
  const auto options = Parse(args, problem);
  if (!options) return Usage(problem);
  return options->image.empty() ? ScanDevice(*options) : ScanImage(*options);
}

}  // namespace kiosk::ctl
