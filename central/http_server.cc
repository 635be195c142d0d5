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
#include "central/query_api.h"
#include "central/submissions_api.h"
#include "common/log.h"

namespace kiosk::central {
namespace {

constexpr const char* kComponent = "central";
constexpr const char* kVersion = "0.1.0";
// Far above any real submission; refuses a runaway client early (413).
constexpr std::size_t kMaxBodyBytes = 1024 * 1024;

void Send(const ApiResponse& answer, httplib::Response& res) {
  res.status = answer.status;
  res.set_content(answer.body, "application/json; charset=utf-8");
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

}  // namespace

struct CentralServer::Impl {
  Impl(const CitizenDirectory& citizens, SubmissionStore& submissions)
      : directory(citizens), store(submissions) {}

  void Route(RequestLog request_log);

  const CitizenDirectory& directory;
  SubmissionStore& store;
  httplib::Server http;
  std::thread listener;
  std::atomic<bool> listener_done{false};
};

void CentralServer::Impl::Route(RequestLog request_log) {
  http.Get("/v1/health", Guarded([](const httplib::Request&) {
             return JsonResponse(
                 200, {{"status", "ok"}, {"service", "kiosk-central"}, {"version", kVersion}});
           }));
  http.Post(R"(/v1/regions/([^/]+)/queries/([^/]+))", Guarded([this](const httplib::Request& req) {
              return HandleQuery(directory, req.matches[1].str(), req.matches[2].str(), req.body,
                                 Clock::now());
            }));
  http.Post(R"(/v1/regions/([^/]+)/submissions)", Guarded([this](const httplib::Request& req) {
              return HandleSubmit(directory, store, req.matches[1].str(),
                                  HeaderValues(req, "Idempotency-Key"), req.body, Clock::now());
            }));
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
                             RequestLog request_log)
    : impl_(std::make_unique<Impl>(directory, store)) {
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
