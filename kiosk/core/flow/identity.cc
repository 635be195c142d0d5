#include "kiosk/core/flow/identity.h"

#include "common/secure_wipe.h"

namespace kiosk {

std::optional<std::string> Identity::Lookup(const std::string& key) const {
  const std::string* value = nullptr;
  if (key == "name") value = &name;
  if (key == "id_number") value = &id_number;
  if (key == "card_number") value = &card_number;
  if (key == "credit_code") value = &credit_code;
  if (key == "company_name") value = &company_name;
  if (value == nullptr || value->empty()) return std::nullopt;
  return *value;
}

nlohmann::json Identity::ToRequestJson() const {
  nlohmann::json identity = {{"method", method}};
  if (!id_number.empty()) identity["ssn"] = id_number;
  if (!card_number.empty()) identity["card_number"] = card_number;
  if (!credit_code.empty()) identity["credit_code"] = credit_code;
  if (!token.empty()) identity["token"] = token;
  return identity;
}

void Identity::Wipe() {
  for (std::string* value :
       {&method, &name, &id_number, &card_number, &region, &credit_code, &company_name, &token}) {
    SecureWipe(*value);
  }
}

}  // namespace kiosk
