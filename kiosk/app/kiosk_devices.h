#pragma once

// The devices of the running kiosk, built from its configuration: the
// hardware profile's devices under the device manager (simulated, or the
// real drivers) and the A4 document printer (PDFs kept in the data
// directory when simulated, CUPS otherwise). A configuration from
// headquarters switches them without a restart: only a device whose
// backend or settings changed is closed and opened again, and it must come
// up — otherwise the caller switches back to the configuration it had.

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "drivers/manager/device_manager.h"
#include "kiosk/app/a4_document_printer.h"
#include "kiosk/app/sim_devices.h"
#include "kiosk/core/config/kiosk_config.h"

namespace kiosk {

struct KioskDeviceOptions {
  bool simulated = true;
  std::filesystem::path data_dir;
  std::string receipt_out;  // Where simulated receipts go.
};

class KioskDevices {
 public:
  // kInvalidData / kIo when the hardware profile, the receipt printer
  // profile or the A4 printer settings are refused. Devices are opened by
  // Start (the device manager's watch).
  static Result<std::unique_ptr<KioskDevices>> Create(const KioskConfig& config,
                                                      KioskDeviceOptions options);
  ~KioskDevices();
  KioskDevices(const KioskDevices&) = delete;
  KioskDevices& operator=(const KioskDevices&) = delete;

  devices::DeviceManager& manager() { return *manager_; }
  PdfA4DocumentPrinter& a4_printer() { return *a4_printer_; }
  // The simulators' script words; null with real devices.
  SimDevices* sim() { return options_.simulated ? &sim_ : nullptr; }

  // Switches to `config`'s devices. Refused without touching anything when
  // its settings do not load; kDeviceNotReady (reason
  // "device_unavailable") when a device it changed does not come up — the
  // new settings stay in place until the caller switches back.
  Result<void> SwitchTo(const KioskConfig& config);

 private:
  struct Built {
    devices::HardwareProfile hardware;
    devices::DeviceOpeners openers;
    std::filesystem::path templates_dir;
    std::unique_ptr<document::DocumentPrinter> cups;
  };
  explicit KioskDevices(KioskDeviceOptions options);
  Result<Built> Build(const KioskConfig& config);

  const KioskDeviceOptions options_;
  SimDevices sim_;  // Outlives the manager, which closes what it opened.
  std::unique_ptr<devices::DeviceManager> manager_;
  std::unique_ptr<PdfA4DocumentPrinter> a4_printer_;
};

// Each class in `classes` is reported usable. kDeviceNotReady, reason
// "device_unavailable", naming the first that is not and why.
Result<void> CheckDevicesUp(const std::vector<devices::DeviceClass>& classes,
                            const std::vector<devices::DeviceReport>& reports);

}  // namespace kiosk
