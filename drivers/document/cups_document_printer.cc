// The DocumentPrinter over a CUPS queue (libcups 2.x).

#include <cups/cups.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "drivers/document/document_printer.h"

namespace kiosk::document {

DocumentPrinter::~DocumentPrinter() = default;

namespace {

struct HttpClose {
  void operator()(http_t* http) const { httpClose(http); }
};
struct IppDelete {
  void operator()(ipp_t* ipp) const { ippDelete(ipp); }
};
using HttpPtr = std::unique_ptr<http_t, HttpClose>;
using IppPtr = std::unique_ptr<ipp_t, IppDelete>;

std::unexpected<Error> Failure(ErrorCode code, std::string detail, std::string reason) {
  return std::unexpected<Error>(Error(code, std::move(detail), std::move(reason)));
}

std::vector<std::string> Strings(ipp_t* response, const char* name) {
  std::vector<std::string> values;
  ipp_attribute_t* attribute = ippFindAttribute(response, name, IPP_TAG_ZERO);
  for (int i = 0; attribute != nullptr && i < ippGetCount(attribute); ++i) {
    const char* value = ippGetString(attribute, i, nullptr);
    if (value != nullptr) values.emplace_back(value);
  }
  return values;
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string text;
  for (const auto& word : words) text += (text.empty() ? "" : ",") + word;
  return text.empty() ? "none" : text;
}

struct JobState {
  ipp_jstate_t state = IPP_JSTATE_PENDING;
  std::vector<std::string> reasons;
};

struct PrinterState {
  ipp_pstate_t state = IPP_PSTATE_IDLE;
  std::vector<std::string> reasons;
  std::string message;
  std::string Describe() const {
    return "printer state " + std::string(ippEnumString("printer-state", state)) + ", reasons " +
           JoinWords(reasons) + (message.empty() ? "" : ", message \"" + message + "\"");
  }
};

class CupsDocumentPrinter final : public DocumentPrinter {
 public:
  explicit CupsDocumentPrinter(CupsSettings settings) : settings_(std::move(settings)) {}

  Result<PrintedJob> PrintPdf(const std::string& pdf_path, const std::string& title) override {
    if (!std::filesystem::is_regular_file(pdf_path)) {
      return Failure(ErrorCode::kNotFound, "no PDF at " + pdf_path, "file_missing");
    }
    auto http = Connect();
    if (!http) return std::unexpected(http.error());
    http_t* connection = http->get();
    if (auto ready = CheckQueue(connection); !ready) return std::unexpected(ready.error());
    const int job_id = cupsPrintFile2(connection, settings_.queue.c_str(), pdf_path.c_str(),
                                      title.c_str(), 0, nullptr);
    if (job_id == 0) return SubmitFailure();
    return Follow(connection, job_id);
  }

 private:
  Result<HttpPtr> Connect() const {
    std::string host = settings_.server.empty() ? cupsServer() : settings_.server;
    int port = ippPort();
    if (!host.empty() && host.front() != '/') {
      const auto colon = host.rfind(':');
      if (colon != std::string::npos && host.find(']') == std::string::npos) {
        port = std::atoi(host.c_str() + colon + 1);
        host.resize(colon);
      }
    }
    HttpPtr http(httpConnect2(host.c_str(), port, nullptr, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED,
                              1, 10000, nullptr));
    if (!http) {
      return Failure(ErrorCode::kNetwork,
                     "cannot connect to the CUPS server " + host +
                         (host.front() == '/' ? "" : ":" + std::to_string(port)) + ": " +
                         cupsLastErrorString(),
                     "cups_unreachable");
    }
    return http;
  }

  // Asks for the queue first: libcups reports a job for a queue that does
  // not exist as an internal error, and a queue that refuses jobs is better
  // named before the PDF is sent.
  Result<void> CheckQueue(http_t* http) const {
    ipp_t* request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
                 PrinterUri().c_str());
    static const char* const kWanted[] = {"printer-is-accepting-jobs", "printer-state",
                                          "printer-state-reasons", "printer-state-message"};
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 4, nullptr,
                  kWanted);
    IppPtr response(cupsDoRequest(http, request, "/"));
    const ipp_status_t status = cupsLastError();
    if (status == IPP_STATUS_ERROR_NOT_FOUND) {
      return Failure(ErrorCode::kNotFound, "CUPS has no queue \"" + settings_.queue + "\"",
                     "queue_unknown");
    }
    if (!response || status > IPP_STATUS_OK_CONFLICTING) {
      return Failure(ErrorCode::kNetwork,
                     "cannot ask CUPS about queue \"" + settings_.queue +
                         "\": " + ippErrorString(status) + " (" + cupsLastErrorString() + ")",
                     "cups_unreachable");
    }
    ipp_attribute_t* accepting =
        ippFindAttribute(response.get(), "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
    if (accepting != nullptr && !ippGetBoolean(accepting, 0)) {
      return Failure(ErrorCode::kServerRejected,
                     "CUPS queue \"" + settings_.queue + "\" does not accept jobs; " +
                         QueryPrinter(http).Describe(),
                     "job_refused");
    }
    return {};
  }

