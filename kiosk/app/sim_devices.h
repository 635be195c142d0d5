#pragma once

// The simulated devices of `kiosk --devices sim`, and the words a replay
// script uses to act on them:
//   card insert <card-id> | card remove | card fault unreadable|removed-during-read
//   printer paper full|low|out | printer cover open|closed | printer online|offline

#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "drivers/card_reader/sim_card_reader.h"
#include "drivers/printer/sim_receipt_printer.h"

namespace kiosk {

struct SimDevices {
  std::unique_ptr<devices::SimCardReader> card_reader;
  std::unique_ptr<devices::SimReceiptPrinter> receipt_printer;

  Result<void> Apply(const std::vector<std::string>& words);
};

}  // namespace kiosk
