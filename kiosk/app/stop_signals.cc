#include "kiosk/app/stop_signals.h"

#include <pthread.h>
#include <signal.h>

#include <cstring>

#include "common/log.h"

namespace kiosk {
namespace {

constexpr const char* kLog = "kiosk";

sigset_t StopSet() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  return set;
}

}  // namespace

StopSignals::StopSignals(std::function<void(int)> on_signal) : on_signal_(std::move(on_signal)) {}

Result<std::unique_ptr<StopSignals>> StopSignals::Start(std::function<void(int)> on_signal) {
  const sigset_t set = StopSet();
  if (const int error = pthread_sigmask(SIG_BLOCK, &set, nullptr); error != 0) {
    log::Error(kLog, "cannot block SIGTERM and SIGINT: {}", std::strerror(error));
    return Fail(ErrorCode::kInternal,
                std::string("pthread_sigmask(SIG_BLOCK) failed: ") + std::strerror(error));
  }
  std::unique_ptr<StopSignals> signals(new StopSignals(std::move(on_signal)));
  signals->waiter_ = std::thread([raw = signals.get()] { raw->Wait(); });
  return signals;
}

void StopSignals::Wait() {
  const sigset_t set = StopSet();
  while (true) {
    int signal = 0;
    if (const int error = sigwait(&set, &signal); error != 0) {
      log::Error(kLog, "sigwait failed ({}): SIGTERM no longer stops the kiosk cleanly",
                 std::strerror(error));
      return;
    }
    if (closing_) return;  // The destructor's own wake-up.
    log::Info(kLog, "{}: stopping", signal == SIGTERM ? "SIGTERM" : "SIGINT");
    on_signal_(signal);
  }
}

StopSignals::~StopSignals() {
  closing_ = true;
  // Directed at the waiter, whose sigwait takes it; the process never sees it.
  if (const int error = pthread_kill(waiter_.native_handle(), SIGTERM); error != 0) {
    log::Error(kLog, "cannot wake the signal waiter: {}", std::strerror(error));
    waiter_.detach();
    return;
  }
  waiter_.join();
}

}  // namespace kiosk
