#include "kiosk/core/catalog/last_good_catalog.h"

#include <filesystem>

#include "common/log.h"

namespace kiosk {
namespace {

namespace fs = std::filesystem;
constexpr const char* kLog = "catalog";

// Copies beside the target and renames over it, so a power cut leaves
// either the old copy or the new one, never half of each.
Result<void> ReplaceCopy(const fs::path& from, const fs::path& to) {
  std::error_code error;
  const fs::path staging = to.string() + ".new";
  const fs::path retired = to.string() + ".old";
  fs::remove_all(staging, error);
  fs::create_directories(staging.parent_path(), error);
  fs::copy(from, staging, fs::copy_options::recursive, error);
  if (error)
    return Fail(ErrorCode::kIo,
                "copying the catalog to " + staging.string() + ": " + error.message());
  fs::remove_all(retired, error);
  if (fs::exists(to)) {
    fs::rename(to, retired, error);
    if (error) return Fail(ErrorCode::kIo, "retiring " + to.string() + ": " + error.message());
  }
  fs::rename(staging, to, error);
  if (error) return Fail(ErrorCode::kIo, "installing " + to.string() + ": " + error.message());
  fs::remove_all(retired, error);
  return {};
}

}  // namespace

Result<CatalogLoad> LoadCatalogKeepingLastGood(const std::string& configured_dir,
                                               const std::string& last_good_dir) {
  CatalogLoad load;
  auto configured = Catalog::Load(configured_dir, &load.problems);
  if (configured) {
    load.catalog = std::move(*configured);
    load.loaded_from = configured_dir;
    if (auto kept = ReplaceCopy(configured_dir, last_good_dir); !kept) {
      // The kiosk still runs; only the safety net is missing.
      log::Error(kLog, "could not keep the last good catalog: {}", kept.error().Describe());
    }
    return load;
  }
  log::Error(kLog, "catalog {} refused, {} problem(s): {}", configured_dir, load.problems.size(),
             configured.error().detail);
  auto last_good = Catalog::Load(last_good_dir);
  if (!last_good) {
    return Fail(ErrorCode::kInvalidData, "the catalog " + configured_dir +
                                             " is broken and there is no last good copy in " +
                                             last_good_dir + ": " + configured.error().detail);
  }
  log::Warning(kLog, "running on the last good catalog (version {}) from {}", last_good->Version(),
               last_good_dir);
  load.catalog = std::move(*last_good);
  load.loaded_from = last_good_dir;
  load.fell_back = true;
  return load;
}

}  // namespace kiosk
