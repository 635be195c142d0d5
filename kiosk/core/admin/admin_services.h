#pragma once

// What admin mode reads and does, behind one interface: the program wires
// the real devices, outbox, sync and configuration (kiosk/app/
// kiosk_admin_services); tests use a fake. Calls marked "blocking" run off
// the UI thread (AdminConsole posts them to the task runner).

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/log.h"
#include "drivers/common/device_report.h"

namespace kiosk::admin {

enum class DeviceTest { kReceipt, kA4Page, kCard, kIdCard, kScan };
// "receipt", "a4", "card", "idcard", "scan": button names and audit details.
const char* ToString(DeviceTest test);

struct DeviceTestResult {
  bool passed = false;
  // What was read or printed, or the precise failure; never personal data
  // (a card test shows the masked card number).
  std::string detail;
};

struct QueueRegionCounts {
  std::string region;
  int pending = 0;
  int in_flight = 0;
  int delivered = 0;
  int dead = 0;
};

struct DeadLetter {
  std::int64_t id = 0;
  std::string region;
  std::string item_id;
  std::string reason;  // The server's or the worker's last error.
  int attempts = 0;
  std::int64_t created_unix_ms = 0;
};

struct QueueOverview {
  std::vector<QueueRegionCounts> regions;
  std::int64_t oldest_pending_age_s = 0;  // 0: nothing pending.
  int rows = 0;                           // Undelivered, against the bound.
  int max_rows = 0;
  std::int64_t bytes = 0;
  std::int64_t max_bytes = 0;
  bool near_full = false;
  bool full = false;
  std::vector<DeadLetter> dead_letters;
};

struct RegionContactLine {
  std::string region;
  std::int64_t last_success_unix_ms = 0;  // 0: never.
  std::string last_error;
};

struct CertificateLine {
  std::string role;  // "client certificate", "CA".
  std::string subject;
  std::int64_t not_after_unix = 0;
  int days_left = 0;
  std::string error;  // Unreadable: why.
};

struct SyncOverview {
  bool online = false;
  std::vector<RegionContactLine> regions;
  std::vector<CertificateLine> certificates;
};

struct ConfigOverview {
  std::int64_t applied = 0;  // 0: the installed configuration.
  std::int64_t previous = 0;
  std::int64_t pending = 0;  // Staged, waiting for an idle moment; 0: none.
  std::int64_t last_refused = 0;
  std::string last_refusal;
  bool can_roll_back = false;
};

struct TerminalOverview {
  std::string kiosk_id;
  std::string region;
  std::string software_version;
  std::int64_t uptime_s = 0;
  bool in_service = true;
  std::string out_of_service_reason;
  std::vector<std::string> regions;  // The regions the configuration names.
};

class AdminServices {
 public:
  virtual ~AdminServices() = default;

  virtual std::vector<devices::DeviceReport> Devices() = 0;
  virtual DeviceTestResult RunDeviceTest(DeviceTest test) = 0;  // Blocking.
  virtual bool HasFailedReceipt() = 0;
  virtual Result<void> ReprintFailedReceipt() = 0;  // Blocking.

  virtual Result<QueueOverview> Queue() = 0;
  virtual Result<void> RetryDeadLetter(std::int64_t id) = 0;
  virtual Result<void> DiscardDeadLetter(std::int64_t id) = 0;

  virtual void SyncNow() = 0;
  virtual SyncOverview Sync() = 0;

  virtual ConfigOverview Config() = 0;
  virtual Result<void> RollBackConfig(const std::string& reason) = 0;

  virtual std::vector<log::LogLine> RecentLog() = 0;
  // Writes the logs and a diagnostics bundle (no personal data) to a
  // removable drive; returns where. Blocking.
  virtual Result<std::string> ExportToUsb() = 0;
  // Sends the diagnostics bundle to headquarters. Blocking.
  virtual Result<void> SendToHeadquarters() = 0;

  virtual TerminalOverview Terminal() = 0;
  virtual Result<void> SetInService(bool in_service, const std::string& reason) = 0;
  virtual Result<void> ChangeRegion(const std::string& region) = 0;
  // Ends the program with the code that makes systemd start it again.
  virtual void RestartProgram() = 0;
};

}  // namespace kiosk::admin
