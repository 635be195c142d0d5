#include "kiosk/core/sync/kiosk_outbox.h"

#include <filesystem>

namespace kiosk {

std::string OutboxKeyPath(const KioskConfig& config, const std::string& data_dir) {
  if (!config.storage.key_file.empty()) return config.storage.key_file;
  return (std::filesystem::path(data_dir) / "outbox.key").string();
}

Result<std::unique_ptr<cache::Outbox>> OpenKioskOutbox(const KioskConfig& config,
                                                       const std::string& data_dir,
                                                       KeyCreation key_creation) {
  const std::string key_path = OutboxKeyPath(config, data_dir);
  auto key = cache::SealingKey::FromFile(key_path, key_creation == KeyCreation::kCreateIfMissing);
  if (!key) {
    Error error = key.error();
    error.detail = "outbox key: " + error.detail;
    return std::unexpected(error);
  }
  cache::OutboxOptions options;
  options.key = *key;
  options.max_rows = config.storage.max_rows;
  options.max_bytes = std::int64_t{config.storage.max_megabytes} * 1024 * 1024;
  options.retention = std::chrono::hours(24) * config.storage.retention_days;
  return cache::Outbox::Open((std::filesystem::path(data_dir) / "outbox.sqlite").string(),
                             std::move(options));
}

}  // namespace kiosk
