#include "kiosk/app/kioskctl_print.h"

#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>

#include "common/log.h"
#include "drivers/printer/escpos_receipt_printer.h"
#include "drivers/printer/printer_profile_loader.h"
#include "drivers/printer/printer_transports.h"
#include "drivers/printer/printer_uri.h"
#include "drivers/printer/receipt_template.h"
#include "kiosk/app/kioskctl_args.h"

namespace kiosk::ctl {
namespace {

constexpr const char* kPrintUsage =
    "usage: kioskctl print receipt --printer URI --template FILE --data FILE [--profile NAME]\n"
    "                              [--profiles DIR] [--timeout S]\n"
    "  URI: tcp://HOST:PORT | serial:/dev/PATH[?baud=N] | usb:VVVV:PPPP\n";

struct PrintOptions {
  devices::PrinterUri printer;
  std::string template_path;
  std::string data_path;
  std::string profile = "generic-80mm";
  std::string profiles_dir;
  double timeout_seconds = 5;
};

int PrintUsage(const std::string& problem) {
  std::fprintf(stderr, "kioskctl: %s\n%s", problem.c_str(), kPrintUsage);
  return 2;
}

int Failed(int status, const Error& error) {
  std::fprintf(stderr, "kioskctl: %s%s\n", error.Describe().c_str(),
               error.reason.empty() ? "" : (" [" + error.reason + "]").c_str());
  return status;
}

std::optional<PrintOptions> ParseOptions(const std::vector<std::string>& args, int& status) {
  status = 2;
  PrintOptions options;
  options.profiles_dir = std::string(KIOSK_DEFAULT_CONFIG_DIR) + "/printers";
  bool have_printer = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--printer" && has_value) {
      auto uri = devices::ParsePrinterUri(args[++i]);
      if (!uri) {
        PrintUsage(uri.error().detail);
        return std::nullopt;
      }
      options.printer = *uri;
      have_printer = true;
    } else if (arg == "--template" && has_value) {
      options.template_path = args[++i];
    } else if (arg == "--data" && has_value) {
      options.data_path = args[++i];
    } else if (arg == "--profile" && has_value) {
      options.profile = args[++i];
    } else if (arg == "--profiles" && has_value) {
      options.profiles_dir = args[++i];
    } else if (arg == "--timeout" && has_value) {
      auto seconds = ParseTimeoutSeconds(args[++i]);
      if (!seconds) {
        PrintUsage(kTimeoutProblem);
        return std::nullopt;
      }
      options.timeout_seconds = *seconds;
    } else {
      PrintUsage("unknown argument " + arg);
      return std::nullopt;
    }
  }
  if (!have_printer || options.template_path.empty() || options.data_path.empty()) {
    PrintUsage("--printer, --template and --data are required");
    return std::nullopt;
  }
  return options;
}

int PrintReceipt(const PrintOptions& options) {
  // Logos are read relative to the template's own directory.
  auto receipt_template = devices::LoadReceiptTemplate(options.template_path);
  if (!receipt_template) return Failed(3, receipt_template.error());
  auto data = devices::ReadJsonFile(options.data_path);
  if (!data) return Failed(3, data.error());
  auto document = devices::RenderReceipt(*receipt_template, *data);
  if (!document) return Failed(3, document.error());

  auto profile = devices::LoadPrinterProfile(options.profiles_dir, options.profile);
  if (!profile) return Failed(4, profile.error());

  const auto timeout = std::chrono::milliseconds(static_cast<long long>(options.timeout_seconds * 1000));
  auto transport = devices::OpenPrinterTransport(options.printer, timeout);
  if (!transport) return Failed(5, transport.error());
  devices::EscPosReceiptPrinter printer(std::move(*transport), *profile);
  if (auto printed = printer.Print(*document); !printed) {
    return Failed(PrintExitStatus(printed.error()), printed.error());
  }
  const devices::PrinterStatus status = printer.Status();
  std::printf("printed on %s (profile %s); paper %s\n", devices::ToString(options.printer).c_str(),
              profile->name.c_str(), devices::ToString(status.paper));
  return 0;
}

}  // namespace

int PrintExitStatus(const Error& error) {
  const std::string& why = error.reason;
  if (why == "paper_out" || why == "cover_open" || why == "printer_offline") return 6;
  if (why == "paper_out_during_job" || why == "cover_opened_during_job") return 7;
  if (why == "printer_error") return 8;
  if (why == "printer_gone") {
    // Lost while the job was on its way: part of it may be on paper.
    return error.detail.starts_with("job not delivered") ||
                   error.detail.starts_with("no status after the job")
               ? 7
               : 9;
  }
  if (error.code == ErrorCode::kInvalidArgument || error.code == ErrorCode::kInvalidData) return 3;
  return 1;
}

int PrintCommand(const std::vector<std::string>& args) {
  if (args.empty() || args[0] != "receipt") return PrintUsage("print takes the subcommand receipt");
  int status = 0;
  const auto options = ParseOptions({args.begin() + 1, args.end()}, status);
  if (!options) return status;
  // The driver logs refusals itself; kioskctl reports the outcome.
  log::SetMinimumLevel(log::Level::kError);
  return PrintReceipt(*options);
}

}  // namespace kiosk::ctl
