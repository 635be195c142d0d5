#pragma once

// The insurance type codes (险种编码) the service knows and their names.

#include <optional>
#include <string_view>

namespace kiosk::central {

// The Chinese name of a type code, e.g. "110" → 企业职工基本养老保险, or
// nullopt for a code the service does not know.
std::optional<std::string_view> InsuranceTypeName(std::string_view code);

// Whether a status is one the API may answer: 参保缴费, 暂停缴费 or 终止参保.
bool IsKnownInsuranceStatus(std::string_view status);

}  // namespace kiosk::central