  std::unexpected<Error> SubmitFailure() const {
    const ipp_status_t status = cupsLastError();
    const std::string why =
        std::string(ippErrorString(status)) + " (" + cupsLastErrorString() + ")";
    if (status == IPP_STATUS_ERROR_NOT_FOUND) {
      return Failure(ErrorCode::kNotFound, "CUPS has no queue \"" + settings_.queue + "\": " + why,
                     "queue_unknown");
    }
    if (status == IPP_STATUS_ERROR_SERVICE_UNAVAILABLE || status == IPP_STATUS_ERROR_INTERNAL) {
      return Failure(ErrorCode::kNetwork,
                     "CUPS did not take the job for \"" + settings_.queue + "\": " + why,
                     "cups_unreachable");
    }
    return Failure(ErrorCode::kServerRejected,
                   "CUPS refused the job for \"" + settings_.queue + "\": " + why, "job_refused");
  }

  std::string PrinterUri() const {
    char uri[HTTP_MAX_URI];
    httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", 0,
                     "/printers/%s", settings_.queue.c_str());
    return uri;
  }

  Result<JobState> QueryJob(http_t* http, int job_id) const {
    ipp_t* request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
                 PrinterUri().c_str());
    ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr,
                 cupsUser());
    static const char* const kWanted[] = {"job-state", "job-state-reasons"};
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 2, nullptr,
                  kWanted);
    IppPtr response(cupsDoRequest(http, request, "/"));
    if (!response || cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
      return Failure(ErrorCode::kNetwork,
                     "cannot get the state of CUPS job " + std::to_string(job_id) + ": " +
                         cupsLastErrorString(),
                     "cups_unreachable");
    }
    JobState job;
    ipp_attribute_t* state = ippFindAttribute(response.get(), "job-state", IPP_TAG_ENUM);
    if (state != nullptr) job.state = static_cast<ipp_jstate_t>(ippGetInteger(state, 0));
    job.reasons = Strings(response.get(), "job-state-reasons");
    return job;
  }

  PrinterState QueryPrinter(http_t* http) const {
    PrinterState printer;
    ipp_t* request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr,
                 PrinterUri().c_str());
    static const char* const kWanted[] = {"printer-state", "printer-state-reasons",
                                          "printer-state-message"};
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 3, nullptr,
                  kWanted);
    IppPtr response(cupsDoRequest(http, request, "/"));
    if (!response) return printer;
    ipp_attribute_t* state = ippFindAttribute(response.get(), "printer-state", IPP_TAG_ENUM);
    if (state != nullptr) printer.state = static_cast<ipp_pstate_t>(ippGetInteger(state, 0));
    printer.reasons = Strings(response.get(), "printer-state-reasons");
    auto message = Strings(response.get(), "printer-state-message");
    if (!message.empty()) printer.message = message.front();
    return printer;
  }

  Result<PrintedJob> Follow(http_t* http, int job_id) const {
    const auto deadline = std::chrono::steady_clock::now() + settings_.timeout;
    const std::string name = "CUPS job " + settings_.queue + "-" + std::to_string(job_id);
    while (true) {
      auto job = QueryJob(http, job_id);
      if (!job) return std::unexpected(job.error());
      const std::string job_words = "job reasons " + JoinWords(job->reasons);
      switch (job->state) {
        case IPP_JSTATE_COMPLETED: return PrintedJob{job_id, job->reasons};
        case IPP_JSTATE_ABORTED:
          return Failure(ErrorCode::kDevice,
                         name + " aborted: " + job_words + "; " + QueryPrinter(http).Describe(),
                         "job_aborted");
        case IPP_JSTATE_CANCELED:
          return Failure(ErrorCode::kCanceled,
                         name + " canceled: " + job_words + "; " + QueryPrinter(http).Describe(),
                         "job_canceled");
        case IPP_JSTATE_STOPPED:
          return Failure(ErrorCode::kDeviceNotReady,
                         name + " stopped: " + job_words + "; " + QueryPrinter(http).Describe(),
                         "job_stopped");
        default: {
          // A job waiting behind a stopped printer never moves by itself.
          const PrinterState printer = QueryPrinter(http);
          if (printer.state == IPP_PSTATE_STOPPED) {
            cupsCancelJob2(http, settings_.queue.c_str(), job_id, 0);
            return Failure(ErrorCode::kDeviceNotReady,
                           name + " cannot print, the printer is stopped (job canceled): " +
                               job_words + "; " + printer.Describe(),
                           "job_stopped");
          }
          break;
        }
      }
      if (std::chrono::steady_clock::now() >= deadline) {
        const PrinterState printer = QueryPrinter(http);
        cupsCancelJob2(http, settings_.queue.c_str(), job_id, 0);
        return Failure(ErrorCode::kTimeout,
                       name + " not done after " + std::to_string(settings_.timeout.count()) +
                           " ms (state " + ippEnumString("job-state", job->state) +
                           ", job canceled): " + job_words + "; " + printer.Describe(),
                       "job_timeout");
      }
      std::this_thread::sleep_for(settings_.poll_interval);
    }
  }

  CupsSettings settings_;
};

}  // namespace

std::unique_ptr<DocumentPrinter> CreateCupsDocumentPrinter(CupsSettings settings) {
  return std::make_unique<CupsDocumentPrinter>(std::move(settings));
}

}  // namespace kiosk::document
