#pragma once

// What the kiosk reads from a 社会保障卡: EF05 (card identification) and
// EF06 (cardholder), see shared/docs/DEVICES.md. Dates are ISO "YYYY-MM-DD".

#include <string>

namespace kiosk::devices {

struct SocialSecurityCard {
  // EF05
  std::string card_identifier;  // 16 chars; the first 6 are the region code.
  std::string card_type;
  std::string spec_version;
  std::string issuing_institution;
  std::string issue_date;
  std::string expiry_date;
  std::string card_number;  // 9 chars, printed on the card.
  // EF06
  std::string ssn;  // Social security number = 18-char resident ID number.
  std::string name;
  std::string gender;  // "male" or "female".
  std::string nation;  // Two-digit nation code, "01" = 汉族.
  std::string birth_date;

  std::string RegionCode() const { return card_identifier.substr(0, 6); }

  // Overwrites every field before releasing it: personal data must not
  // linger in freed memory after a session ends.
  void Wipe();
};

}  // namespace kiosk::devices
