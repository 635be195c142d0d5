#pragma once

// The simulated reader behind `kiosk --devices sim`: its cards come from a
// JSON file of test cards (firmware_config/sim/social_security_cards.json),
// and a replay script or a test inserts and removes them by id.

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "drivers/card_reader/card_reader.h"

namespace kiosk::devices {

// What the next ReadCard() should do, so scripts can show each failure.
enum class SimCardFault { kNone, kUnreadable, kRemovedDuringRead };

class SimCardReader final : public CardReader {
 public:
  static Result<std::unique_ptr<SimCardReader>> Create(const std::string& cards_file);

  DeviceState State() const override;
  bool CardPresent() const override;
  void SetEventHandler(EventHandler handler) override;
  Result<SocialSecurityCard> ReadCard() override;

  // Simulation controls.
  Result<void> Insert(const std::string& card_id);
  void Remove();
  void SetFault(SimCardFault fault);
  void SetState(DeviceState state);
  std::vector<std::string> CardIds() const;

 private:
  explicit SimCardReader(std::map<std::string, SocialSecurityCard> cards);

  mutable std::mutex mutex_;
  std::map<std::string, SocialSecurityCard> cards_;
  std::optional<std::string> inserted_;
  SimCardFault fault_ = SimCardFault::kNone;
  DeviceState state_ = DeviceState::kOnline;
  EventHandler handler_;
};

// Parses the test-card file; exposed for kioskctl and tests.
Result<std::map<std::string, SocialSecurityCard>> LoadSimCards(const std::string& cards_file);

}  // namespace kiosk::devices
