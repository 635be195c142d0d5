#include "central/http_server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <thread>

#include "central/api_response.h"
#include "central/connection_cut.h"
#include "central/fleet_api.h"
#include "central/fleet_page.h"
#include "central/kiosk_reports_api.h"
#include "central/query_api.h"
#include "central/submissions_api.h"
#include "common/log.h"

namespace kiosk::central {
namespace {

constexpr const char* kComponent = "central";
constexpr const char* kVersion = "0.1.0";
// Far above any real submission; refuses a runaway client early (413).
constexpr std::size_t kMaxBodyBytes = 1024 * 1024;

std::int64_t UnixMsNow() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void Send(const ApiResponse& answer, httplib::Response& res) {
  res.status = answer.status;
  res.set_content(answer.body, answer.content_type);
  for (const auto& [name, value] : answer.headers) res.set_header(name, value);
}

// Runs a handler so that no exception reaches httplib, which would answer
// with a bare 500 and the exception text in a header.
httplib::Server::Handler Guarded(std::function<ApiResponse(const httplib::Request&)> handler) {
  return [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    ApiResponse answer;
    try {
      answer = handler(req);
    } catch (const std::exception& error) {
      log::Error(kComponent, "{} {} failed: {}", req.method, req.path, error.what());
      answer = ErrorResponse(500, "internal_error", "unexpected server failure");
    } catch (...) {
      log::Error(kComponent, "{} {} failed with a non-standard exception", req.method, req.path);
      answer = ErrorResponse(500, "internal_error", "unexpected server failure");
    }
    Send(answer, res);
  };
}

// Answers that httplib makes by itself (no route, malformed request, body
// too large) have no body; give them the API's error shape.
httplib::Server::HandlerResponse FillError(const httplib::Request& req, httplib::Response& res) {
  if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
  ApiResponse answer;
  switch (res.status) {
    case 404:
      answer =
          ErrorResponse(404, "not_found", fmt::format("no route for {} {}", req.method, req.path));
      break;
    case 413:
      answer = ErrorResponse(413, "payload_too_large",
                             fmt::format("request bodies are limited to {} bytes", kMaxBodyBytes));
      break;
    case 400: answer = ErrorResponse(400, "invalid_request", "malformed HTTP request"); break;
    default:
      answer = ErrorResponse(res.status, "http_error", fmt::format("HTTP status {}", res.status));
      break;
  }
  Send(answer, res);
  return httplib::Server::HandlerResponse::Handled;
}

std::vector<std::string> HeaderValues(const httplib::Request& req, const char* name) {
  std::vector<std::string> values;
  const std::size_t count = req.get_header_value_count(name);
  for (std::size_t i = 0; i < count; ++i) values.push_back(req.get_header_value(name, i));
  return values;
}

void Cut(const httplib::Request& req, httplib::Response& res) {
  if (auto cut = CutConnection(req.remote_addr, req.remote_port, req.local_port); !cut) {
    // Still answer something clearly wrong rather than a success.
    log::Error(kComponent, "injected cut failed: {}", cut.error().Describe());
    Send(ErrorResponse(500, "internal_error", "injected cut failed"), res);
    return;
  }
  res.status = 500;  // Never sent; keeps the request log honest.
}

// Plays the fault drawn for this request (fault_injection.h) around
// `handler`, which answers it normally. req.matches[1] is the region.
httplib::Server::Handler WithFaults(FaultInjector* faults, httplib::Server::Handler handler) {
  if (faults == nullptr) return handler;
  return [faults, handler = std::move(handler)](const httplib::Request& req,
                                                httplib::Response& res) {
    const FaultPlan fault = faults->Draw(req.matches[1].str());
    switch (fault.mode) {
      case FaultMode::kNone: handler(req, res); return;
      case FaultMode::kDown: {
        ApiResponse down =
            ErrorResponse(503, "service_unavailable", "the service is down (injected fault)");
        down.headers.emplace_back("Retry-After", "1");
        Send(down, res);
        return;
      }
      case FaultMode::kError500:
        Send(ErrorResponse(500, "internal_error", "injected fault"), res);
        return;
      case FaultMode::kError429: {
        ApiResponse busy = ErrorResponse(429, "too_many_requests", "slow down (injected fault)");
        busy.headers.emplace_back("Retry-After", "1");
        Send(busy, res);
        return;
      }
      case FaultMode::kStall:
        std::this_thread::sleep_for(fault.stall);
        handler(req, res);
        return;
      case FaultMode::kCut: Cut(req, res); return;
      case FaultMode::kCutAfterStore:
        handler(req, res);
        Cut(req, res);
        return;
    }
  };
}

}  // namespace

struct CentralServer::Impl {
  Impl(const CitizenDirectory& citizens, SubmissionStore& submissions, FaultInjector* injector,
       KioskReportStore* kiosk_reports)
      : directory(citizens), store(submissions), faults(injector), reports(kiosk_reports) {}

  void Route(RequestLog request_log);

