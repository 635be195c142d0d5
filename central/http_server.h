#pragma once

// The HTTP face of the reference central service: routes requests to the
// API handlers on cpp-httplib's thread pool and turns anything unrouted or
// refused by httplib itself into the JSON error shape.

#include <memory>
#include <string>

#include "central/citizen_directory.h"
#include "central/fault_injection.h"
#include "central/kiosk_reports.h"
#include "central/submission_store.h"
#include "common/error.h"

namespace kiosk::central {

enum class RequestLog { kOff, kOn };

class CentralServer {
 public:
  // All must outlive the server. `faults`, when given, plays its faults on
  // the kiosk-facing routes and adds the /v1/test/faults control endpoint;
  // `reports`, when given, adds the /v1/kiosks report routes and the fleet
  // status (GET /v1/fleet, the page GET /fleet).
  CentralServer(const CitizenDirectory& directory, SubmissionStore& store,
                RequestLog request_log = RequestLog::kOn, FaultInjector* faults = nullptr,
                KioskReportStore* reports = nullptr);
  ~CentralServer();  // Stops the server.
  CentralServer(const CentralServer&) = delete;
  CentralServer& operator=(const CentralServer&) = delete;

  // Binds `host`:`port` (0 = any free port) and serves on a background
  // thread. Returns the bound port once the server accepts requests.
  Result<int> Start(const std::string& host, int port);

  // False before Start() and after Stop(), or if serving failed.
  bool IsRunning() const;

  // Stops accepting, lets the running handlers finish and joins. Safe to
  // call twice; not from a signal handler.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::central
