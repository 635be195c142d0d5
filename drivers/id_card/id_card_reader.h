#pragma once

// A resident ID card reader (居民身份证阅读器) as the kiosk sees it: the
// SAM protocol over serial or USB in production (sam_id_card_reader.h), a
// simulator in demos and scripts (sim_id_card_reader.h). The card lies on
// the reader rather than in it, so presence is learnt by polling "find
// card" while watching; reading is a blocking command with a timeout that
// another thread can cancel.

#include <chrono>
#include <functional>
#include <stop_token>

#include "common/error.h"
#include "drivers/common/device_status.h"
#include "drivers/id_card/id_card.h"

namespace kiosk::devices {

enum class IdCardEvent { kPlaced, kTaken };

const char* ToString(IdCardEvent event);

struct IdCardReadOptions {
  // For the whole read: waiting for a card, selecting and reading it.
  std::chrono::milliseconds timeout{5000};
  // Also ask for the address appended after a move (30 03).
  bool appended_address = true;
  // request_stop() on its source ends a Read in progress with kCanceled.
  std::stop_token stop;
};

class IdCardReader {
 public:
  using EventHandler = std::function<void(IdCardEvent)>;

  virtual ~IdCardReader() = default;

  virtual DeviceState State() const = 0;
  // As last seen by a poll or a read.
  virtual bool CardPresent() const = 0;

  // The handler may be called from any thread; it must not block.
  virtual void SetEventHandler(EventHandler handler) = 0;

  // Polls for a card until StopWatching, raising kPlaced and kTaken. A
  // read in progress pauses the polling.
  virtual void StartWatching() = 0;
  virtual void StopWatching() = 0;

  // Waits for a card (until the timeout), selects and reads it. Failures
  // (code, reason): no card within the timeout (kDeviceNotReady, no_card);
  // the card taken away during the read (kDeviceNotReady, card_removed);
  // any SW3 a step answers, as sam::StatusError maps it; a card whose data
  // does not check out (kInvalidData, card_data_invalid); the reader not
  // answering (kTimeout); a broken line (kIo); cancellation (kCanceled).
  virtual Result<IdCard> Read(const IdCardReadOptions& options) = 0;
};

}  // namespace kiosk::devices
