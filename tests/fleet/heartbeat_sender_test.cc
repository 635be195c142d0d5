// The heartbeat sender with a scripted headquarters: when it sends, what
// it stamps, how it retries, and that an outage is logged once rather than
// on every attempt. Waits are for events (a send arriving), bounded only
// so a broken sender fails the test instead of hanging it.

#include "kiosk/core/fleet/heartbeat_sender.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <mutex>
#include <sstream>
#include <vector>

#include "tests/support/temp_dir.h"

namespace kiosk {
namespace {

using namespace std::chrono_literals;

// Answers each heartbeat from a script (true = accepted); accepts once the
// script runs out.
class ScriptedHeadquarters {
 public:
  explicit ScriptedHeadquarters(std::deque<bool> script) : script_(std::move(script)) {}

  Result<void> Send(const nlohmann::json& heartbeat) {
    std::lock_guard lock(mutex_);
    received_.push_back(heartbeat);
    arrived_.notify_all();
    const bool accept = script_.empty() || script_.front();
    if (!script_.empty()) script_.pop_front();
    if (accept) return {};
    return Fail(ErrorCode::kNetwork, "connection refused (scripted)");
  }

  // Waits until `count` heartbeats have arrived; false after a minute.
  bool WaitFor(std::size_t count) {
    std::unique_lock lock(mutex_);
    return arrived_.wait_for(lock, 60s, [&] { return received_.size() >= count; });
  }

  std::vector<nlohmann::json> Received() {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<bool> script_;
  std::vector<nlohmann::json> received_;
};

// Sends stderr (where common/log.h writes) to a file while it lives.
class StderrCapture {
 public:
  StderrCapture() : path_(dir_.File("stderr")) {
    std::fflush(stderr);
    saved_ = ::dup(STDERR_FILENO);
    FILE* file = std::fopen(path_.c_str(), "w");
    REQUIRE(file != nullptr);
    ::dup2(::fileno(file), STDERR_FILENO);
    std::fclose(file);
  }
  ~StderrCapture() { Restore(); }

  std::string Text() {
    std::fflush(stderr);
    std::ifstream in(path_);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  int Count(const std::string& needle) {
    const std::string text = Text();
    int count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
      ++count;
    }
    return count;
  }
  void Restore() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
    saved_ = -1;
  }

 private:
  testing::TempDir dir_{"heartbeat-log"};
  std::string path_;
  int saved_ = -1;
};

HeartbeatSnapshot Snapshot() {
  HeartbeatSnapshot snapshot;
  snapshot.kiosk_id = "ZS-T01";
  snapshot.region = "442000";
  snapshot.software_version = "0.1.0";
  return snapshot;
}

}  // namespace

TEST_CASE("a heartbeat goes out at start and on each nudge, stamped", "[fleet][sender]") {
  ScriptedHeadquarters headquarters({});
  int snapshots = 0;
  HeartbeatSender sender(
      [&] {
        ++snapshots;  // Only the sender's thread calls it.
        HeartbeatSnapshot snapshot = Snapshot();
        snapshot.uptime_s = snapshots;
        return snapshot;
      },
      [&](const nlohmann::json& beat) { return headquarters.Send(beat); }, 1h);
  CHECK(sender.LastSuccessUnixMs() == 0);
  sender.Start();
  REQUIRE(headquarters.WaitFor(1));
  sender.Nudge();
  REQUIRE(headquarters.WaitFor(2));
  // An hour's interval: Stop must wake the thread, not wait it out.
  sender.Stop();
  const auto received = headquarters.Received();
  REQUIRE(received.size() == 2);
  auto first = ParseHeartbeat(received[0]);
  auto second = ParseHeartbeat(received[1]);
  REQUIRE(first);
  REQUIRE(second);
  CHECK(first->interval_s == 3600);
  CHECK(first->uptime_s == 1);
  CHECK(second->uptime_s == 2);
  CHECK(first->sent_unix_ms > 0);
  CHECK(second->sent_unix_ms >= first->sent_unix_ms);
  CHECK(sender.LastSuccessUnixMs() == second->sent_unix_ms);
  CHECK(sender.ConsecutiveFailures() == 0);
}

TEST_CASE("an outage is logged once, its end once, and the next outage again", "[fleet][sender]") {
  StderrCapture log;
  // Three refusals (one outage), one success, one refusal (a second outage).
  ScriptedHeadquarters headquarters({false, false, false, true, false});
  HeartbeatSender sender(
      Snapshot, [&](const nlohmann::json& beat) { return headquarters.Send(beat); }, 1h);
  sender.Start();
  REQUIRE(headquarters.WaitFor(1));
  // Each nudge makes exactly one more attempt: the previous one has
  // returned once its successor arrives.
  for (std::size_t attempt = 2; attempt <= 5; ++attempt) {
    sender.Nudge();
    REQUIRE(headquarters.WaitFor(attempt));
  }
  sender.Stop();  // Joins: the fifth attempt's outcome is recorded and logged.
  log.Restore();

  CHECK(log.Count("cannot send the heartbeat: network: connection refused (scripted)") == 2);
  CHECK(log.Count("heartbeats reach headquarters again after 3 failed attempts") == 1);
  CHECK(sender.ConsecutiveFailures() == 1);
  auto accepted = ParseHeartbeat(headquarters.Received()[3]);
  REQUIRE(accepted);
  CHECK(sender.LastSuccessUnixMs() == accepted->sent_unix_ms);
}

TEST_CASE("a failed heartbeat is retried at the next interval without a nudge", "[fleet][sender]") {
  ScriptedHeadquarters headquarters({false});
  HeartbeatSender sender(
      Snapshot, [&](const nlohmann::json& beat) { return headquarters.Send(beat); }, 1s);
  sender.Start();
  REQUIRE(headquarters.WaitFor(2));
  sender.Stop();
  CHECK(sender.ConsecutiveFailures() == 0);
  CHECK(sender.LastSuccessUnixMs() > 0);
}

TEST_CASE("stopping a sender that never started, or twice, is harmless", "[fleet][sender]") {
  ScriptedHeadquarters headquarters({});
  HeartbeatSender sender(
      Snapshot, [&](const nlohmann::json& beat) { return headquarters.Send(beat); }, 1h);
  sender.Stop();
  sender.Start();
  REQUIRE(headquarters.WaitFor(1));
  sender.Stop();
  sender.Stop();
  CHECK(headquarters.Received().size() == 1);
}

}  // namespace kiosk
