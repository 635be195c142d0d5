#include "drivers/card_reader/social_security_card.h"

#include "common/secure_wipe.h"

namespace kiosk::devices {

void SocialSecurityCard::Wipe() {
  for (std::string* field : {&card_identifier, &card_type, &spec_version, &issuing_institution,
                             &issue_date, &expiry_date, &card_number, &ssn, &name, &gender,
                             &nation, &birth_date}) {
    SecureWipe(*field);
  }
}

}  // namespace kiosk::devices
