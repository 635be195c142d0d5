#pragma once

// Which of an item's regions this kiosk serves, and whether it is
// 跨域通办 (handled only by a region other than the kiosk's own). The
// kiosk offers an item only when it serves at least one of its regions.

#include <string>
#include <vector>

#include "kiosk/core/catalog/service_item.h"
#include "kiosk/core/config/kiosk_config.h"

namespace kiosk::ui {

bool IsOffered(const KioskConfig& config, const ServiceItem& item);
bool IsCrossRegion(const KioskConfig& config, const ServiceItem& item);
// The names of the served regions that handle the item, home first.
std::vector<std::string> ServedRegionNames(const KioskConfig& config, const ServiceItem& item,
                                           bool english = false);

}  // namespace kiosk::ui
