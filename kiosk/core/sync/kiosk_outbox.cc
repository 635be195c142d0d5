#include "kiosk/core/sync/kiosk_outbox.h"

#include <filesystem>

namespace kiosk {

std::string OutboxKeyPath(const KioskConfig& config, const std::string& data_dir) {
  if (!config.storage.key_file.empty()) return config.storage.key_file;
  return (std::filesystem::path(data_dir) / "outbox.key").string();
}

std::int64_t OutboxMaxBytes(const KioskConfig& config) {
  return std::int64_t{config.storage.max_megabytes} * 1024 * 1024;
}

std::chrono::milliseconds OutboxRetention(const KioskConfig& config) {
  return std::chrono::hours(24) * config.storage.retention_days;
}

Result<std::unique_ptr<cache::Outbox>> OpenKioskOutbox(const KioskConfig& config,
                                                       const std::string& data_dir,
                                                       KeyCreation key_creation) {
  cache::OutboxOptions options;
  options.max_rows = config.storage.max_rows;
  options.max_bytes = OutboxMaxBytes(config);
  options.retention = OutboxRetention(config);
  return cache::Outbox::OpenSealed((std::filesystem::path(data_dir) / "outbox.sqlite").string(),
                                   OutboxKeyPath(config, data_dir), key_creation,
                                   std::move(options));
}

Result<std::unique_ptr<cache::RecordCache>> OpenKioskRecordCache(const KioskConfig& config,
                                                                 const std::string& data_dir,
                                                                 KeyCreation key_creation) {
  if (config.storage.record_cache_days == 0) return std::unique_ptr<cache::RecordCache>();
  auto key = cache::SealingKey::FromFile(OutboxKeyPath(config, data_dir),
                                         key_creation == KeyCreation::kCreateIfMissing);
  if (!key) {
    Error error = key.error();
    error.detail = "record cache key: " + error.detail;
    return std::unexpected(error);
  }
  return cache::RecordCache::Open((std::filesystem::path(data_dir) / "records.sqlite").string(),
                                  *key, std::chrono::hours(24) * config.storage.record_cache_days);
}

}  // namespace kiosk
