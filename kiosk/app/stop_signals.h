#pragma once

// SIGTERM (systemd stopping the unit) and SIGINT (Ctrl+C in a developer's
// terminal) end the kiosk cleanly: the UI loop finishes its iteration, the
// outbox and the devices are closed in order and the exit status is 0.
// The kiosk in lockdown ignores the window manager's close requests, so
// these signals are the only way to stop it short of SIGKILL.
//
// The signals are blocked in every thread and taken by sigwait on a thread
// of their own, so the handler is ordinary code (it may lock, log and push
// SDL events), not an async-signal handler.

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

#include "common/error.h"

namespace kiosk {

class StopSignals {
 public:
  // Blocks SIGTERM and SIGINT in the calling thread. Call it first in
  // main, before any other thread starts: threads inherit the mask, so
  // only the waiter receives the signals. `on_signal` runs on the waiter's
  // thread, once per signal received.
  static Result<std::unique_ptr<StopSignals>> Start(std::function<void(int signal)> on_signal);
  // Ends the waiter. The signals stay blocked: one that comes later is
  // left pending and the process ends as main returns.
  ~StopSignals();

  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  explicit StopSignals(std::function<void(int)> on_signal);
  void Wait();

  std::function<void(int)> on_signal_;
  std::atomic<bool> closing_{false};
  std::thread waiter_;
};

}  // namespace kiosk
