#include "kiosk/core/session/submission_envelope.h"

#include <algorithm>
#include <cctype>

#include "kiosk/core/records/receipt_builder.h"

namespace kiosk {

cache::NewSubmission BuildSubmission(const SubmissionContent& content) {
  nlohmann::json payload = {{"identity", content.identity},
                            {"fields", content.fields},
                            {"submitted_at_ms", content.submitted_at_ms}};
  if (!content.bundle_id.empty()) payload["bundle_id"] = content.bundle_id;
  const nlohmann::json body = {{"kind", content.kind},
                               {"item_id", content.item_id},
                               {"kiosk_id", content.kiosk_id},
                               {"payload", std::move(payload)}};
  return cache::NewSubmission{content.idempotency_key, content.region, content.kind,
                              content.item_id, body.dump()};
}

std::string AcceptanceNumber(const std::string& key, std::int64_t unix_ms) {
  std::string day = FormatChinaTime(unix_ms).substr(0, 10);
  std::erase(day, '-');
  std::string digits;
  for (char c : key) {
    if (c != '-') digits += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (digits.size() == 8) break;
  }
  return "SL" + day + "-" + digits;
}

std::string RegionForItem(const ServiceItem& item, const KioskConfig& config,
                          const std::string& citizen_region) {
  auto handles = [&](const std::string& region) {
    return std::find(item.regions.begin(), item.regions.end(), region) != item.regions.end() &&
           config.FindRegion(region) != nullptr;
  };
  if (!citizen_region.empty() && handles(citizen_region)) return citizen_region;
  if (handles(config.home_region)) return config.home_region;
  for (const auto& region : item.regions) {
    if (handles(region)) return region;
  }
  return config.home_region;
}

}  // namespace kiosk
