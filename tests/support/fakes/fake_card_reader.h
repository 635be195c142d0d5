#pragma once

// A card reader whose card and failures the test sets directly.

#include <deque>
#include <mutex>
#include <optional>

#include "drivers/card_reader/card_reader.h"

namespace kiosk::testing {

class FakeCardReader final : public devices::CardReader {
 public:
  devices::DeviceState State() const override { return devices::DeviceState::kOnline; }
  bool CardPresent() const override {
    std::lock_guard lock(mutex_);
    return card_.has_value();
  }
  void SetEventHandler(EventHandler handler) override {
    std::lock_guard lock(mutex_);
    handler_ = std::move(handler);
  }
  Result<devices::SocialSecurityCard> ReadCard() override {
    std::lock_guard lock(mutex_);
    if (!read_errors_.empty()) {
      Error error = read_errors_.front();
      read_errors_.pop_front();
      return std::unexpected(error);
    }
    if (!card_) return std::unexpected(Error(ErrorCode::kDeviceNotReady, "no card"));
    return *card_;
  }

  // Puts a card in without raising an event (it was there before).
  void PlaceSilently(devices::SocialSecurityCard card) {
    std::lock_guard lock(mutex_);
    card_ = std::move(card);
  }
  void Insert(devices::SocialSecurityCard card) {
    PlaceSilently(std::move(card));
    Raise(devices::CardEvent::kInserted);
  }
  void Remove() {
    {
      std::lock_guard lock(mutex_);
      card_.reset();
    }
    Raise(devices::CardEvent::kRemoved);
  }
  void FailNextRead(Error error) {
    std::lock_guard lock(mutex_);
    read_errors_.push_back(std::move(error));
  }

 private:
  void Raise(devices::CardEvent event) {
    EventHandler handler;
    {
      std::lock_guard lock(mutex_);
      handler = handler_;
    }
    if (handler) handler(event);
  }

  mutable std::mutex mutex_;
  std::optional<devices::SocialSecurityCard> card_;
  std::deque<Error> read_errors_;
  EventHandler handler_;
};

}  // namespace kiosk::testing
