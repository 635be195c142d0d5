#pragma once

// Stable stand-ins for devices that come and go. The session holds these
// for the whole run; behind each, the device manager attaches the backend
// it has opened and detaches it when the device is lost, so an unplugged
// and replugged reader needs no restart and no dangling pointer. Handlers
// and the watching/scanning wish are kept here and handed to every new
// backend. With nothing attached, commands fail with kDeviceNotReady
// (reason "no_device").

#include <memory>
#include <mutex>

#include "drivers/card_reader/card_reader.h"
#include "drivers/id_card/id_card_reader.h"
#include "drivers/printer/receipt_printer.h"
#include "drivers/scanner/barcode_scanner.h"

namespace kiosk::devices {

class ManagedCardReader final : public CardReader {
 public:
  DeviceState State() const override;
  bool CardPresent() const override;
  void SetEventHandler(EventHandler handler) override;
  Result<SocialSecurityCard> ReadCard() override;
  Result<SocialSecurityCard> Read(const CardReadOptions& options) override;

  void Attach(std::shared_ptr<CardReader> backend);
  // The detached backend: the caller destroys it, outside any lock of ours.
  std::shared_ptr<CardReader> Detach();
  bool Attached() const;

 private:
  std::shared_ptr<CardReader> Backend() const;
  void Raise(CardEvent event);

  mutable std::mutex mutex_;
  std::shared_ptr<CardReader> backend_;
  EventHandler handler_;
};

class ManagedIdCardReader final : public IdCardReader {
 public:
  DeviceState State() const override;
  bool CardPresent() const override;
  void SetEventHandler(EventHandler handler) override;
  void StartWatching() override;
  void StopWatching() override;
  Result<IdCard> Read(const IdCardReadOptions& options) override;

  void Attach(std::shared_ptr<IdCardReader> backend);
  std::shared_ptr<IdCardReader> Detach();
  bool Attached() const;

 private:
  std::shared_ptr<IdCardReader> Backend() const;
  void Raise(IdCardEvent event);

  mutable std::mutex mutex_;
  std::shared_ptr<IdCardReader> backend_;
  EventHandler handler_;
  bool watching_ = false;
};

class ManagedBarcodeScanner final : public BarcodeScanner {
 public:
  ScannerState State() const override;
  std::string Name() const override;
  void SetScanHandler(ScanHandler handler) override;
  void SetStateHandler(StateHandler handler) override;
  // Remembered while no scanner is attached: the next one starts scanning.
  Result<void> StartScanning() override;
  void StopScanning() override;

  void Attach(std::shared_ptr<BarcodeScanner> backend);
  std::shared_ptr<BarcodeScanner> Detach();
  bool Attached() const;

 private:
  std::shared_ptr<BarcodeScanner> Backend() const;

  mutable std::mutex mutex_;
  std::shared_ptr<BarcodeScanner> backend_;
  ScanHandler scan_handler_;
  StateHandler state_handler_;
  bool scanning_ = false;
};

// The receipt printer. It also keeps the last receipt that failed to
// print (paper ran out, cover opened, printer gone), so maintenance staff
// can print it again once the printer is fixed, even on a reconnected
// backend. A receipt that printed whole clears it.
class ManagedReceiptPrinter final : public ReceiptPrinter {
 public:
  PrinterStatus Status() override;
  PrinterStatus Refresh() override;
  Result<void> Print(const ReceiptDocument& document) override;

  bool HasFailedJob() const;
  // Prints the failed receipt again (kSequence when there is none); on
  // success it is forgotten.
  Result<void> ReprintFailedJob();
  // Forgets it (staff handed the citizen a replacement another way).
  void DiscardFailedJob();

  void Attach(std::shared_ptr<ReceiptPrinter> backend);
  std::shared_ptr<ReceiptPrinter> Detach();
  bool Attached() const;

 private:
  std::shared_ptr<ReceiptPrinter> Backend() const;

  mutable std::mutex mutex_;
  std::shared_ptr<ReceiptPrinter> backend_;
  std::shared_ptr<const ReceiptDocument> failed_job_;
};

// A scanner's state in the common device model: on and off are online
// (connected), inoperative is no device, unknown is offline.
DeviceState ToDeviceState(ScannerState state);

}  // namespace kiosk::devices
