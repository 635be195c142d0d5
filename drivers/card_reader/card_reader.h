#pragma once

// A social security card reader (PC/SC in production, simulated in demos
// and tests). Insertion and removal arrive as events from the reader's own
// thread; reading is a command that may fail in the ways DEVICES.md lists.

#include <chrono>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>

#include "common/error.h"
#include "drivers/card_reader/social_security_card.h"
#include "drivers/common/device_status.h"

namespace kiosk::devices {

enum class CardEvent { kInserted, kRemoved };

struct CardReadOptions {
  // For the whole read: waiting for a card, then reading it.
  std::chrono::milliseconds timeout{5000};
  // request_stop() on its source ends a wait in progress with kCanceled.
  std::stop_token stop;
};

class CardReader {
 public:
  using EventHandler = std::function<void(CardEvent)>;

  virtual ~CardReader() = default;

  virtual DeviceState State() const = 0;
  virtual bool CardPresent() const = 0;

  // The handler may be called from any thread; it must not block.
  virtual void SetEventHandler(EventHandler handler) = 0;

  // Reads EF05 and EF06 of the card now in the reader.
  virtual Result<SocialSecurityCard> ReadCard() = 0;

  // Waits up to options.timeout for a card, then reads it. Readers that
  // cannot wait read the card that is there now (the default).
  virtual Result<SocialSecurityCard> Read(const CardReadOptions& options) {
    (void)options;
    return ReadCard();
  }
};

}  // namespace kiosk::devices
