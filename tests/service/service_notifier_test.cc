// ServiceNotifier against a real notification socket: the test binds an
// AF_UNIX datagram socket, points NOTIFY_SOCKET at it and reads what
// libsystemd's sd_notify sent. sd_notify has returned before the datagram
// is checked, so "nothing sent" is read without waiting (MSG_DONTWAIT).

#include "kiosk/app/service_notifier.h"

#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <future>
#include <optional>
#include <stdexcept>
#include <string>

#include "kiosk/app/stop_signals.h"
#include "tests/support/temp_dir.h"

namespace {

using kiosk::ServiceNotifier;
using kiosk::ServiceStatus;
using namespace std::chrono_literals;

// Sets (or, with nullopt, removes) an environment variable for one test.
class EnvVar {
 public:
  EnvVar(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = ::getenv(name)) old_ = old;
    if (value) {
      ::setenv(name, value->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~EnvVar() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// systemd's end of the notification socket.
class NotifyListener {
 public:
  explicit NotifyListener(const std::string& path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::runtime_error("socket failed");
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
    if (::bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
      throw std::runtime_error("bind " + path + " failed: " + std::strerror(errno));
    }
  }
  ~NotifyListener() { ::close(fd_); }
  // The next datagram already queued, or nullopt when none is.
  std::optional<std::string> Take() {
    char buffer[4096];
    const ssize_t got = ::recv(fd_, buffer, sizeof buffer, MSG_DONTWAIT);
    if (got < 0) return std::nullopt;
    return std::string(buffer, static_cast<std::size_t>(got));
  }

 private:
  int fd_ = -1;
};

// A steady clock the test moves by hand.
struct ManualClock {
  std::chrono::steady_clock::time_point now{std::chrono::seconds(1000)};
  ServiceNotifier::Now Function() {
    return [this] { return now; };
  }
};

}  // namespace

TEST_CASE("without NOTIFY_SOCKET nothing is sent and nothing fails") {
  kiosk::testing::TempDir dir("kiosk-notify");
  NotifyListener listener(dir.File("notify"));
  EnvVar socket("NOTIFY_SOCKET", std::nullopt);
  EnvVar usec("WATCHDOG_USEC", "2000000");
  EnvVar pid("WATCHDOG_PID", std::to_string(::getpid()));
  ServiceNotifier notifier;
  CHECK_FALSE(notifier.Active());
  CHECK(notifier.LoopInterval() == 0ms);
  CHECK(notifier.Ready());
  CHECK(notifier.SetStatus(ServiceStatus::kHome));
  CHECK(notifier.LoopAlive());
  CHECK(notifier.Stopping());
  CHECK_FALSE(listener.Take());
}

TEST_CASE("READY=1 once, STATUS= on each change, STOPPING=1") {
  kiosk::testing::TempDir dir("kiosk-notify");
  NotifyListener listener(dir.File("notify"));
  EnvVar socket("NOTIFY_SOCKET", dir.File("notify"));
  EnvVar usec("WATCHDOG_USEC", std::nullopt);
  EnvVar pid("WATCHDOG_PID", std::nullopt);
  ServiceNotifier notifier;
  REQUIRE(notifier.Active());
  CHECK(notifier.LoopInterval() == 0ms);

  REQUIRE(notifier.Ready());
  CHECK(listener.Take() == "READY=1");
  REQUIRE(notifier.Ready());
  CHECK_FALSE(listener.Take());

  REQUIRE(notifier.SetStatus(ServiceStatus::kHome));
  CHECK(listener.Take() == "STATUS=home screen");
  REQUIRE(notifier.SetStatus(ServiceStatus::kHome));
  CHECK_FALSE(listener.Take());  // Unchanged: the loop may call it every iteration.
  REQUIRE(notifier.SetStatus(ServiceStatus::kCitizenSession));
  CHECK(listener.Take() == "STATUS=citizen session");
  REQUIRE(notifier.SetStatus(ServiceStatus::kAdminMode));
  CHECK(listener.Take() == "STATUS=admin mode");
  REQUIRE(notifier.SetStatus(ServiceStatus::kOutOfService));
  CHECK(listener.Take() == "STATUS=out of service");

  // No watchdog configured: the loop's pings send nothing.
  REQUIRE(notifier.LoopAlive());
  CHECK_FALSE(listener.Take());

  REQUIRE(notifier.Stopping());
  CHECK(listener.Take() == "STOPPING=1");
}

TEST_CASE("WATCHDOG=1 at most every sixth of WATCHDOG_USEC, so at least every third") {
  kiosk::testing::TempDir dir("kiosk-notify");
  NotifyListener listener(dir.File("notify"));
  EnvVar socket("NOTIFY_SOCKET", dir.File("notify"));
  EnvVar usec("WATCHDOG_USEC", "2000000");
  EnvVar pid("WATCHDOG_PID", std::to_string(::getpid()));
  ManualClock clock;
  ServiceNotifier notifier(clock.Function());
  REQUIRE(notifier.LoopInterval() == 333ms);

  REQUIRE(notifier.LoopAlive());
  CHECK(listener.Take() == "WATCHDOG=1");  // The first iteration pings at once.
  clock.now += 332ms;
  REQUIRE(notifier.LoopAlive());
  CHECK_FALSE(listener.Take());  // A busy loop does not flood systemd.
  clock.now += 1ms;
  REQUIRE(notifier.LoopAlive());
  CHECK(listener.Take() == "WATCHDOG=1");
  // A loop that sleeps at most LoopInterval() pings before a third of the
  // watchdog's time has passed: here it slept 332 ms and then 333 ms.
  clock.now += 332ms;
  REQUIRE(notifier.LoopAlive());
  CHECK_FALSE(listener.Take());
  clock.now += 333ms;
  REQUIRE(notifier.LoopAlive());
  CHECK(listener.Take() == "WATCHDOG=1");
}

TEST_CASE("a watchdog meant for another process is not fed") {
  kiosk::testing::TempDir dir("kiosk-notify");
  NotifyListener listener(dir.File("notify"));
  EnvVar socket("NOTIFY_SOCKET", dir.File("notify"));
  EnvVar usec("WATCHDOG_USEC", "2000000");
  EnvVar pid("WATCHDOG_PID", std::to_string(::getppid()));
  ServiceNotifier notifier;
  CHECK(notifier.LoopInterval() == 0ms);
  REQUIRE(notifier.LoopAlive());
  CHECK_FALSE(listener.Take());
}

TEST_CASE("a malformed WATCHDOG_USEC leaves the watchdog unfed, the rest works") {
  kiosk::testing::TempDir dir("kiosk-notify");
  NotifyListener listener(dir.File("notify"));
  EnvVar socket("NOTIFY_SOCKET", dir.File("notify"));
  EnvVar usec("WATCHDOG_USEC", "thirty seconds");
  EnvVar pid("WATCHDOG_PID", std::to_string(::getpid()));
  ServiceNotifier notifier;
  CHECK(notifier.LoopInterval() == 0ms);
  REQUIRE(notifier.LoopAlive());
  CHECK_FALSE(listener.Take());
  REQUIRE(notifier.Ready());
  CHECK(listener.Take() == "READY=1");
}

TEST_CASE("a socket that is not there is an I/O error each time, and no crash") {
  kiosk::testing::TempDir dir("kiosk-notify");
  EnvVar socket("NOTIFY_SOCKET", dir.File("gone"));
  EnvVar usec("WATCHDOG_USEC", "2000000");
  EnvVar pid("WATCHDOG_PID", std::to_string(::getpid()));
  ServiceNotifier notifier;
  REQUIRE(notifier.Active());
  auto ready = notifier.Ready();
  REQUIRE_FALSE(ready);
  CHECK(ready.error().code == kiosk::ErrorCode::kIo);
  CHECK_THAT(ready.error().detail,
             Catch::Contains("sd_notify failed") && Catch::Contains("READY=1"));
  auto ping = notifier.LoopAlive();
  REQUIRE_FALSE(ping);
  CHECK_THAT(ping.error().detail, Catch::Contains("WATCHDOG=1"));
}

TEST_CASE("SIGTERM reaches the stop handler on its own thread") {
  std::promise<int> received;
  auto signals = kiosk::StopSignals::Start([&received](int signal) { received.set_value(signal); });
  REQUIRE(signals);
  // To the whole process, as systemd sends it: blocked everywhere but taken
  // by the waiter's sigwait. A handler that never runs fails by ctest's
  // time limit.
  REQUIRE(::kill(::getpid(), SIGTERM) == 0);
  CHECK(received.get_future().get() == SIGTERM);
  signals->reset();
}
