// kiosk-central: the reference central service (see central/CMakeLists.txt).
// Exit status: 0 after SIGINT/SIGTERM, 1 when it cannot start or serving
// fails, 2 for a bad command line.

#include <signal.h>

#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "central/citizen_directory.h"
#include "central/cli_options.h"
#include "central/http_server.h"
#include "central/port_file.h"
#include "central/submission_store.h"
#include "common/log.h"

namespace kiosk::central {
namespace {

constexpr const char* kComponent = "central";

std::string UrlHost(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

// Blocks the stop signals in this thread before any other starts, so every
// thread inherits the mask and the main thread alone takes them with
// sigtimedwait(): no work in a signal handler, no lost signal.
sigset_t BlockStopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  // A client that hangs up mid-answer must not kill the service.
  signal(SIGPIPE, SIG_IGN);
  return signals;
}

int Serve(const CliOptions& options) {
  const sigset_t stop_signals = BlockStopSignals();

  auto directory = CitizenDirectory::Load(options.data);
  if (!directory) {
    log::Error(kComponent, "{}", directory.error().Describe());
    return 1;
  }
  auto store = SubmissionStore::Open(options.db);
  if (!store) {
    log::Error(kComponent, "{}", store.error().Describe());
    return 1;
  }
  auto reports = KioskReportStore::Open(options.db);
  if (!reports) {
    log::Error(kComponent, "{}", reports.error().Describe());
    return 1;
  }
  FaultInjector faults;
  CentralServer server(*directory, **store, RequestLog::kOn,
                       options.allow_fault_injection ? &faults : nullptr, reports->get());
  if (options.allow_fault_injection) {
    log::Warning(kComponent, "fault injection is allowed: POST /v1/test/faults");
  }
  auto port = server.Start(options.bind, options.port);
  if (!port) {
    log::Error(kComponent, "{}", port.error().Describe());
    return 1;
  }
  log::Info(kComponent, "listening on http://{}:{}", UrlHost(options.bind), *port);
  if (options.port_file) {
    if (auto written = WritePortFile(*options.port_file, *port); !written) {
      log::Error(kComponent, "{}", written.error().Describe());
      return 1;
    }
  }

  // Wake up now and then to notice a server that stopped by itself.
  const timespec poll = {0, 200 * 1000 * 1000};
  while (true) {
    const int signal_number = sigtimedwait(&stop_signals, nullptr, &poll);
    if (signal_number == SIGINT || signal_number == SIGTERM) {
      log::Info(kComponent, "stopping on {}", signal_number == SIGINT ? "SIGINT" : "SIGTERM");
      server.Stop();
      return 0;
    }
    if (!server.IsRunning()) {
      log::Error(kComponent, "the HTTP server stopped unexpectedly");
      return 1;
    }
  }
}

}  // namespace
}  // namespace kiosk::central

int main(int argc, char** argv) {
  const std::string program = argc > 0 ? argv[0] : "kiosk-central";
  const std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
  auto options = kiosk::central::ParseCliOptions(args);
  if (!options) {
    std::fprintf(stderr, "%s: %s\n\n%s", program.c_str(), options.error().detail.c_str(),
                 kiosk::central::Usage(program).c_str());
    return 2;
  }
  if (options->help) {
    std::fputs(kiosk::central::Usage(program).c_str(), stdout);
    return 0;
  }
  return kiosk::central::Serve(*options);
}
