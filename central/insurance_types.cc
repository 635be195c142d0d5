#include "central/insurance_types.h"

#include <array>
#include <utility>

namespace kiosk::central {

std::optional<std::string_view> InsuranceTypeName(std::string_view code) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kTypes = {{
      {"110", "企业职工基本养老保险"},
      {"120", "城乡居民基本养老保险"},
      {"210", "失业保险"},
      {"310", "职工基本医疗保险"},
      {"390", "城乡居民基本医疗保险"},
      {"410", "工伤保险"},
      {"510", "生育保险"},
  }};
  for (const auto& [known_code, name] : kTypes) {
    if (known_code == code) return name;
  }
  return std::nullopt;
}

bool IsKnownInsuranceStatus(std::string_view status) {
  return status == "参保缴费" || status == "暂停缴费" || status == "终止参保";
}

}  // namespace kiosk::central
