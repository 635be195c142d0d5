#pragma once

// The device manager: opens every device the hardware profile lists,
// watches them, reopens one that was lost (unplugged, its port gone) with
// a growing pause between tries, and reports every change of a device's
// status — so the core can tell the citizen what works and grey out what
// a broken device blocks, and the log tells maintenance staff precisely
// why. The devices themselves are reached through stable stand-ins
// (managed_devices.h) that outlive any one backend.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "drivers/manager/hardware_profile.h"
#include "drivers/manager/managed_devices.h"

namespace kiosk::devices {

// How to open each class's backend from its spec: the kiosk supplies the
// real drivers and the simulators, a test its fakes.
struct DeviceOpeners {
  std::function<Result<std::unique_ptr<CardReader>>(const DeviceSpec&)> card_reader;
  std::function<Result<std::unique_ptr<IdCardReader>>(const DeviceSpec&)> id_card_reader;
  std::function<Result<std::unique_ptr<BarcodeScanner>>(const DeviceSpec&)> barcode_reader;
  std::function<Result<std::unique_ptr<ReceiptPrinter>>(const DeviceSpec&)> receipt_printer;
  // Told after a class's backend was closed (optional): whoever keeps a
  // handle on what it opened forgets it.
  std::function<void(DeviceClass)> closed;
};

class DeviceManager {
 public:
  using Clock = std::chrono::steady_clock;
  // Called on the manager's thread (or Start's caller); must not block.
  using StatusHandler = std::function<void(const DeviceReport&)>;

  DeviceManager(HardwareProfile profile, DeviceOpeners openers);
  ~DeviceManager();
  DeviceManager(const DeviceManager&) = delete;
  DeviceManager& operator=(const DeviceManager&) = delete;

  CardReader& card_reader() { return card_reader_; }
  IdCardReader& id_card_reader() { return id_card_reader_; }
  BarcodeScanner& barcode_reader() { return barcode_reader_; }
  ManagedReceiptPrinter& receipt_printer() { return receipt_printer_; }

  // Set before Start.
  void SetStatusHandler(StatusHandler handler);

  // Opens what it can now and reports every class once, then watches on a
  // thread of its own until Stop.
  void Start();
  void Stop();

  // One pass over every device at `now`: open, check, reopen, report. The
  // watch thread calls it; tests call it directly instead of Start.
  void CheckNow(Clock::time_point now = Clock::now());

  // The last report of every class, in class order.
  std::vector<DeviceReport> Reports() const;

  // Switches to a new hardware profile (a configuration from headquarters)
  // without a restart: a device whose backend or settings changed is closed
  // and opened anew with `openers`, one that did not stays open; every class
  // is checked and reported at once. Returns the classes reopened, so the
  // caller can check that they came up (and switch back if not). The
  // stand-ins keep their handlers throughout.
  std::vector<DeviceClass> Reconfigure(HardwareProfile profile, DeviceOpeners openers,
                                       Clock::time_point now = Clock::now());

 private:
  struct Slot {
    DeviceClass device_class = DeviceClass::kCardReader;
    std::optional<DeviceSpec> spec;  // Empty: not fitted.
    std::string open_problem;        // Why the last open failed.
    Clock::time_point next_open{};
    std::chrono::milliseconds backoff{0};
    bool reported = false;
    DeviceReport last;
  };

  void CheckSlot(Slot& slot, Clock::time_point now);
  // What an attached device says of itself now.
  struct Observation {
    DeviceState state = DeviceState::kNoDevice;
    PaperState paper = PaperState::kUnknown;
    std::string detail;
  };
  bool Attached(DeviceClass device_class) const;
  Observation Observe(DeviceClass device_class);
  Result<void> Open(const DeviceSpec& spec);
  void DetachAndClose(DeviceClass device_class);
  void WatchLoop(std::stop_token stop);

  // Guarded by check_mutex_ (a new configuration replaces them).
  HardwareProfile profile_;
  DeviceOpeners openers_;
  std::atomic<std::chrono::milliseconds::rep> watch_interval_ms_;
  ManagedCardReader card_reader_;
  ManagedIdCardReader id_card_reader_;
  ManagedBarcodeScanner barcode_reader_;
  ManagedReceiptPrinter receipt_printer_;

  std::mutex check_mutex_;  // One pass at a time.
  std::vector<Slot> slots_;
  StatusHandler handler_;

  mutable std::mutex reports_mutex_;
  std::vector<DeviceReport> reports_;

  std::mutex wake_mutex_;
  std::condition_variable_any wake_;
  std::jthread watcher_;
};

}  // namespace kiosk::devices
