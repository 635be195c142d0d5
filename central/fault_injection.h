#pragma once

// Faults that kiosk-central can be told to play, so tests can drive every
// path of the kiosk's delivery (retry, backoff, dead letters, exactly-once
// after a lost answer) against the real program. Only a server started
// with --allow-fault-injection exposes the control endpoint
// (POST/GET /v1/test/faults); without it the routes do not exist (404).
//
// Faults apply to the kiosk-facing routes, POST .../submissions and
// POST .../queries, never to GET /v1/submissions or /v1/health, which
// tests and operators use to look at the server. The modes:
//   none             answer normally
//   down             503 service_unavailable with Retry-After, without
//                    touching the store: what a proxy says when the
//                    service behind it is down
//   error_500        500 internal_error, nothing stored
//   error_429        429 too_many_requests with Retry-After, nothing stored
//   stall            sleep stall_ms, then handle the request normally: the
//                    kiosk has usually given up by then, yet it is stored
//   cut              close the connection without reading further or
//                    answering; nothing stored
//   cut_after_store  handle (store) the request, then close the connection
//                    before the answer: the server has it, the kiosk never
//                    heard so; the case exactly-once delivery must survive
// `count`, when given, limits the fault to that many requests, after which
// the mode returns to none; `regions`, when given, limits it to those.

#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>

#include "common/error.h"

namespace kiosk::central {

enum class FaultMode { kNone, kDown, kError500, kError429, kStall, kCut, kCutAfterStore };
const char* ToString(FaultMode mode);
std::optional<FaultMode> FaultModeFromString(const std::string& text);

struct FaultPlan {
  FaultMode mode = FaultMode::kNone;
  std::chrono::milliseconds stall{0};
  std::optional<int> count;       // Requests left to fault; nullopt = until changed.
  std::set<std::string> regions;  // Empty = every region.
};

// Parses the body of POST /v1/test/faults; kInvalidArgument says what is wrong.
Result<FaultPlan> ParseFaultPlan(const std::string& body);
nlohmann::json FaultPlanJson(const FaultPlan& plan);

// Thread-safe: the control endpoint sets the plan while handlers draw from it.
class FaultInjector {
 public:
  void Set(FaultPlan plan);
  FaultPlan Current() const;
  // The fault for one request to `region`, counting it against `count`.
  FaultPlan Draw(const std::string& region);
  // Requests faulted since the plan was set.
  int Faulted() const;

 private:
  mutable std::mutex mutex_;
  FaultPlan plan_;
  int faulted_ = 0;  // Requests faulted since the plan was set, for GET.
};

}  // namespace kiosk::central
