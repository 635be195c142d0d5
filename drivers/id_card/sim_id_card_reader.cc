#include "drivers/id_card/sim_id_card_reader.h"

#include "drivers/id_card/sam_status.h"
#include "drivers/id_card/sim_id_cards.h"

namespace kiosk::devices {

std::optional<SimIdCardFault> SimIdCardFaultFromName(const std::string& name) {
  if (name == "none") return SimIdCardFault::kNone;
  if (name == "no-card") return SimIdCardFault::kNoCard;
  if (name == "read-failed") return SimIdCardFault::kReadFailed;
  if (name == "removed-during-read") return SimIdCardFault::kRemovedDuringRead;
  if (name == "authentication-failed") return SimIdCardFault::kAuthenticationFailed;
  return std::nullopt;
}

Result<std::unique_ptr<SimIdCardReader>> SimIdCardReader::Create(const std::string& cards_file) {
  auto cards = LoadSimIdCards(cards_file);
  if (!cards) return std::unexpected(cards.error());
  return std::unique_ptr<SimIdCardReader>(new SimIdCardReader(std::move(*cards)));
}

SimIdCardReader::SimIdCardReader(std::map<std::string, IdCard> cards) : cards_(std::move(cards)) {}

SimIdCardReader::~SimIdCardReader() {
  for (auto& [id, card] : cards_) card.Wipe();
}

DeviceState SimIdCardReader::State() const {
  std::lock_guard lock(mutex_);
  return state_;
}

bool SimIdCardReader::CardPresent() const {
  std::lock_guard lock(mutex_);
  return placed_.has_value();
}

void SimIdCardReader::SetEventHandler(EventHandler handler) {
  std::lock_guard lock(mutex_);
  handler_ = std::move(handler);
}

void SimIdCardReader::Raise(IdCardEvent event) {
  EventHandler handler;
  {
    std::lock_guard lock(mutex_);
    handler = handler_;
  }
  if (handler) handler(event);
}

Result<IdCard> SimIdCardReader::Read(const IdCardReadOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex_);
  if (state_ != DeviceState::kOnline) {
    return Fail(ErrorCode::kDeviceNotReady, std::string("ID card reader is ") + ToString(state_));
  }
  std::stop_token stop = options.stop;
  const bool placed = placed_cv_.wait_until(lock, stop, started + options.timeout,
                                            [this] { return placed_.has_value(); });
  if (stop.stop_requested())
    return Fail(ErrorCode::kCanceled, "canceled while waiting for an ID card");
  const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  const SimIdCardFault fault = fault_;
  fault_ = SimIdCardFault::kNone;
  if (!placed || fault == SimIdCardFault::kNoCard) {
    return std::unexpected(sam::NoCardError("simulated", waited.count()));
  }
  switch (fault) {
    case SimIdCardFault::kNone:
    case SimIdCardFault::kNoCard: break;
    case SimIdCardFault::kReadFailed:
      return std::unexpected(
          sam::StatusError(sam::Command::kReadTextAndPhoto, sam::sw3::kReadFailed));
    case SimIdCardFault::kAuthenticationFailed:
      return std::unexpected(
          sam::StatusError(sam::Command::kSelectCard, sam::sw3::kSamRejectedCard));
    case SimIdCardFault::kRemovedDuringRead:
      placed_.reset();
      lock.unlock();
      Raise(IdCardEvent::kTaken);
      return std::unexpected(
          sam::CardRemovedError(sam::Command::kReadTextAndPhoto, sam::sw3::kReadFailed));
  }
  IdCard card = cards_.at(*placed_);
  if (!options.appended_address) card.appended_address.clear();
  return card;
}

Result<void> SimIdCardReader::Place(const std::string& card_id) {
  {
    std::lock_guard lock(mutex_);
    if (!cards_.contains(card_id)) {
      return Fail(ErrorCode::kNotFound, "no simulated ID card with id '" + card_id + "'");
    }
    if (placed_) return Fail(ErrorCode::kSequence, "an ID card already lies on the reader");
    placed_ = card_id;
  }
  placed_cv_.notify_all();
  Raise(IdCardEvent::kPlaced);
  return {};
}

void SimIdCardReader::Take() {
  {
    std::lock_guard lock(mutex_);
    if (!placed_) return;
    placed_.reset();
  }
  Raise(IdCardEvent::kTaken);
}

void SimIdCardReader::SetFault(SimIdCardFault fault) {
  std::lock_guard lock(mutex_);
  fault_ = fault;
}

void SimIdCardReader::SetState(DeviceState state) {
  std::lock_guard lock(mutex_);
  state_ = state;
}

std::vector<std::string> SimIdCardReader::CardIds() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> ids;
  for (const auto& [id, card] : cards_) ids.push_back(id);
  return ids;
}

}  // namespace kiosk::devices
