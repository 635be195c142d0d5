#pragma once

// Opens this terminal's stores the one way the kiosk and kioskctl share:
// DATA_DIR/outbox.sqlite and DATA_DIR/records.sqlite, sealed with the key
// the config's "storage" names (by default DATA_DIR/outbox.key, made on the
// kiosk's first start), with the config's bounds and retention. kioskctl
// must not make a key: a new key would not open the rows the kiosk sealed.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "common/error.h"
#include "kiosk/core/config/kiosk_config.h"
#include "offline_cache/outbox.h"
#include "offline_cache/record_cache.h"

namespace kiosk {

using KeyCreation = cache::Outbox::KeyCreation;

std::string OutboxKeyPath(const KioskConfig& config, const std::string& data_dir);
// The config's outbox bounds, as the outbox counts them.
std::int64_t OutboxMaxBytes(const KioskConfig& config);
std::chrono::milliseconds OutboxRetention(const KioskConfig& config);

Result<std::unique_ptr<cache::Outbox>> OpenKioskOutbox(const KioskConfig& config,
                                                       const std::string& data_dir,
                                                       KeyCreation key_creation);

// nullptr (and no error) when the config keeps no records
// (record_cache_days 0).
Result<std::unique_ptr<cache::RecordCache>> OpenKioskRecordCache(const KioskConfig& config,
                                                                 const std::string& data_dir,
                                                                 KeyCreation key_creation);

}  // namespace kiosk
