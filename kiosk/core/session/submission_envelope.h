#pragma once

// What a confirmed submission looks like in the outbox, shared by the
// session (the citizen at the screen) and `kioskctl submit` (staff or
// tests entering the same submission), so both queue byte-for-byte the
// same kind of request:
//   {"kind", "item_id", "kiosk_id",
//    "payload": {"identity", "fields", "submitted_at_ms"[, "bundle_id"]}}
// sent with the idempotency key chosen when it was confirmed.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "kiosk/core/catalog/service_item.h"
#include "kiosk/core/config/kiosk_config.h"
#include "offline_cache/outbox.h"

namespace kiosk {

struct SubmissionContent {
  std::string idempotency_key;
  std::string region;
  std::string kind;       // The submit step's submission kind.
  std::string item_id;    // The item whose step submits.
  std::string bundle_id;  // The 一件事 bundle it runs inside, or empty.
  std::string kiosk_id;
  nlohmann::json identity;  // Identity::ToRequestJson().
  nlohmann::json fields;    // FormAnswers::ToJson().
  std::int64_t submitted_at_ms = 0;
};

cache::NewSubmission BuildSubmission(const SubmissionContent& content);

// "SL20261123-3F2A9C1B": the day and the first hex digits of the
// idempotency key, short enough to read out at a counter.
std::string AcceptanceNumber(const std::string& key, std::int64_t unix_ms);

// The region that handles `item` for this kiosk: the citizen's own when it
// does (`citizen_region`, empty when unknown), else the home region, else
// the first served region the item lists.
std::string RegionForItem(const ServiceItem& item, const KioskConfig& config,
                          const std::string& citizen_region);

}  // namespace kiosk
