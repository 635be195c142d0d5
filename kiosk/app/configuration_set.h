#pragma once

// Everything the kiosk runs on that comes from its configuration: the
// kiosk config, the catalog, the UI texts and the home screen's search over
// the items this kiosk offers. One set is live; a configuration from
// headquarters is loaded as a second set, checked, and switched to between
// citizens (kiosk/app/config_apply_loop.h).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "common/error.h"
#include "kiosk/core/catalog/catalog.h"
#include "kiosk/core/catalog/catalog_search.h"
#include "kiosk/core/config/kiosk_config.h"
#include "kiosk/core/config/text_table.h"

namespace kiosk {

struct ConfigurationSet {
  std::int64_t version = 0;  // 0: as installed; else headquarters' version.
  KioskConfig config;
  Catalog catalog;
  TextTable texts;  // The default language's (config.default_language).
  // Every language's table by tag, the default one included; each has the
  // default table's keys and placeholders.
  std::map<std::string, TextTable> languages;
  std::optional<CatalogSearch> search;  // Points into `catalog`: the set never moves.
};

struct ConfigurationSource {
  std::string dir;
  std::int64_t version = 0;
  // The installed configuration, for a bundle (its identity is kept); null
  // when loading the installed one.
  const KioskConfig* terminal = nullptr;
  std::string central_override;  // kiosk --central: every region's endpoint.
  // The installed configuration falls back to the last good catalog kept
  // here; a bundle's catalog must validate itself (its refusal is the
  // health check failing).
  std::string last_good_catalog_dir;
  // An administrator moved the terminal to another of the configuration's
  // regions (admin mode; DATA_DIR/terminal_state.json). Empty: as configured.
  std::string home_region_override;
};

// kInvalidData with a reason for the health check: "config_invalid",
// "catalog_invalid", "texts_invalid", "search_invalid".
Result<std::unique_ptr<ConfigurationSet>> LoadConfigurationSet(const ConfigurationSource& source);

}  // namespace kiosk
