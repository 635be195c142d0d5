#include "kiosk/app/kioskctl_document.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

#include "drivers/document/document_binding.h"
#include "drivers/document/document_printer.h"
#include "drivers/document/document_template.h"
#include "drivers/document/pdf_renderer.h"
#include "kiosk/app/kioskctl_args.h"

namespace kiosk::ctl {
namespace {

constexpr const char* kPrintDocumentUsage =
    "usage: kioskctl print document --template FILE --data FILE (--out FILE.pdf | --cups QUEUE)\n"
    "                               [--server HOST[:PORT] | --server SOCKET] [--timeout S] "
    "[--title TEXT]\n";

struct Options {
  std::string template_path;
  std::string data_path;
  std::optional<std::string> out;
  std::optional<std::string> queue;
  std::string server;
  std::optional<std::string> title;
  double timeout_seconds = 120;
};

int Usage(const std::string& problem) {
  std::fprintf(stderr, "kioskctl: %s\n%s", problem.c_str(), kPrintDocumentUsage);
  return 2;
}

std::optional<Options> Parse(const std::vector<std::string>& args, int& status) {
  Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--template" && has_value) {
      options.template_path = args[++i];
    } else if (arg == "--data" && has_value) {
      options.data_path = args[++i];
    } else if (arg == "--out" && has_value) {
      options.out = args[++i];
    } else if (arg == "--cups" && has_value) {
      options.queue = args[++i];
    } else if (arg == "--server" && has_value) {
      options.server = args[++i];
    } else if (arg == "--title" && has_value) {
      options.title = args[++i];
    } else if (arg == "--timeout" && has_value) {
      auto seconds = ParseTimeoutSeconds(args[++i]);
      if (!seconds) {
        status = Usage(kTimeoutProblem);
        return std::nullopt;
      }
      options.timeout_seconds = *seconds;
    } else {
      status = Usage("unknown argument " + arg);
      return std::nullopt;
    }
  }
  if (options.template_path.empty() || options.data_path.empty()) {
    status = Usage("print document needs --template and --data");
    return std::nullopt;
  }
  if (!options.out && !options.queue) {
    status = Usage("print document needs --out FILE.pdf or --cups QUEUE (or both)");
    return std::nullopt;
  }
  if (options.queue && options.queue->empty()) {
    status = Usage("--cups needs a queue name");
    return std::nullopt;
  }
  return options;
}

int Failed(const Error& error) {
  std::fprintf(stderr, "kioskctl: print document: %s%s\n", error.Describe().c_str(),
               error.reason.empty() ? "" : (" [" + error.reason + "]").c_str());
  return PrintDocumentExitStatus(error);
}

// A private file for the PDF when only --cups is given; removed at exit.
class TemporaryPdf {
 public:
  TemporaryPdf() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "kioskctl-document-XXXXXX.pdf").string();
    const int fd = ::mkstemps(pattern.data(), 4);
    if (fd >= 0) {
      ::close(fd);
      path_ = pattern;
    }
  }
  ~TemporaryPdf() {
    if (!path_.empty()) ::unlink(path_.c_str());
  }
  TemporaryPdf(const TemporaryPdf&) = delete;
  TemporaryPdf& operator=(const TemporaryPdf&) = delete;
  const std::string& Path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

int PrintDocumentExitStatus(const Error& error) {
  const std::string& why = error.reason;
  if (why == "bad_template") return 3;
  if (why == "bad_data") return 4;
  if (why == "font_missing" || why == "write_failed") return 5;
  if (why == "cups_unreachable" || why == "queue_unknown") return 6;
  if (why == "job_refused") return 7;
  if (why == "job_aborted" || why == "job_stopped") return 8;
  if (why == "job_canceled") return 9;
  if (why == "job_timeout") return 10;
  if (error.code == ErrorCode::kInvalidArgument) return 5;  // A QR value too long.
  return 1;
}

int PrintDocumentCommand(const std::vector<std::string>& args) {
  int status = 0;
  auto options = Parse(args, status);
  if (!options) return status;
  auto loaded = document::LoadDocumentTemplate(options->template_path);
  if (!loaded) return Failed(loaded.error());
  auto data = document::LoadDocumentData(options->data_path);
  if (!data) return Failed(data.error());
  auto bound = document::BindDocument(*loaded, *data);
  if (!bound) return Failed(bound.error());

  TemporaryPdf temporary;
  std::string pdf_path;
  if (options->out) {
    pdf_path = *options->out;
  } else {
    if (temporary.Path().empty()) {
      return Failed(Error(ErrorCode::kIo, "cannot create a temporary file", "write_failed"));
    }
    pdf_path = temporary.Path();
  }
  auto pages = document::WritePdf(*bound, pdf_path);
  if (!pages) return Failed(pages.error());

  nlohmann::json report = {{"pages", *pages}};
  if (options->out) report["out"] = *options->out;
  if (options->queue) {
    document::CupsSettings settings;
    settings.server = options->server;
    settings.queue = *options->queue;
    settings.timeout =
        std::chrono::milliseconds(static_cast<long long>(options->timeout_seconds * 1000));
    auto printer = document::CreateCupsDocumentPrinter(settings);
    auto job = printer->PrintPdf(pdf_path, options->title.value_or(bound->title));
    if (!job) return Failed(job.error());
    report["cups_job"] = job->job_id;
  }
  std::printf("%s\n", report.dump().c_str());
  return 0;
}

}  // namespace kiosk::ctl
