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
  cache::OutboxOptions options;
  options.max_rows = config.storage.max_rows;
  options.max_bytes = std::int64_t{config.storage.max_megabytes} * 1024 * 1024;
  options.retention = std::chrono::hours(24) * config.storage.retention_days;
  return cache::Outbox::OpenSealed((std::filesystem::path(data_dir) / "outbox.sqlite").string(),
                                   OutboxKeyPath(config, data_dir), key_creation,
                                   std::move(options));
}

}  // namespace kiosk
