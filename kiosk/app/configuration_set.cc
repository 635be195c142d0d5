#include "kiosk/app/configuration_set.h"

#include <filesystem>

#include "common/log.h"
#include "kiosk/core/catalog/last_good_catalog.h"
#include "kiosk/core/config/text_table_check.h"
#include "ui/item_regions.h"

namespace kiosk {
namespace {

Error Refusal(const char* reason, const Error& cause) {
  Error error = cause;
  error.reason = reason;
  return error;
}

}  // namespace

Result<std::unique_ptr<ConfigurationSet>> LoadConfigurationSet(const ConfigurationSource& source) {
  auto set = std::make_unique<ConfigurationSet>();
  set->version = source.version;
  auto config = LoadKioskConfig(source.dir, source.terminal);
  if (!config) return std::unexpected(Refusal("config_invalid", config.error()));
  set->config = std::move(*config);
  if (!source.central_override.empty()) {
    for (auto& [code, region] : set->config.regions) region.endpoint = source.central_override;
  }
  if (!source.home_region_override.empty()) {
    if (!set->config.regions.contains(source.home_region_override)) {
      return std::unexpected(Refusal(
          "config_invalid",
          Error(ErrorCode::kInvalidData, "the region chosen in admin mode (" +
                                             source.home_region_override + ") is not configured")));
    }
    set->config.home_region = source.home_region_override;
  }

  if (source.terminal == nullptr) {
    // A broken catalog never runs: the last good copy does (and the log
    // says which problems kept the new one out).
    auto loaded = LoadCatalogKeepingLastGood(set->config.catalog_dir, source.last_good_catalog_dir);
    if (!loaded) return std::unexpected(Refusal("catalog_invalid", loaded.error()));
    if (loaded->fell_back) {
      log::Warning("kiosk", "running on the last good catalog ({} problem(s) in {})",
                   loaded->problems.size(), set->config.catalog_dir);
    }
    set->catalog = std::move(loaded->catalog);
  } else {
    auto catalog = Catalog::Load(set->config.catalog_dir);
    if (!catalog) return std::unexpected(Refusal("catalog_invalid", catalog.error()));
    set->catalog = std::move(*catalog);
  }

  // Every language, each checked against the default one's keys and
  // placeholders: a gap shows on a citizen's screen otherwise.
  auto tables = LoadTextTables(set->config);
  if (!tables) return std::unexpected(Refusal("texts_invalid", tables.error()));
  set->languages = std::move(*tables);
  set->texts = set->languages.at(set->config.default_language);

  // The home screen searches only what this kiosk offers: items one of its
  // regions handles.
  const KioskConfig* kiosk_config = &set->config;
  auto search = CatalogSearch::Create(
      set->catalog,
      (std::filesystem::path(set->config.config_dir) / "search" / "hanzi_pinyin.txt").string(),
      [kiosk_config](const ServiceItem& item) { return ui::IsOffered(*kiosk_config, item); });
  if (!search) return std::unexpected(Refusal("search_invalid", search.error()));
  set->search.emplace(std::move(*search));
  return set;
}

}  // namespace kiosk
