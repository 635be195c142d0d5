#pragma once

// Admin mode's services on a running kiosk: the managed devices and their
// tests, the outbox, the delivery worker and network monitor, the
// configuration store and apply loop, the recent log and the diagnostics
// export, the terminal's persisted state. Device tests run on the task
// runner's thread; the rest is quick and runs on the UI thread.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "drivers/scanner/barcode_scanner.h"
#include "kiosk/core/admin/admin_services.h"
#include "kiosk/core/admin/terminal_state.h"
#include "kiosk/core/config/kiosk_config.h"
#include "kiosk/core/diagnostics/diagnostics_bundle.h"

namespace kiosk {

class KioskDevices;
class NetworkMonitor;
class DeliveryWorker;
class ConfigStore;
class ConfigApplyLoop;
class HeadquartersClient;
namespace cache {
class Outbox;
}

struct KioskAdminServicesDependencies {
  const KioskConfig* config = nullptr;              // The installed terminal's (identity, TLS).
  std::function<const KioskConfig&()> live_config;  // What runs now (regions).
  KioskDevices* devices = nullptr;
  cache::Outbox* outbox = nullptr;
  NetworkMonitor* network = nullptr;
  DeliveryWorker* delivery = nullptr;
  ConfigStore* config_store = nullptr;
  ConfigApplyLoop* apply_loop = nullptr;       // Null: no headquarters configured.
  HeadquartersClient* headquarters = nullptr;  // Null: no headquarters configured.
  std::filesystem::path data_dir;
  std::string terminal_state_file;
  // Where the diagnostics go when no removable drive is mounted and the
  // devices are simulated (DATA_DIR/usb); empty: a real drive is needed.
  std::string simulated_usb_dir;
  std::function<std::int64_t()> unix_ms;
  std::chrono::steady_clock::time_point started;
  std::function<void()> restart;  // Ends the program for systemd to start again.
  // How long a card, ID card or code test waits for one to be presented.
  std::chrono::milliseconds present_within{20000};
};

class KioskAdminServices final : public admin::AdminServices {
 public:
  // Loads the terminal state (a garbled file is logged and the terminal
  // stays in service).
  explicit KioskAdminServices(KioskAdminServicesDependencies deps);

  std::vector<devices::DeviceReport> Devices() override;
  admin::DeviceTestResult RunDeviceTest(admin::DeviceTest test) override;
  bool HasFailedReceipt() override;
  Result<void> ReprintFailedReceipt() override;
  Result<admin::QueueOverview> Queue() override;
  Result<void> RetryDeadLetter(std::int64_t id) override;
  Result<void> DiscardDeadLetter(std::int64_t id) override;
  void SyncNow() override;
  admin::SyncOverview Sync() override;
  admin::ConfigOverview Config() override;
  Result<void> RollBackConfig(const std::string& reason) override;
  std::vector<log::LogLine> RecentLog() override;
  Result<std::string> ExportToUsb() override;
  Result<void> SendToHeadquarters() override;
  admin::TerminalOverview Terminal() override;
  Result<void> SetInService(bool in_service, const std::string& reason) override;
  Result<void> ChangeRegion(const std::string& region) override;
  void RestartProgram() override;

  // The operator card's number (admin login): read, kept, the rest wiped.
  Result<std::string> ReadOperatorCard();
  // A scan while the scan test waits is the test's, not the citizen's:
  // true when it was taken.
  bool OfferScan(const Result<devices::ScanPayload>& payload);
  bool InService() const { return in_service_.load(); }
  // Thread-safe (the heartbeat reads it).
  admin::TerminalState State();
  // The apply loop is made after the window (it switches the UI): set then.
  void SetApplyLoop(ConfigApplyLoop* loop) { deps_.apply_loop = loop; }

 private:
  admin::DeviceTestResult TestReceipt();
  admin::DeviceTestResult TestA4Page();
  admin::DeviceTestResult TestCard();
  admin::DeviceTestResult TestIdCard();
  admin::DeviceTestResult TestScan();
  DiagnosticsInputs Diagnostics();

  KioskAdminServicesDependencies deps_;
  std::mutex state_mutex_;
  admin::TerminalState state_;
  std::atomic<bool> in_service_{true};

  std::mutex scan_mutex_;
  std::condition_variable scan_arrived_;
  bool scan_wanted_ = false;
  std::optional<Result<devices::ScanPayload>> scan_;
};

}  // namespace kiosk
