#include "kiosk/app/real_devices.h"

#include "drivers/card_reader/pcsc_card_reader.h"
#include "drivers/id_card/id_card_reader_profile.h"
#include "drivers/printer/receipt_printer_settings.h"
#include "drivers/scanner/scanner_profile.h"

namespace kiosk {

devices::DeviceOpeners RealDeviceOpeners() {
  devices::DeviceOpeners openers;
  openers.card_reader =
      [](const devices::DeviceSpec& spec) -> Result<std::unique_ptr<devices::CardReader>> {
    auto profile = devices::LoadPcscCardReaderProfile(spec.profile);
    if (!profile) return std::unexpected(profile.error());
    // pcscd follows the reader; the monitor thread reports what it sees.
    auto reader = std::make_unique<devices::PcscCardReader>(std::move(*profile));
    reader->Start();
    return std::unique_ptr<devices::CardReader>(std::move(reader));
  };
  openers.id_card_reader =
      [](const devices::DeviceSpec& spec) -> Result<std::unique_ptr<devices::IdCardReader>> {
    auto profile = devices::LoadIdCardReaderProfile(spec.profile);
    if (!profile) return std::unexpected(profile.error());
    auto reader = devices::OpenIdCardReader(*profile);
    if (!reader) return std::unexpected(reader.error());
    return std::unique_ptr<devices::IdCardReader>(std::move(*reader));
  };
  openers.barcode_reader =
      [](const devices::DeviceSpec& spec) -> Result<std::unique_ptr<devices::BarcodeScanner>> {
    auto profile = devices::LoadScannerProfile(spec.profile);
    if (!profile) return std::unexpected(profile.error());
    return devices::OpenBarcodeScanner(*profile);
  };
  openers.receipt_printer =
      [](const devices::DeviceSpec& spec) -> Result<std::unique_ptr<devices::ReceiptPrinter>> {
    auto settings = devices::LoadReceiptPrinterSettings(spec.profile);
    if (!settings) return std::unexpected(settings.error());
    auto printer = devices::OpenEscPosReceiptPrinter(*settings);
    if (!printer) return std::unexpected(printer.error());
    return std::unique_ptr<devices::ReceiptPrinter>(std::move(*printer));
  };
  return openers;
}

}  // namespace kiosk
