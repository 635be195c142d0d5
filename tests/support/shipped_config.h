#pragma once

// The shipped configuration, catalog and UI texts (firmware_config/), as
// the session and flow harnesses start from them. Throws what it cannot
// load: a harness without them cannot test anything.

#include <stdexcept>

#include "kiosk/core/catalog/catalog.h"
#include "kiosk/core/config/kiosk_config.h"
#include "kiosk/core/config/text_table.h"

namespace kiosk::testing {

inline void LoadShippedConfig(KioskConfig& config, Catalog& catalog, TextTable& texts) {
  auto loaded = LoadKioskConfig(KIOSK_CONFIG_DIR);
  if (!loaded) throw std::runtime_error(loaded.error().Describe());
  config = *loaded;
  auto loaded_catalog = Catalog::Load(config.catalog_dir);
  if (!loaded_catalog) throw std::runtime_error(loaded_catalog.error().Describe());
  catalog = std::move(*loaded_catalog);
  auto loaded_texts = TextTable::Load(config.texts_file);
  if (!loaded_texts) throw std::runtime_error(loaded_texts.error().Describe());
  texts = std::move(*loaded_texts);
}

}  // namespace kiosk::testing
