#include "drivers/manager/device_manager.h"

#include "common/log.h"

namespace kiosk::devices {
namespace {

constexpr const char* kLog = "devices";

constexpr DeviceClass kClasses[] = {DeviceClass::kCardReader, DeviceClass::kIdCardReader,
                                    DeviceClass::kBarcodeReader, DeviceClass::kReceiptPrinter};

// Maintenance staff should hear of low paper before it runs out.
bool PaperNeedsAttention(PaperState paper) {
  return paper == PaperState::kLow || paper == PaperState::kOut || paper == PaperState::kJammed;
}

}  // namespace

DeviceManager::DeviceManager(HardwareProfile profile, DeviceOpeners openers)
    : profile_(std::move(profile)),
      openers_(std::move(openers)),
      watch_interval_ms_(profile_.watch_interval.count()) {
  for (DeviceClass device_class : kClasses) {
    Slot slot;
    slot.device_class = device_class;
    if (const DeviceSpec* spec = profile_.Find(device_class)) slot.spec = *spec;
    slot.last.device_class = device_class;
    slots_.push_back(slot);
  }
}

DeviceManager::~DeviceManager() {
  Stop();
  for (DeviceClass device_class : kClasses) DetachAndClose(device_class);
}

void DeviceManager::SetStatusHandler(StatusHandler handler) { handler_ = std::move(handler); }

void DeviceManager::Start() {
  CheckNow();
  watcher_ = std::jthread([this](std::stop_token stop) { WatchLoop(std::move(stop)); });
}

void DeviceManager::Stop() {
  if (!watcher_.joinable()) return;
  watcher_.request_stop();
  wake_.notify_all();
  watcher_.join();
}

void DeviceManager::WatchLoop(std::stop_token stop) {
  while (!stop.stop_requested()) {
    {
      std::unique_lock lock(wake_mutex_);
      wake_.wait_for(lock, stop, std::chrono::milliseconds(watch_interval_ms_.load()),
                     [] { return false; });
    }
    if (stop.stop_requested()) return;
    CheckNow();
  }
}

std::vector<DeviceReport> DeviceManager::Reports() const {
  std::lock_guard lock(reports_mutex_);
  return reports_;
}

void DeviceManager::CheckNow(Clock::time_point now) {
  std::lock_guard lock(check_mutex_);
  for (auto& slot : slots_) CheckSlot(slot, now);
  std::lock_guard reports_lock(reports_mutex_);
  reports_.clear();
  for (const auto& slot : slots_) reports_.push_back(slot.last);
}

std::vector<DeviceClass> DeviceManager::Reconfigure(HardwareProfile profile, DeviceOpeners openers,
                                                    Clock::time_point now) {
  std::lock_guard lock(check_mutex_);
  std::vector<DeviceClass> reopened;
  for (auto& slot : slots_) {
    const DeviceSpec* next = profile.Find(slot.device_class);
    const bool fitted_before = slot.spec && slot.spec->backend != "none";
    const bool fitted_next = next != nullptr && next->backend != "none";
    const bool same = fitted_before == fitted_next &&
                      (!fitted_next || (slot.spec && slot.spec->SameDevice(*next)));
    if (!same) {
      if (fitted_before && Attached(slot.device_class)) {
        log::Info(kLog, "{} ({}) closed: the new configuration changes it",
                  ToString(slot.device_class), slot.spec->backend);
        DetachAndClose(slot.device_class);
      }
      slot.open_problem.clear();
      slot.backoff = std::chrono::milliseconds(0);
      slot.next_open = Clock::time_point{};
      if (fitted_next) reopened.push_back(slot.device_class);
    }
    slot.spec.reset();
    if (next != nullptr) slot.spec = *next;
  }
  profile_ = std::move(profile);
  openers_ = std::move(openers);
  watch_interval_ms_ = profile_.watch_interval.count();
  for (auto& slot : slots_) CheckSlot(slot, now);
  std::lock_guard reports_lock(reports_mutex_);
  reports_.clear();
  for (const auto& slot : slots_) reports_.push_back(slot.last);
  return reopened;
}

bool DeviceManager::Attached(DeviceClass device_class) const {
  switch (device_class) {
    case DeviceClass::kCardReader: return card_reader_.Attached();
    case DeviceClass::kIdCardReader: return id_card_reader_.Attached();
    case DeviceClass::kBarcodeReader: return barcode_reader_.Attached();
    case DeviceClass::kReceiptPrinter: return receipt_printer_.Attached();
  }
  return false;
}

DeviceManager::Observation DeviceManager::Observe(DeviceClass device_class) {
  Observation observation;
  switch (device_class) {
    case DeviceClass::kCardReader: observation.state = card_reader_.State(); break;
    case DeviceClass::kIdCardReader: observation.state = id_card_reader_.State(); break;
    case DeviceClass::kBarcodeReader:
      observation.state = ToDeviceState(barcode_reader_.State());
      break;
    case DeviceClass::kReceiptPrinter: {
      // A printer is asked (DLE EOT), not just looked at: paper runs out
      // and covers open without any event.
      PrinterStatus status = receipt_printer_.Refresh();
      observation.state = status.device;
      observation.paper = status.paper;
      if (status.cover == CoverState::kOpen && observation.state == DeviceState::kOnline) {
        observation.state = DeviceState::kUserError;
      }
      observation.detail = std::move(status.detail);
      break;
    }
  }
  return observation;
}

Result<void> DeviceManager::Open(const DeviceSpec& spec) {
  auto missing = [&spec] {
    return Fail(ErrorCode::kInternal,
                std::string("no driver for backend ") + spec.backend + " in this build");
  };
  switch (spec.device_class) {
    case DeviceClass::kCardReader: {
      if (!openers_.card_reader) return missing();
      auto opened = openers_.card_reader(spec);
      if (!opened) return std::unexpected(opened.error());
      card_reader_.Attach(std::shared_ptr<CardReader>(std::move(*opened)));
      return {};
    }
    case DeviceClass::kIdCardReader: {
      if (!openers_.id_card_reader) return missing();
      auto opened = openers_.id_card_reader(spec);
      if (!opened) return std::unexpected(opened.error());
      id_card_reader_.Attach(std::shared_ptr<IdCardReader>(std::move(*opened)));
      return {};
    }
    case DeviceClass::kBarcodeReader: {
      if (!openers_.barcode_reader) return missing();
      auto opened = openers_.barcode_reader(spec);
      if (!opened) return std::unexpected(opened.error());
      barcode_reader_.Attach(std::shared_ptr<BarcodeScanner>(std::move(*opened)));
      return {};
    }
    case DeviceClass::kReceiptPrinter: {
      if (!openers_.receipt_printer) return missing();
      auto opened = openers_.receipt_printer(spec);
      if (!opened) return std::unexpected(opened.error());
      receipt_printer_.Attach(std::shared_ptr<ReceiptPrinter>(std::move(*opened)));
      return {};
    }
  }
  return missing();
}

void DeviceManager::DetachAndClose(DeviceClass device_class) {
  // The backend is destroyed here, on the manager's thread, once a command
  // still running on it (it holds a reference) has returned.
  switch (device_class) {
    case DeviceClass::kCardReader: card_reader_.Detach(); break;
    case DeviceClass::kIdCardReader: id_card_reader_.Detach(); break;
    case DeviceClass::kBarcodeReader: barcode_reader_.Detach(); break;
    case DeviceClass::kReceiptPrinter: receipt_printer_.Detach(); break;
  }
  if (openers_.closed) openers_.closed(device_class);
}

void DeviceManager::CheckSlot(Slot& slot, Clock::time_point now) {
  DeviceReport report;
  report.device_class = slot.device_class;
  if (!slot.spec || slot.spec->backend == "none") {
    report.backend = "none";
    report.state = DeviceState::kNoDevice;
    report.detail = "not fitted (hardware profile)";
  } else {
    const DeviceSpec& spec = *slot.spec;
    report.backend = spec.backend;
    Observation observation;
    if (Attached(slot.device_class)) {
      observation = Observe(slot.device_class);
      if (spec.ReopenWhenLost() && observation.state == DeviceState::kNoDevice) {
        log::Warning(kLog, "{} ({}) lost; closing it to reopen: {}", ToString(slot.device_class),
                     spec.backend, observation.detail);
        DetachAndClose(slot.device_class);
        slot.open_problem = "lost (unplugged or its port gone); reopening";
        slot.backoff = profile_.reopen_interval;
        slot.next_open = now + slot.backoff;
      }
    }
    if (!Attached(slot.device_class) && now >= slot.next_open) {
      auto opened = Open(spec);
      if (opened) {
        slot.open_problem.clear();
        slot.backoff = std::chrono::milliseconds(0);
        log::Info(kLog, "{} ({}) opened", ToString(slot.device_class), spec.backend);
        observation = Observe(slot.device_class);
      } else {
        slot.open_problem = opened.error().Describe();
        slot.backoff = slot.backoff.count() == 0
                           ? profile_.reopen_interval
                           : std::min(slot.backoff * 2, profile_.reopen_max_interval);
        slot.next_open = now + slot.backoff;
      }
    }
    if (Attached(slot.device_class)) {
      report.state = observation.state;
      report.paper = observation.paper;
      if (!report.Usable()) {
        report.detail = std::string("the device reports ") + ToString(report.state);
        if (!observation.detail.empty()) report.detail += ": " + observation.detail;
      } else if (PaperNeedsAttention(report.paper)) {
        report.detail = std::string("paper ") + ToString(report.paper);
      }
    } else {
      report.state = DeviceState::kNoDevice;
      report.detail = slot.open_problem;
    }
  }
  if (slot.reported && report == slot.last) return;
  const bool first = !slot.reported;
  slot.reported = true;
  slot.last = report;
  if (report.Usable() && !PaperNeedsAttention(report.paper)) {
    log::Info(kLog, "{} ({}): {}", ToString(report.device_class), report.backend,
              ToString(report.state));
  } else if (first || report.backend != "none") {
    log::Warning(kLog, "{} ({}): {}: {}", ToString(report.device_class), report.backend,
                 ToString(report.state), report.detail);
  }
  if (handler_) handler_(report);
}

}  // namespace kiosk::devices
