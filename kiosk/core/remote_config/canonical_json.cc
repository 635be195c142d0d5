#include "kiosk/core/remote_config/canonical_json.h"

#include "kiosk/core/remote_config/reasons.h"

namespace kiosk::remote_config {
namespace {

bool HasFloat(const nlohmann::json& value) {
  if (value.is_number_float()) return true;
  if (value.is_structured()) {
    for (const auto& member : value) {
      if (HasFloat(member)) return true;
    }
  }
  return false;
}

}  // namespace

Result<std::string> CanonicalJson(const nlohmann::json& value) {
  if (HasFloat(value)) {
    return std::unexpected(Error(ErrorCode::kInvalidData,
                                 "a floating-point number in signed metadata", reason::kMalformed));
  }
  try {
    return value.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::strict);
  } catch (const nlohmann::json::exception&) {
    return std::unexpected(
        Error(ErrorCode::kInvalidData, "a string that is not UTF-8", reason::kMalformed));
  }
}

}  // namespace kiosk::remote_config
