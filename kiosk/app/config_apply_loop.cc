#include "kiosk/app/config_apply_loop.h"

#include <random>

#include "common/log.h"

namespace kiosk {
namespace {

constexpr const char* kLog = "config";

std::int64_t UnixSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string RollbackReason(const Error& error) {
  return "health_check_failed: " + (error.reason.empty() ? error.Describe() : error.reason);
}

}  // namespace

Result<std::unique_ptr<ConfigurationSet>> StartUpConfiguration(ConfigStore& store,
                                                               const ConfigurationSource& installed,
                                                               const KioskConfig& terminal) {
  if (auto prepared = store.Prepare(); !prepared) {
    log::Error(kLog, "configuration store unusable, running as installed: {}",
               prepared.error().Describe());
    return LoadConfigurationSet(installed);
  }
  if (store.Current() && store.OnTrial() == store.Current()) {
    log::Warning(kLog, "configuration {} was on trial when the kiosk stopped: rolled back",
                 *store.Current());
    if (auto rolled = store.RollBack("health_check_not_finished"); !rolled) {
      log::Error(kLog, "rollback failed: {}", rolled.error().Describe());
    }
  }
  while (const auto current = store.Current()) {
    ConfigurationSource source = installed;
    source.dir = store.CurrentDir();
    source.version = *current;
    source.terminal = &terminal;
    auto set = LoadConfigurationSet(source);
    if (set) {
      log::Info(kLog, "running configuration {} from headquarters", *current);
      return set;
    }
    log::Error(kLog, "applied configuration {} does not load: {}", *current,
               set.error().Describe());
    if (auto rolled = store.RollBack(RollbackReason(set.error())); !rolled) {
      log::Error(kLog, "rollback failed: {}", rolled.error().Describe());
      break;
    }
  }
  return LoadConfigurationSet(installed);
}

ConfigApplyLoop::ConfigApplyLoop(ConfigUpdater& updater, ConfigStore& store, TaskRunner& tasks,
                                 ApplyHooks hooks, ConfigurationSource base,
                                 std::unique_ptr<ConfigurationSet> live,
                                 std::chrono::seconds interval, int jitter_percent)
    : updater_(updater),
      store_(store),
      tasks_(tasks),
      hooks_(std::move(hooks)),
      base_(std::move(base)),
      live_(std::move(live)),
      interval_(interval),
      jitter_percent_(jitter_percent),
      applied_version_(live_->version) {}

ConfigApplyLoop::~ConfigApplyLoop() { Stop(); }

std::int64_t ConfigApplyLoop::AppliedVersion() const { return applied_version_.load(); }

std::optional<std::int64_t> ConfigApplyLoop::WaitingVersion() const {
  std::lock_guard lock(mutex_);
  return waiting_version_;
}

Result<void> ConfigApplyLoop::RollBackByOperator(const std::string& reason) {
  const std::optional<std::int64_t> current = store_.Current();
  if (!current) {
    return Fail(ErrorCode::kSequence, "the installed configuration runs: nothing to roll back");
  }
  {
    std::lock_guard lock(mutex_);
    if (applying_) return Fail(ErrorCode::kSequence, "a configuration is being applied");
    applying_ = true;
  }
  auto done = [this](Result<void> result) {
    std::lock_guard lock(mutex_);
    applying_ = false;
    return result;
  };
  std::optional<std::int64_t> previous = store_.Previous();
  // After a rollback the previous link may name the current version: the
  // store then returns to the installed configuration (ConfigStore::RollBack).
  if (previous == current) previous.reset();
  ConfigurationSource source = base_;
  if (previous) {
    source.dir = store_.VersionDir(*previous);
    source.version = *previous;
  } else {
    source.terminal = nullptr;  // The installed configuration.
    source.version = 0;
  }
  auto set = LoadConfigurationSet(source);
  if (!set) {
    return done(Fail(ErrorCode::kInvalidData,
                     "the version to return to does not load: " + set.error().Describe()));
  }
  if (hooks_.switch_services) {
    if (auto services = hooks_.switch_services((*set)->config); !services) {
      RestoreServices();
      return done(std::unexpected(services.error()));
    }
  }
  const std::string recorded = "rolled back by an administrator: " + reason;
  if (auto rolled = store_.RollBack(recorded); !rolled) {
    RestoreServices();
    return done(std::unexpected(rolled.error()));
  }
  retired_ = std::move(live_);
  live_ = std::move(*set);
  applied_version_ = live_->version;
  log::Warning(kLog, "configuration {} rolled back to {} by an administrator: {}", *current,
               live_->version, reason);
  hooks_.switch_to(*live_, [this](Result<void> rendered) {
    if (!rendered) log::Error(kLog, "rolled-back configuration: {}", rendered.error().Describe());
    retired_.reset();
  });
  Error reported(ErrorCode::kCanceled, recorded, "operator_rollback");
  QueueReport("rolled_back", *current, reported);
  return done({});
}

void ConfigApplyLoop::Start() {
  thread_ = std::jthread([this](std::stop_token stop) { PollLoop(stop); });
}

void ConfigApplyLoop::Stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  wake_.notify_all();
  thread_.join();
}

void ConfigApplyLoop::PollNow() {
  std::lock_guard lock(mutex_);
  poll_now_ = true;
  wake_.notify_all();
}