  const CitizenDirectory& directory;
  SubmissionStore& store;
  FaultInjector* faults;      // Null unless fault injection is allowed.
  KioskReportStore* reports;  // Null: no report routes.
  httplib::Server http;
  std::thread listener;
  std::atomic<bool> listener_done{false};
};

void CentralServer::Impl::Route(RequestLog request_log) {
  // httplib writes a response's headers and body separately; with Nagle's
  // algorithm the body then waits for the kiosk's delayed ACK (~40 ms) on
  // every kept-alive connection, which capped a backlog's drain.
  http.set_tcp_nodelay(true);
  http.Get("/v1/health", Guarded([](const httplib::Request&) {
             return JsonResponse(
                 200, {{"status", "ok"}, {"service", "kiosk-central"}, {"version", kVersion}});
           }));
  http.Post(R"(/v1/regions/([^/]+)/queries/([^/]+))",
            WithFaults(faults, Guarded([this](const httplib::Request& req) {
                         return HandleQuery(directory, req.matches[1].str(), req.matches[2].str(),
                                            req.body, Clock::now());
                       })));
  http.Post(R"(/v1/regions/([^/]+)/submissions)",
            WithFaults(faults, Guarded([this](const httplib::Request& req) {
                         return HandleSubmit(directory, store, req.matches[1].str(),
                                             HeaderValues(req, "Idempotency-Key"), req.body,
                                             Clock::now());
                       })));
  if (faults != nullptr) {
    http.Post("/v1/test/faults", Guarded([this](const httplib::Request& req) {
                auto plan = ParseFaultPlan(req.body);
                if (!plan) return ErrorResponse(400, "invalid_request", plan.error().detail);
                log::Warning(kComponent, "fault injection: {}", FaultPlanJson(*plan).dump());
                faults->Set(*plan);
                return JsonResponse(200, FaultPlanJson(*plan));
              }));
    http.Get("/v1/test/faults", Guarded([this](const httplib::Request&) {
               nlohmann::json body = FaultPlanJson(faults->Current());
               body["faulted"] = faults->Faulted();
               return JsonResponse(200, body);
             }));
  }
  if (reports != nullptr) {
    http.Post(R"(/v1/kiosks/([^/]+)/reports/([^/]+))", Guarded([this](const httplib::Request& req) {
                return HandleAddReport(*reports, req.matches[1].str(), req.matches[2].str(),
                                       req.body, UnixMsNow());
              }));
    http.Get(R"(/v1/kiosks/([^/]+)/reports)", Guarded([this](const httplib::Request& req) {
               return HandleReportHistory(*reports, req.matches[1].str(),
                                          req.get_param_value("kind"),
                                          req.get_param_value("limit"));
             }));
    http.Get("/v1/kiosks", Guarded([this](const httplib::Request& req) {
               return HandleLatestReports(*reports, req.get_param_value("kind"));
             }));
    // The fleet from the kiosks' heartbeats: for programs, and for people.
    http.Get("/v1/fleet", Guarded([this](const httplib::Request&) {
               return HandleFleet(*reports, UnixMsNow());
             }));
    http.Get("/fleet", Guarded([this](const httplib::Request&) {
               return HandleFleetPage(*reports, UnixMsNow());
             }));
  }
  http.Get("/v1/submissions", Guarded([this](const httplib::Request& req) {
             SubmissionFilter filter;
             if (req.has_param("region")) filter.region = req.get_param_value("region");
             if (req.has_param("kind")) filter.kind = req.get_param_value("kind");
             return HandleListSubmissions(store, filter);
           }));
  http.set_error_handler(httplib::Server::HandlerWithResponse(FillError));
  // A backstop: Guarded() already catches inside our handlers.
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        Send(ErrorResponse(500, "internal_error", "unexpected server failure"), res);
      });
  http.set_payload_max_length(kMaxBodyBytes);
  // httplib's default also sets SO_REUSEPORT, which lets a second instance
  // listen on the same port and silently take part of the requests into
  // another database. SO_REUSEADDR alone still allows a quick restart.
  http.set_socket_options([](socket_t sock) {
    const int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  if (request_log == RequestLog::kOn) {
    // Method, path and status only: bodies carry personal data.
    http.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      log::Info(kComponent, "{} {} {}", req.method, req.path, res.status);
    });
  }
}

CentralServer::CentralServer(const CitizenDirectory& directory, SubmissionStore& store,
                             RequestLog request_log, FaultInjector* faults,
                             KioskReportStore* reports)
    : impl_(std::make_unique<Impl>(directory, store, faults, reports)) {
  impl_->Route(request_log);
}

CentralServer::~CentralServer() { Stop(); }

Result<int> CentralServer::Start(const std::string& host, int port) {
  if (impl_->listener.joinable())
    return Fail(ErrorCode::kSequence, "the server is already started");
  if (port < 0 || port > 65535) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("port {} is out of range", port));
  }
  const int bound = port == 0 ? impl_->http.bind_to_any_port(host)
                              : (impl_->http.bind_to_port(host, port) ? port : -1);
  if (bound < 0) return Fail(ErrorCode::kIo, fmt::format("cannot listen on {}:{}", host, port));

  impl_->listener = std::thread([impl = impl_.get()] {
    impl->http.listen_after_bind();
    impl->listener_done = true;
  });
  // httplib marks itself running only inside listen_after_bind(); a stop()
  // before that would be lost, so do not return until it is running.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!impl_->http.is_running() && !impl_->listener_done &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (!impl_->http.is_running()) {
    Stop();
    return Fail(ErrorCode::kIo, fmt::format("the server on {}:{} did not start", host, bound));
  }
  return bound;
}

bool CentralServer::IsRunning() const { return impl_->http.is_running(); }

void CentralServer::Stop() {
  if (!impl_->listener.joinable()) return;
  impl_->http.stop();
  impl_->listener.join();
}

}  // namespace kiosk::central
