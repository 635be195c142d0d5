#include "drivers/id_card/id_card.h"

#include "common/secure_wipe.h"
#include "drivers/id_card/wipe_bytes.h"

namespace kiosk::devices {

void WltPhoto::Wipe() { WipeBytes(bytes_); }

void IdCard::Wipe() {
  for (std::string* field :
       {&name, &gender_code, &gender, &nation_code, &nation, &birth_date, &address,
        &appended_address, &id_number, &issuing_authority, &valid_from, &valid_to}) {
    SecureWipe(*field);
  }
  photo.Wipe();
}

}  // namespace kiosk::devices
