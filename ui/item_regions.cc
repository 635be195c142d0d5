#include "ui/item_regions.h"

#include <algorithm>

namespace kiosk::ui {
namespace {

bool Lists(const ServiceItem& item, const std::string& region) {
  return std::find(item.regions.begin(), item.regions.end(), region) != item.regions.end();
}

}  // namespace

bool IsOffered(const KioskConfig& config, const ServiceItem& item) {
  return std::any_of(item.regions.begin(), item.regions.end(),
                     [&](const std::string& code) { return config.FindRegion(code) != nullptr; });
}

bool IsCrossRegion(const KioskConfig& config, const ServiceItem& item) {
  return !Lists(item, config.home_region) && IsOffered(config, item);
}

std::vector<std::string> ServedRegionNames(const KioskConfig& config, const ServiceItem& item,
                                           bool english) {
  std::vector<std::string> names;
  if (Lists(item, config.home_region)) {
    if (const RegionConfig* home = config.FindRegion(config.home_region))
      names.push_back(home->DisplayName(english));
  }
  for (const auto& code : item.regions) {
    if (code == config.home_region) continue;
    if (const RegionConfig* region = config.FindRegion(code)) {
      names.push_back(region->DisplayName(english));
    }
  }
  return names;
}

}  // namespace kiosk::ui
