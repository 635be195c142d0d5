#include "kiosk/core/session/device_availability.h"

#include <algorithm>

namespace kiosk {

devices::DeviceClass DeviceClassFor(const std::string& method) {
  if (method == "social_security_card") return devices::DeviceClass::kCardReader;
  if (method == "id_card") return devices::DeviceClass::kIdCardReader;
  return devices::DeviceClass::kBarcodeReader;
}

bool DeviceAvailability::Update(const devices::DeviceReport& report) {
  auto [found, inserted] = reports_.try_emplace(report.device_class, report);
  if (inserted) return true;
  if (found->second == report) return false;
  found->second = report;
  return true;
}

bool DeviceAvailability::Usable(devices::DeviceClass device_class) const {
  auto found = reports_.find(device_class);
  return found == reports_.end() || found->second.Usable();
}

bool DeviceAvailability::MethodUsable(const std::string& method) const {
  return Usable(DeviceClassFor(method));
}

std::vector<std::string> DeviceAvailability::UnusableMethods(const ServiceItem& item) const {
  std::vector<std::string> unusable;
  for (const auto& method : item.identification) {
    if (!MethodUsable(method)) unusable.push_back(method);
  }
  return unusable;
}

bool DeviceAvailability::ItemUsable(const ServiceItem& item) const {
  return item.identification.empty() || UnusableMethods(item).size() < item.identification.size();
}

ReceiptWarning DeviceAvailability::ReceiptPrinterWarning() const {
  auto found = reports_.find(devices::DeviceClass::kReceiptPrinter);
  if (found == reports_.end()) return ReceiptWarning::kNone;
  const devices::DeviceReport& printer = found->second;
  if (!printer.CanPrint()) return ReceiptWarning::kCannotPrint;
  if (printer.paper == devices::PaperState::kLow) return ReceiptWarning::kPaperLow;
  return ReceiptWarning::kNone;
}

bool ItemNeedsNetwork(const ServiceItem& item) {
  return std::any_of(item.flow.begin(), item.flow.end(),
                     [](const FlowStep& step) { return step.type == StepType::kQuery; });
}

}  // namespace kiosk
