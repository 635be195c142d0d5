#include "kiosk/core/fleet/heartbeat_sender.h"

#include "common/log.h"

namespace kiosk {
namespace {

constexpr const char* kComponent = "heartbeat";

std::int64_t UnixMsNow() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

HeartbeatSender::HeartbeatSender(std::function<HeartbeatSnapshot()> snapshot,
                                 std::function<Result<void>(const nlohmann::json&)> send,
                                 std::chrono::seconds interval)
    : snapshot_(std::move(snapshot)), send_(std::move(send)), interval_(interval) {}

HeartbeatSender::~HeartbeatSender() { Stop(); }

void HeartbeatSender::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { Run(); });
}

void HeartbeatSender::Stop() {
  {
    std::lock_guard lock(mutex_);
    if (!thread_.joinable()) return;
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  thread_ = std::thread();
}

void HeartbeatSender::Nudge() {
  {
    std::lock_guard lock(mutex_);
    nudged_ = true;
  }
  wake_.notify_all();
}

void HeartbeatSender::Run() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    nudged_ = false;
    lock.unlock();
    SendOne();
    lock.lock();
    // Until the interval is up, a nudge or Stop; spurious wake-ups go
    // back to waiting.
    wake_.wait_for(lock, interval_, [this] { return stop_ || nudged_; });
  }
}

void HeartbeatSender::SendOne() {
  HeartbeatSnapshot snapshot = snapshot_();
  snapshot.interval_s = interval_.count();
  snapshot.sent_unix_ms = UnixMsNow();
  const Result<void> sent = send_(HeartbeatJson(snapshot));
  if (sent) {
    const int failures = consecutive_failures_.exchange(0);
    if (failures > 0) {
      log::Info(kComponent, "heartbeats reach headquarters again after {} failed attempt{}",
                failures, failures == 1 ? "" : "s");
    }
    last_success_unix_ms_ = snapshot.sent_unix_ms;
    return;
  }
  if (consecutive_failures_.fetch_add(1) == 0) {
    log::Warning(kComponent,
                 "cannot send the heartbeat: {}; retrying every {} s, logged again once it "
                 "succeeds",
                 sent.error().Describe(), interval_.count());
  }
}

}  // namespace kiosk
