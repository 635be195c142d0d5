#pragma once

// The kiosk never runs on a broken catalog. When the configured catalog
// loads and validates, a copy is kept in the data directory as the last
// good one; when it does not, the kiosk says why (log, admin mode) and runs
// on that copy instead. Only when there is no good copy at all does start-up
// fail.

#include <string>
#include <vector>

#include "common/error.h"
#include "kiosk/core/catalog/catalog.h"

namespace kiosk {

struct CatalogLoad {
  Catalog catalog;
  std::string loaded_from;               // The folder the running catalog came from.
  bool fell_back = false;                // The configured catalog was refused.
  std::vector<CatalogProblem> problems;  // Why it was refused.
};

// `configured_dir`: the catalog of the current configuration;
// `last_good_dir`: where the last good copy lives (created/replaced here).
Result<CatalogLoad> LoadCatalogKeepingLastGood(const std::string& configured_dir,
                                               const std::string& last_good_dir);

}  // namespace kiosk