void ConfigApplyLoop::PollLoop(std::stop_token stop) {
  std::mt19937_64 random(std::random_device{}());
  const auto interval_ms = std::chrono::duration_cast<std::chrono::milliseconds>(interval_).count();
  std::uniform_int_distribution<std::int64_t> jitter(-interval_ms * jitter_percent_ / 100,
                                                     interval_ms * jitter_percent_ / 100);
  updater_.Report("started", applied_version_.load(), nullptr);
  while (!stop.stop_requested()) {
    const UpdateCheck check = updater_.CheckOnce(UnixSeconds());
    if (check.outcome == UpdateCheck::Outcome::kStaged) {
      std::lock_guard lock(mutex_);
      waiting_version_ = check.version;
    }
    const auto next_poll =
        std::chrono::steady_clock::now() + std::chrono::milliseconds(interval_ms + jitter(random));
    std::unique_lock lock(mutex_);
    while (!stop.stop_requested() && !poll_now_ && std::chrono::steady_clock::now() < next_poll) {
      // A staged version is offered to the UI thread each second until a
      // moment with no citizen comes.
      if (waiting_version_ && !applying_) {
        const std::int64_t version = *waiting_version_;
        tasks_.PostCompletion([this, version] { TryApply(version); });
      }
      SendReports(lock);
      wake_.wait_for(lock, stop, std::chrono::seconds(1),
                     [this] { return poll_now_ || !reports_.empty(); });
    }
    SendReports(lock);
    poll_now_ = false;
  }
}

void ConfigApplyLoop::ApplyNow(std::int64_t version) {
  {
    std::lock_guard lock(mutex_);
    waiting_version_ = version;
  }
  TryApply(version);
}

void ConfigApplyLoop::TryApply(std::int64_t version) {
  {
    std::lock_guard lock(mutex_);
    if (applying_ || waiting_version_ != version) return;
    if (!hooks_.idle()) return;  // Offered again in a second.
    waiting_version_.reset();
    applying_ = true;
  }
  ConfigurationSource source = base_;
  source.dir = store_.VersionDir(version);
  source.version = version;
  auto set = LoadConfigurationSet(source);
  if (!set) {
    Refuse(version, set.error());
    return;
  }
  if (hooks_.switch_services) {
    if (auto services = hooks_.switch_services((*set)->config); !services) {
      RestoreServices();
      Refuse(version, services.error());
      return;
    }
  }
  if (auto activated = store_.Activate(version); !activated) {
    log::Error(kLog, "configuration {} could not be switched to: {}", version,
               activated.error().Describe());
    RestoreServices();
    std::lock_guard lock(mutex_);
    applying_ = false;
    return;
  }
  retired_ = std::move(live_);
  live_ = std::move(*set);
  log::Info(kLog, "configuration {} switched to between citizens; waiting for its first frame",
            version);
  hooks_.switch_to(
      *live_, [this, version](Result<void> rendered) { Rendered(version, std::move(rendered)); });
}

void ConfigApplyLoop::Rendered(std::int64_t version, Result<void> rendered) {
  if (rendered) {
    if (auto confirmed = store_.Confirm(); !confirmed) {
      log::Error(kLog, "cannot confirm configuration {}: {}", version,
                 confirmed.error().Describe());
    }
    if (auto pruned = store_.Prune(); !pruned) {
      log::Warning(kLog, "old configurations not removed: {}", pruned.error().Describe());
    }
    retired_.reset();
    applied_version_ = version;
    log::Info(kLog, "configuration {} applied without a restart", version);
    QueueReport("applied", version, std::nullopt);
  } else {
    const Error& error = rendered.error();
    log::Error(kLog, "configuration {} failed its health check: {}; rolling back", version,
               error.Describe());
    if (auto rolled = store_.RollBack(RollbackReason(error)); !rolled) {
      log::Error(kLog, "rollback of the store failed: {}", rolled.error().Describe());
    }
    live_ = std::move(retired_);
    RestoreServices();
    hooks_.switch_to(*live_, [](Result<void>) {});
    Error reported = error;
    reported.reason = RollbackReason(error);
    QueueReport("rolled_back", version, reported);
  }
  std::lock_guard lock(mutex_);
  applying_ = false;
}

void ConfigApplyLoop::RestoreServices() {
  if (!hooks_.switch_services) return;
  if (auto restored = hooks_.switch_services(live_->config); !restored) {
    // The devices are back on their old settings; one that is down now is
    // watched and reported like any broken device.
    log::Error(kLog, "back on configuration {}, but: {}", live_->version,
               restored.error().Describe());
  }
}

void ConfigApplyLoop::Refuse(std::int64_t version, const Error& error) {
  log::Error(kLog, "configuration {} failed its health check before the switch: {}", version,
             error.Describe());
  Error reported = error;
  reported.reason = RollbackReason(error);
  if (auto recorded = store_.RecordRefusal(version, reported.reason); !recorded) {
    log::Error(kLog, "cannot record the refusal: {}", recorded.error().Describe());
  }
  QueueReport("refused", version, reported);
  std::lock_guard lock(mutex_);
  applying_ = false;
}

void ConfigApplyLoop::QueueReport(std::string event, std::int64_t version,
                                  std::optional<Error> error) {
  std::lock_guard lock(mutex_);
  reports_.push_back({std::move(event), version, std::move(error)});
  wake_.notify_all();
}

void ConfigApplyLoop::SendReports(std::unique_lock<std::mutex>& lock) {
  while (!reports_.empty()) {
    QueuedReport report = std::move(reports_.front());
    reports_.pop_front();
    lock.unlock();
    updater_.Report(report.event, report.version, report.error ? &*report.error : nullptr);
    lock.lock();
  }
}

}  // namespace kiosk
