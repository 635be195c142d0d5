#pragma once

// The scanner of `kiosk --devices sim`: a replay script or a test shows it
// a code as text (or names one of the test licences of
// firmware_config/sim/business_licenses.json) and it delivers the scan
// like a real scanner would — only while scanning is on, classified — or
// fails in each of the ways a real one does.

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "drivers/scanner/barcode_scanner.h"
#include "drivers/scanner/scanner_events.h"

namespace kiosk::devices {

// What the next Scan does instead of delivering the code cleanly.
enum class SimScanFault {
  kNone,
  kGarbled,     // A byte arrives damaged: refused as invalid UTF-8.
  kIncomplete,  // Keystrokes lost on the way: refused as an incomplete scan.
};

class SimBarcodeScanner final : public BarcodeScanner {
 public:
  SimBarcodeScanner() : SimBarcodeScanner(std::map<std::string, std::string>{}) {}
  // With the licences of the file as named codes (id → qr_payload).
  static Result<std::unique_ptr<SimBarcodeScanner>> Create(const std::string& licenses_file);

  ScannerState State() const override { return events_.State(); }
  std::string Name() const override { return "simulated scanner"; }
  void SetScanHandler(ScanHandler handler) override { events_.SetScanHandler(std::move(handler)); }
  void SetStateHandler(StateHandler handler) override {
    events_.SetStateHandler(std::move(handler));
  }
  Result<void> StartScanning() override;
  void StopScanning() override;

  // Simulation controls. Scan delivers the event on the caller's thread
  // before it returns; kDeviceNotReady (and nothing delivered) when
  // scanning is off or the scanner is unplugged.
  Result<void> Scan(std::string payload, Symbology symbology = Symbology::kQrCode);
  // The qr_payload of a test licence; kNotFound for an unknown id.
  Result<void> ScanLicence(const std::string& id);
  void SetFault(SimScanFault fault);
  // Unplugged: inoperative, StartScanning refused. Plugged back: off.
  void SetUnplugged(bool unplugged);
  std::vector<std::string> LicenceIds() const;

 private:
  explicit SimBarcodeScanner(std::map<std::string, std::string> licences);

  const std::map<std::string, std::string> licences_;
  ScannerEvents events_;
  std::mutex mutex_;
  SimScanFault fault_ = SimScanFault::kNone;
};

// The test licences of the file: id → the text of its 一码通行 code.
Result<std::map<std::string, std::string>> LoadSimLicenceCodes(const std::string& licenses_file);

}  // namespace kiosk::devices
