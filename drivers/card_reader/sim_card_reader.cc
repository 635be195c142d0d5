#include "drivers/card_reader/sim_card_reader.h"

#include <fstream>
#include <nlohmann/json.hpp>

namespace kiosk::devices {

Result<std::map<std::string, SocialSecurityCard>> LoadSimCards(const std::string& cards_file) {
  std::ifstream in(cards_file);
  if (!in) return Fail(ErrorCode::kIo, "cannot open simulated card file " + cards_file);
  auto document = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.contains("cards") || !document["cards"].is_array()) {
    return Fail(ErrorCode::kInvalidData, cards_file + ": expected an object with a \"cards\" array");
  }
  std::map<std::string, SocialSecurityCard> cards;
  const char* const kFields[] = {"id",          "card_identifier", "card_type",  "spec_version",
                                 "issuing_institution", "issue_date", "expiry_date", "card_number",
                                 "ssn",         "name",            "gender",     "nation",
                                 "birth_date"};
  for (std::size_t i = 0; i < document["cards"].size(); ++i) {
    const auto& entry = document["cards"][i];
    for (const char* field : kFields) {
      if (!entry.contains(field) || !entry[field].is_string()) {
        return Fail(ErrorCode::kInvalidData,
                    cards_file + ": card #" + std::to_string(i) + " lacks string field " + field);
      }
    }
    SocialSecurityCard card;
    card.card_identifier = entry["card_identifier"];
    card.card_type = entry["card_type"];
    card.spec_version = entry["spec_version"];
    card.issuing_institution = entry["issuing_institution"];
    card.issue_date = entry["issue_date"];
    card.expiry_date = entry["expiry_date"];
    card.card_number = entry["card_number"];
    card.ssn = entry["ssn"];
    card.name = entry["name"];
    card.gender = entry["gender"];
    card.nation = entry["nation"];
    card.birth_date = entry["birth_date"];
    if (card.card_identifier.size() != 16) {
      return Fail(ErrorCode::kInvalidData, cards_file + ": card " + entry["id"].get<std::string>() +
                                               " has a card identifier that is not 16 characters");
    }
    if (!cards.emplace(entry["id"].get<std::string>(), std::move(card)).second) {
      return Fail(ErrorCode::kInvalidData,
                  cards_file + ": duplicate card id " + entry["id"].get<std::string>());
    }
  }
  return cards;
}

Result<std::unique_ptr<SimCardReader>> SimCardReader::Create(const std::string& cards_file) {
  auto cards = LoadSimCards(cards_file);
  if (!cards) return std::unexpected(cards.error());
  return std::unique_ptr<SimCardReader>(new SimCardReader(std::move(*cards)));
}

SimCardReader::SimCardReader(std::map<std::string, SocialSecurityCard> cards)
    : cards_(std::move(cards)) {}

DeviceState SimCardReader::State() const {
  std::lock_guard lock(mutex_);
  return state_;
}

bool SimCardReader::CardPresent() const {
  std::lock_guard lock(mutex_);
  return inserted_.has_value();
}

void SimCardReader::SetEventHandler(EventHandler handler) {
  std::lock_guard lock(mutex_);
  handler_ = std::move(handler);
}

Result<SocialSecurityCard> SimCardReader::ReadCard() {
  std::lock_guard lock(mutex_);
  if (state_ != DeviceState::kOnline) {
    return Fail(ErrorCode::kDeviceNotReady, std::string("card reader is ") + ToString(state_));
  }
  if (!inserted_) return Fail(ErrorCode::kDeviceNotReady, "no card in the reader");
  switch (fault_) {
    case SimCardFault::kNone: break;
    case SimCardFault::kUnreadable:
      fault_ = SimCardFault::kNone;
      return Fail(ErrorCode::kDevice, "SELECT SSSE answered 6A82 (file not found): not a 社保卡");
    case SimCardFault::kRemovedDuringRead:
      fault_ = SimCardFault::kNone;
      return Fail(ErrorCode::kDeviceNotReady, "card removed while reading EF06");
  }
  return cards_.at(*inserted_);
}

Result<void> SimCardReader::Insert(const std::string& card_id) {
  EventHandler handler;
  {
    std::lock_guard lock(mutex_);
    if (!cards_.contains(card_id)) {
      return Fail(ErrorCode::kNotFound, "no simulated card with id '" + card_id + "'");
    }
    if (inserted_) return Fail(ErrorCode::kSequence, "a card is already in the reader");
    inserted_ = card_id;
    handler = handler_;
  }
  if (handler) handler(CardEvent::kInserted);
  return {};
}

void SimCardReader::Remove() {
  EventHandler handler;
  {
    std::lock_guard lock(mutex_);
    if (!inserted_) return;
    inserted_.reset();
    handler = handler_;
  }
  if (handler) handler(CardEvent::kRemoved);
}

void SimCardReader::SetFault(SimCardFault fault) {
  std::lock_guard lock(mutex_);
  fault_ = fault;
}

void SimCardReader::SetState(DeviceState state) {
  std::lock_guard lock(mutex_);
  state_ = state;
}

std::vector<std::string> SimCardReader::CardIds() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> ids;
  for (const auto& [id, card] : cards_) ids.push_back(id);
  return ids;
}

}  // namespace kiosk::devices
