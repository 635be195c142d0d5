#pragma once

// The simulated ID card reader behind `kiosk --devices sim`: its cards come
// from firmware_config/sim/id_cards.json, and a replay script or a test
// places and takes them by id. Failures carry the same codes and reasons
// as the SAM reader's, so the kiosk cannot tell the two apart.

#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "drivers/id_card/id_card_reader.h"

namespace kiosk::devices {

// What the next Read() does instead of reading (each happens once):
// kNoCard: the reader does not find the card lying on it; kReadFailed: 30 01
// answers SW3 41; kRemovedDuringRead: the card is taken away mid-read;
// kAuthenticationFailed: select answers SW3 32 (the SAM rejects the card).
enum class SimIdCardFault {
  kNone,
  kNoCard,
  kReadFailed,
  kRemovedDuringRead,
  kAuthenticationFailed
};

// "no-card", "read-failed", "removed-during-read", "authentication-failed".
std::optional<SimIdCardFault> SimIdCardFaultFromName(const std::string& name);

class SimIdCardReader final : public IdCardReader {
 public:
  static Result<std::unique_ptr<SimIdCardReader>> Create(const std::string& cards_file);
  ~SimIdCardReader() override;

  DeviceState State() const override;
  bool CardPresent() const override;
  void SetEventHandler(EventHandler handler) override;
  // Events follow Place and Take at once: there is nothing to poll.
  void StartWatching() override {}
  void StopWatching() override {}
  Result<IdCard> Read(const IdCardReadOptions& options) override;

  // Simulation controls.
  Result<void> Place(const std::string& card_id);
  void Take();
  void SetFault(SimIdCardFault fault);
  void SetState(DeviceState state);
  std::vector<std::string> CardIds() const;

 private:
  explicit SimIdCardReader(std::map<std::string, IdCard> cards);
  void Raise(IdCardEvent event);

  mutable std::mutex mutex_;
  std::condition_variable_any placed_cv_;
  std::map<std::string, IdCard> cards_;
  std::optional<std::string> placed_;
  SimIdCardFault fault_ = SimIdCardFault::kNone;
  DeviceState state_ = DeviceState::kOnline;
  EventHandler handler_;
};

}  // namespace kiosk::devices
