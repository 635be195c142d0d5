#pragma once

// What the admin screens keep between frames: the action waiting for its
// reason, the log filter, and what they last read from the services
// (refreshed when the page changes, after an action, and every 2 s, not
// every frame: the queue is an SQLite query).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/log.h"
#include "kiosk/core/admin/admin_console.h"

namespace kiosk::ui {

struct AdminChoice {
  enum class Kind { kNone, kDiscard, kRollback, kOutOfService, kRegion };
  Kind kind = Kind::kNone;
  std::int64_t id = 0;  // kDiscard: the outbox row.
  std::string region;   // kRegion: the region chosen.
};

struct AdminUiState {
  AdminChoice choice;
  int log_minimum = 0;  // 0 all, 1 warnings and errors, 2 errors.
  std::string log_component;
  bool typing_operator_id = true;  // PIN alone: the number first, then the PIN.

  admin::AdminPage fetched_page = admin::AdminPage::kClosed;
  std::chrono::steady_clock::time_point fetched_at{};
  std::uint64_t fetched_revision = 0;
  std::vector<devices::DeviceReport> devices;
  bool failed_receipt = false;
  std::optional<Result<admin::QueueOverview>> queue;
  admin::SyncOverview sync;
  admin::ConfigOverview config;
  admin::TerminalOverview terminal;
  std::vector<log::LogLine> log;

  void Reset() { *this = AdminUiState{}; }
};

}  // namespace kiosk::ui
