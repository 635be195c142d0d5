#pragma once

// What the devices allow right now, as the device manager last reported
// them: which ways of identifying work, and so which items a citizen can
// start. A device class that has not reported counts as usable (tests and
// tools that wire no manager see every item), one that reported anything
// but online or busy as not.

#include <map>
#include <string>
#include <vector>

#include "drivers/common/device_report.h"
#include "kiosk/core/catalog/service_item.h"

namespace kiosk {

// The device class that reads an identification method:
// social_security_card → card reader, id_card → ID card reader, the codes
// → barcode reader.
devices::DeviceClass DeviceClassFor(const std::string& method);

// What the receipt printer means for an item that prints a receipt,
// told before the citizen starts it.
enum class ReceiptWarning {
  kNone,
  kPaperLow,    // It prints, but the roll may run out during the receipt.
  kCannotPrint  // Out of paper or out of order: the item runs without a receipt.
};

// Whether the item asks a central service something before it can go on
// (a query step): without the network it cannot be done now. A submission
// alone is queued offline and needs no network.
bool ItemNeedsNetwork(const ServiceItem& item);

class DeviceAvailability {
 public:
  // True when the report changed anything.
  bool Update(const devices::DeviceReport& report);

  bool Usable(devices::DeviceClass device_class) const;
  bool MethodUsable(const std::string& method) const;
  // The item's identification methods that cannot be used now.
  std::vector<std::string> UnusableMethods(const ServiceItem& item) const;
  // At least one of its identification methods works (or it needs none).
  bool ItemUsable(const ServiceItem& item) const;
  // The receipt printer's state as a warning for an item that prints one.
  ReceiptWarning ReceiptPrinterWarning() const;

 private:
  std::map<devices::DeviceClass, devices::DeviceReport> reports_;
};

}  // namespace kiosk
