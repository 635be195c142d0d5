#pragma once

// The simulated devices of `kiosk --devices sim`, and the words a replay
// script uses to act on them:
//   card insert <card-id> | card remove | card fault unreadable|removed-during-read
//   card unplug | card plug
//   idcard place <card-id> | idcard take | idcard fault <fault> | idcard unplug | idcard plug
//   scanner scan <text...> | scanner licence <licence-id> | scanner fault garbled|incomplete
//   scanner unplug | scanner plug
//   printer paper full|low|out | printer cover open|closed | printer online|offline
// The readers, the scanner and the printer are opened by the device manager, like real
// ones, so unplugging them shows what the kiosk does when a device fails.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "drivers/card_reader/sim_card_reader.h"
#include "drivers/id_card/sim_id_card_reader.h"
#include "drivers/manager/device_manager.h"
#include "drivers/printer/sim_receipt_printer.h"
#include "drivers/scanner/sim_barcode_scanner.h"

namespace kiosk {

struct SimDeviceFiles {
  std::string social_security_cards;
  std::string id_cards;
  std::string business_licences;
  std::string receipt_output;  // Where the simulated printer appends its ESC/POS jobs.
  devices::PrinterProfile receipt_profile;
};

class SimDevices {
 public:
  // Openers that make the simulators from the files and keep a handle on
  // each for the script words. The manager owns what they open.
  devices::DeviceOpeners Openers(SimDeviceFiles files);

  // After each word the manager looks again, so the session hears of an
  // unplugged device before the script's next line.
  void SetAfterChange(std::function<void()> after_change) {
    after_change_ = std::move(after_change);
  }

  Result<void> Apply(const std::vector<std::string>& words);

  // The manager closed this class's simulator (a new configuration): the
  // script words wait for the next one it opens.
  void Forget(devices::DeviceClass device_class);

 private:
  Result<void> ApplyCard(const std::vector<std::string>& words);
  Result<void> ApplyIdCard(const std::vector<std::string>& words);
  Result<void> ApplyScanner(const std::vector<std::string>& words);
  Result<void> ApplyPrinter(const std::vector<std::string>& words);

  devices::SimCardReader* card_reader_ = nullptr;
  devices::SimIdCardReader* id_card_reader_ = nullptr;
  devices::SimBarcodeScanner* scanner_ = nullptr;
  devices::SimReceiptPrinter* receipt_printer_ = nullptr;
  std::function<void()> after_change_;
};

}  // namespace kiosk
