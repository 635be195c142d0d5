#include "kiosk/app/kiosk_devices.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "common/log.h"
#include "drivers/printer/printer_profile.h"
#include "kiosk/app/real_devices.h"

namespace kiosk {
namespace {

constexpr const char* kLog = "devices";

std::string FileContent(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

// What a simulator is opened with, so that a configuration changing it
// (other simulated cards, another receipt printer profile) reopens it.
std::string SimulatedSettings(const KioskConfig& config, devices::DeviceClass device_class) {
  switch (device_class) {
    case devices::DeviceClass::kCardReader: return FileContent(config.sim_cards_file);
    case devices::DeviceClass::kIdCardReader: return FileContent(config.sim_id_cards_file);
    case devices::DeviceClass::kBarcodeReader: return FileContent(config.sim_licences_file);
    case devices::DeviceClass::kReceiptPrinter: return "profile " + config.receipt_profile;
  }
  return {};
}

}  // namespace

Result<void> CheckDevicesUp(const std::vector<devices::DeviceClass>& classes,
                            const std::vector<devices::DeviceReport>& reports) {
  for (const devices::DeviceClass device_class : classes) {
    const auto report = std::find_if(
        reports.begin(), reports.end(),
        [device_class](const devices::DeviceReport& r) { return r.device_class == device_class; });
    if (report == reports.end() || !report->Usable()) {
      return std::unexpected(
          Error(ErrorCode::kDeviceNotReady,
                std::string(devices::ToString(device_class)) + " is not up" +
                    (report == reports.end() ? " (never reported)" : ": " + report->detail),
                "device_unavailable"));
    }
  }
  return {};
}

KioskDevices::KioskDevices(KioskDeviceOptions options) : options_(std::move(options)) {}

KioskDevices::~KioskDevices() {
  if (manager_) manager_->Stop();
}

Result<std::unique_ptr<KioskDevices>> KioskDevices::Create(const KioskConfig& config,
                                                           KioskDeviceOptions options) {
  std::unique_ptr<KioskDevices> devices(new KioskDevices(std::move(options)));
  auto built = devices->Build(config);
  if (!built) return std::unexpected(built.error());
  devices->manager_ = std::make_unique<devices::DeviceManager>(std::move(built->hardware),
                                                               std::move(built->openers));
  devices->a4_printer_ = std::make_unique<PdfA4DocumentPrinter>(
      std::move(built->templates_dir), devices->options_.data_dir / "sim-documents",
      std::move(built->cups));
  if (devices->options_.simulated) {
    log::Info(kLog, "simulated devices; receipts go to {}", devices->options_.receipt_out);
  }
  return devices;
}

Result<KioskDevices::Built> KioskDevices::Build(const KioskConfig& config) {
  auto hardware = devices::LoadHardwareProfile(config.hardware_profile);
  if (!hardware) return std::unexpected(hardware.error());
  Built built;
  built.templates_dir = std::filesystem::path(config.config_dir) / "documents";
  if (options_.simulated) {
    auto receipt_profile = devices::BuiltInProfile(config.receipt_profile);
    if (!receipt_profile) return std::unexpected(receipt_profile.error());
    built.hardware = devices::Simulated(std::move(*hardware));
    for (auto& spec : built.hardware.devices) {
      if (spec.backend != "none") spec.settings = SimulatedSettings(config, spec.device_class);
    }
    built.openers =
        sim_.Openers({config.sim_cards_file, config.sim_id_cards_file, config.sim_licences_file,
                      options_.receipt_out, *receipt_profile});
    built.openers.closed = [this](devices::DeviceClass device_class) { sim_.Forget(device_class); };
    return built;
  }
  built.hardware = std::move(*hardware);
  built.openers = RealDeviceOpeners();
  const auto settings_path =
      (std::filesystem::path(config.config_dir) / "devices" / "document_printer.json").string();
  auto settings = LoadDocumentPrinterSettings(settings_path);
  if (!settings) return std::unexpected(settings.error());
  built.cups = document::CreateCupsDocumentPrinter(*settings);
  return built;
}

Result<void> KioskDevices::SwitchTo(const KioskConfig& config) {
  auto built = Build(config);
  if (!built) {
    Error error = built.error();
    error.reason = "device_settings_invalid";
    return std::unexpected(error);
  }
  a4_printer_->Reconfigure(std::move(built->templates_dir), std::move(built->cups));
  const auto reopened =
      manager_->Reconfigure(std::move(built->hardware), std::move(built->openers));
  return CheckDevicesUp(reopened, manager_->Reports());
}

}  // namespace kiosk
