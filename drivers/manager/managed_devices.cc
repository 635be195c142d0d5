#include "drivers/manager/managed_devices.h"

#include <utility>

namespace kiosk::devices {
namespace {

std::unexpected<Error> NoDevice(const char* what) {
  Error error(ErrorCode::kDeviceNotReady, std::string("no ") + what + " is connected");
  error.reason = "no_device";
  return std::unexpected(std::move(error));
}

}  // namespace

DeviceState ToDeviceState(ScannerState state) {
  switch (state) {
    case ScannerState::kOn:
    case ScannerState::kOff: return DeviceState::kOnline;
    case ScannerState::kInoperative: return DeviceState::kNoDevice;
    case ScannerState::kUnknown: return DeviceState::kOffline;
  }
  return DeviceState::kOffline;
}

// --- ManagedCardReader ---

std::shared_ptr<CardReader> ManagedCardReader::Backend() const {
  std::lock_guard lock(mutex_);
  return backend_;
}

DeviceState ManagedCardReader::State() const {
  auto backend = Backend();
  return backend ? backend->State() : DeviceState::kNoDevice;
}

bool ManagedCardReader::CardPresent() const {
  auto backend = Backend();
  return backend && backend->CardPresent();
}

void ManagedCardReader::SetEventHandler(EventHandler handler) {
  std::shared_ptr<CardReader> backend;
  {
    std::lock_guard lock(mutex_);
    handler_ = std::move(handler);
    backend = backend_;
  }
  if (backend) backend->SetEventHandler([this](CardEvent event) { Raise(event); });
}

void ManagedCardReader::Raise(CardEvent event) {
  EventHandler handler;
  {
    std::lock_guard lock(mutex_);
    handler = handler_;
  }
  if (handler) handler(event);
}

Result<SocialSecurityCard> ManagedCardReader::ReadCard() {
  auto backend = Backend();
  if (!backend) return NoDevice("social security card reader");
  return backend->ReadCard();
}

Result<SocialSecurityCard> ManagedCardReader::Read(const CardReadOptions& options) {
  auto backend = Backend();
  if (!backend) return NoDevice("social security card reader");
  return backend->Read(options);
}

void ManagedCardReader::Attach(std::shared_ptr<CardReader> backend) {
  {
    std::lock_guard lock(mutex_);
    backend_ = std::move(backend);
  }
  EventHandler handler;
  {
    std::lock_guard lock(mutex_);
    handler = handler_;
  }
  SetEventHandler(std::move(handler));
}

std::shared_ptr<CardReader> ManagedCardReader::Detach() {
  std::shared_ptr<CardReader> backend;
  {
    std::lock_guard lock(mutex_);
    backend = std::move(backend_);
    backend_.reset();
  }
  if (backend) backend->SetEventHandler({});
  return backend;
}

bool ManagedCardReader::Attached() const { return Backend() != nullptr; }

// --- ManagedIdCardReader ---

std::shared_ptr<IdCardReader> ManagedIdCardReader::Backend() const {
  std::lock_guard lock(mutex_);
  return backend_;
}

DeviceState ManagedIdCardReader::State() const {
  auto backend = Backend();
  return backend ? backend->State() : DeviceState::kNoDevice;
}

bool ManagedIdCardReader::CardPresent() const {
  auto backend = Backend();
  return backend && backend->CardPresent();
}

void ManagedIdCardReader::SetEventHandler(EventHandler handler) {
  std::shared_ptr<IdCardReader> backend;
  {
    std::lock_guard lock(mutex_);
    handler_ = std::move(handler);
    backend = backend_;
  }
  if (backend) backend->SetEventHandler([this](IdCardEvent event) { Raise(event); });
}

void ManagedIdCardReader::Raise(IdCardEvent event) {
  EventHandler handler;
  {
    std::lock_guard lock(mutex_);
    handler = handler_;
  }
  if (handler) handler(event);
}

void ManagedIdCardReader::StartWatching() {
  std::shared_ptr<IdCardReader> backend;
  {
    std::lock_guard lock(mutex_);
    watching_ = true;
    backend = backend_;
  }
  if (backend) backend->StartWatching();
}

void ManagedIdCardReader::StopWatching() {
  std::shared_ptr<IdCardReader> backend;
  {
    std::lock_guard lock(mutex_);
    watching_ = false;
    backend = backend_;
  }
  if (backend) backend->StopWatching();
}

Result<IdCard> ManagedIdCardReader::Read(const IdCardReadOptions& options) {
  auto backend = Backend();
  if (!backend) return NoDevice("ID card reader");
  return backend->Read(options);
}

void ManagedIdCardReader::Attach(std::shared_ptr<IdCardReader> backend) {
  bool watching = false;
  EventHandler handler;
  {
    std::lock_guard lock(mutex_);
    backend_ = backend;
    watching = watching_;
    handler = handler_;
  }
  SetEventHandler(std::move(handler));
  if (watching && backend) backend->StartWatching();
}

std::shared_ptr<IdCardReader> ManagedIdCardReader::Detach() {
  std::shared_ptr<IdCardReader> backend;
  {
    std::lock_guard lock(mutex_);
    backend = std::move(backend_);
    backend_.reset();
  }
  if (backend) {
    backend->StopWatching();
    backend->SetEventHandler({});
  }
  return backend;
}

bool ManagedIdCardReader::Attached() const { return Backend() != nullptr; }

// --- ManagedBarcodeScanner ---

std::shared_ptr<BarcodeScanner> ManagedBarcodeScanner::Backend() const {
  std::lock_guard lock(mutex_);
  return backend_;
}

ScannerState ManagedBarcodeScanner::State() const {
  auto backend = Backend();
  return backend ? backend->State() : ScannerState::kInoperative;
}

std::string ManagedBarcodeScanner::Name() const {
  auto backend = Backend();
  return backend ? backend->Name() : "no scanner";
}

void ManagedBarcodeScanner::SetScanHandler(ScanHandler handler) {
  std::lock_guard lock(mutex_);
  scan_handler_ = std::move(handler);
}

void ManagedBarcodeScanner::SetStateHandler(StateHandler handler) {
  std::lock_guard lock(mutex_);
  state_handler_ = std::move(handler);
}

Result<void> ManagedBarcodeScanner::StartScanning() {
  std::shared_ptr<BarcodeScanner> backend;
  {
    std::lock_guard lock(mutex_);
    scanning_ = true;
    backend = backend_;
  }
  if (!backend) return NoDevice("code scanner");
  return backend->StartScanning();
}

void ManagedBarcodeScanner::StopScanning() {
  std::shared_ptr<BarcodeScanner> backend;
  {
    std::lock_guard lock(mutex_);
    scanning_ = false;
    backend = backend_;
  }
  if (backend) backend->StopScanning();
}

void ManagedBarcodeScanner::Attach(std::shared_ptr<BarcodeScanner> backend) {
  // The backend calls back through us, so a handler set later still applies.
  backend->SetScanHandler([this](ScanEvent event) {
    ScanHandler handler;
    {
      std::lock_guard lock(mutex_);
      handler = scan_handler_;
    }
    if (handler) {
      handler(std::move(event));
    } else {
      event.Wipe();
    }
  });
  // A scanner that comes back by itself (plugged in again, off) resumes
  // scanning when scanning is wanted.
  std::weak_ptr<BarcodeScanner> weak = backend;
  backend->SetStateHandler([this, weak](ScannerState state) {
    StateHandler handler;
    bool resume = false;
    {
      std::lock_guard lock(mutex_);
      handler = state_handler_;
      resume = scanning_ && state == ScannerState::kOff;
    }
    if (handler) handler(state);
    if (auto scanner = weak.lock(); resume && scanner) (void)scanner->StartScanning();
  });
  bool scanning = false;
  {
    std::lock_guard lock(mutex_);
    backend_ = backend;
    scanning = scanning_;
  }
  if (scanning) (void)backend->StartScanning();  // Refused only when inoperative: watched.
}

std::shared_ptr<BarcodeScanner> ManagedBarcodeScanner::Detach() {
  std::shared_ptr<BarcodeScanner> backend;
  {
    std::lock_guard lock(mutex_);
    backend = std::move(backend_);
    backend_.reset();
  }
  if (backend) {
    backend->StopScanning();
    backend->SetScanHandler({});
    backend->SetStateHandler({});
  }
  return backend;
}

bool ManagedBarcodeScanner::Attached() const { return Backend() != nullptr; }

// --- ManagedReceiptPrinter ---

std::shared_ptr<ReceiptPrinter> ManagedReceiptPrinter::Backend() const {
  std::lock_guard lock(mutex_);
  return backend_;
}

PrinterStatus ManagedReceiptPrinter::Status() {
  auto backend = Backend();
  if (!backend) return PrinterStatus{.detail = "no receipt printer is connected"};
  return backend->Status();
}

PrinterStatus ManagedReceiptPrinter::Refresh() {
  auto backend = Backend();
  if (!backend) return PrinterStatus{.detail = "no receipt printer is connected"};
  return backend->Refresh();
}

Result<void> ManagedReceiptPrinter::Print(const ReceiptDocument& document) {
  auto backend = Backend();
  Result<void> printed = backend ? backend->Print(document) : NoDevice("receipt printer");
  std::lock_guard lock(mutex_);
  if (printed) {
    failed_job_.reset();
  } else {
    failed_job_ = std::make_shared<const ReceiptDocument>(document);
  }
  return printed;
}

bool ManagedReceiptPrinter::HasFailedJob() const {
  std::lock_guard lock(mutex_);
  return failed_job_ != nullptr;
}

Result<void> ManagedReceiptPrinter::ReprintFailedJob() {
  std::shared_ptr<const ReceiptDocument> job;
  {
    std::lock_guard lock(mutex_);
    job = failed_job_;
  }
  if (!job) return Fail(ErrorCode::kSequence, "no failed receipt to print again");
  auto backend = Backend();
  if (!backend) return NoDevice("receipt printer");
  auto printed = backend->Print(*job);
  if (printed) {
    std::lock_guard lock(mutex_);
    if (failed_job_ == job) failed_job_.reset();
  }
  return printed;
}

void ManagedReceiptPrinter::DiscardFailedJob() {
  std::lock_guard lock(mutex_);
  failed_job_.reset();
}

void ManagedReceiptPrinter::Attach(std::shared_ptr<ReceiptPrinter> backend) {
  std::lock_guard lock(mutex_);
  backend_ = std::move(backend);
}

std::shared_ptr<ReceiptPrinter> ManagedReceiptPrinter::Detach() {
  std::lock_guard lock(mutex_);
  return std::exchange(backend_, nullptr);
}

bool ManagedReceiptPrinter::Attached() const { return Backend() != nullptr; }

}  // namespace kiosk::devices
