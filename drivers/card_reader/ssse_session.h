#pragma once

// Reads EF05 and EF06 of a 社会保障卡 over any APDU channel: SELECT SSSE,
// SELECT EF05, a READ RECORD per item, SELECT EF06, and its items. The
// transport rules a card may ask for are followed here: 61xx (GET
// RESPONSE for the rest), 6Cxx (the same command again with the Le the
// card names), and READ RECORD with P2 = 04 for cards that refuse 00.
// PcscCardReader runs it over SCardTransmit; tests over a scripted card.

#include <cstdint>
#include <span>

#include "common/error.h"
#include "drivers/card_reader/social_security_card.h"
#include "drivers/card_reader/ssse_apdu.h"

namespace kiosk::devices::ssse {

class ApduChannel {
 public:
  virtual ~ApduChannel() = default;
  // The response APDU (data, SW1, SW2) to `command`, or the transport's
  // error (the card gone: kDeviceNotReady, "card_removed").
  virtual Result<Bytes> Transmit(const Command& command) = 0;
};

struct SsseReadStats {
  int apdus = 0;
  bool used_p2_04 = false;
};

// The card's fields, or the first failure: a status word
// (StatusWordError), undecodable data (kInvalidData, "card_data_invalid"),
// a transport error as the channel gave it.
Result<SocialSecurityCard> ReadSsseCard(ApduChannel& channel, SsseReadStats* stats = nullptr);

}  // namespace kiosk::devices::ssse
