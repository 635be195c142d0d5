#pragma once

// Remote configuration in the running kiosk: a background thread polls the
// repository (every interval, with jitter so a fleet does not stampede) and
// stages verified versions; the UI thread applies a staged version when no
// citizen is being served, without a restart:
//
//   load and check it (kiosk config, catalog, texts) → refused if not;
//   switch the devices and services to it (a device it changes must come
//   up) → refused if not, switched back;
//   switch the store (trial) and the session and UI to it;
//   the first home frame drawn with it → confirmed, reported "applied";
//   a failure on the way → rolled back to the previous one, reported.
//
// A kiosk that dies while a version is on trial rolls it back at start
// (StartUpConfiguration).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "kiosk/app/configuration_set.h"
#include "kiosk/core/config_apply/config_store.h"
#include "kiosk/core/config_apply/config_updater.h"
#include "kiosk/core/util/task_runner.h"

namespace kiosk {

struct ApplyHooks {
  // Whether no citizen is being served (the session's home screen).
  std::function<bool()> idle;
  // Switches what is built from the configuration outside the session and
  // the UI — the devices (kiosk_devices.h), the central service's
  // endpoints, the outbox bounds — to `config`. An error (a device the new
  // configuration changes does not come up) fails the health check; the
  // loop then switches back to the configuration it had.
  std::function<Result<void>(const KioskConfig& config)> switch_services;
  // Switches the session and the UI to `set`; `rendered` is called (on the
  // UI thread) once the home screen was drawn with it, or with the failure.
  std::function<void(ConfigurationSet& set, std::function<void(Result<void>)> rendered)> switch_to;
};

// The set to run at start: the applied version from headquarters when
// there is one that loads (a version left on trial, or one that does not
// load, is rolled back first), else the installed configuration.
Result<std::unique_ptr<ConfigurationSet>> StartUpConfiguration(ConfigStore& store,
                                                               const ConfigurationSource& installed,
                                                               const KioskConfig& terminal);

class ConfigApplyLoop {
 public:
  ConfigApplyLoop(ConfigUpdater& updater, ConfigStore& store, TaskRunner& tasks, ApplyHooks hooks,
                  ConfigurationSource base, std::unique_ptr<ConfigurationSet> live,
                  std::chrono::seconds interval, int jitter_percent);
  ~ConfigApplyLoop();
  ConfigApplyLoop(const ConfigApplyLoop&) = delete;
  ConfigApplyLoop& operator=(const ConfigApplyLoop&) = delete;

  ConfigurationSet& Live() { return *live_; }
  // The version applied and confirmed (0: as installed), for the UI.
  std::int64_t AppliedVersion() const;

  // Starts polling (the first poll at once).
  void Start();
  void Stop();
  // Polls now rather than at the next interval (tests, admin mode).
  void PollNow();
  // A version staged and waiting for an idle kiosk, if any (admin mode).
  std::optional<std::int64_t> WaitingVersion() const;
  // An administrator's rollback (admin mode, on the UI thread, no citizen
  // being served): back to the previous version — or the installed
  // configuration when there is none — through the same switch as an
  // update; the undone version is recorded as refused with `reason`, so
  // the repository's copy is not applied again, and reported.
  Result<void> RollBackByOperator(const std::string& reason);
  // On the UI thread: applies staged `version` now if no citizen is being
  // served (what the polling thread offers each second; tests call it).
  void ApplyNow(std::int64_t version);

 private:
  void PollLoop(std::stop_token stop);
  // UI thread.
  void TryApply(std::int64_t version);
  void Rendered(std::int64_t version, Result<void> rendered);
  void Refuse(std::int64_t version, const Error& error);
  // Back to the live set's devices and services after a failed switch.
  void RestoreServices();
  // Reports go out on the polling thread: the UI never waits on the network.
  void QueueReport(std::string event, std::int64_t version, std::optional<Error> error);
  void SendReports(std::unique_lock<std::mutex>& lock);

  ConfigUpdater& updater_;
  ConfigStore& store_;
  TaskRunner& tasks_;
  ApplyHooks hooks_;
  ConfigurationSource base_;
  std::unique_ptr<ConfigurationSet> live_;
  std::unique_ptr<ConfigurationSet> retired_;  // The one switched from, until confirmed.
  const std::chrono::seconds interval_;
  const int jitter_percent_;
  std::atomic<std::int64_t> applied_version_{0};

  mutable std::mutex mutex_;
  std::condition_variable_any wake_;
  bool poll_now_ = false;
  std::optional<std::int64_t> waiting_version_;  // Staged, waiting for an idle kiosk.
  bool applying_ = false;                        // A switch awaits its first frame.
  struct QueuedReport {
    std::string event;
    std::int64_t version = 0;
    std::optional<Error> error;
  };
  std::deque<QueuedReport> reports_;
  std::jthread thread_;
};

}  // namespace kiosk
