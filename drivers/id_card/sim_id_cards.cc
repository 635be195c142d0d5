#include "drivers/id_card/sim_id_cards.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "drivers/id_card/id_card_text.h"
#include "drivers/id_card/id_card_text_encoder.h"

namespace kiosk::devices {
namespace {

Result<IdCard> CardFromJson(const nlohmann::json& entry) {
  static const char* const kFields[] = {"name",    "gender_code", "nation_code",       "birth_date",
                                        "address", "id_number",   "issuing_authority", "valid_from",
                                        "valid_to"};
  for (const char* field : kFields) {
    if (!entry.contains(field) || !entry[field].is_string()) {
      return Fail(ErrorCode::kInvalidData, std::string("lacks string field ") + field);
    }
  }
  IdCard given;
  given.name = entry["name"];
  given.gender_code = entry["gender_code"];
  given.nation_code = entry["nation_code"];
  given.birth_date = entry["birth_date"];
  given.address = entry["address"];
  given.id_number = entry["id_number"];
  given.issuing_authority = entry["issuing_authority"];
  given.valid_from = entry["valid_from"];
  given.valid_to = entry["valid_to"];
  auto text = EncodeCardText(given);
  given.Wipe();
  if (!text) return std::unexpected(text.error());
  auto card = DecodeCardText(*text);
  if (!card) return card;
  if (entry.contains("appended_address")) {
    if (!entry["appended_address"].is_string()) {
      card->Wipe();
      return Fail(ErrorCode::kInvalidData, "appended_address is not a string");
    }
    card->appended_address = entry["appended_address"];
  }
  return card;
}

}  // namespace

Result<std::map<std::string, IdCard>> LoadSimIdCards(const std::string& cards_file) {
  std::ifstream in(cards_file);
  if (!in) return Fail(ErrorCode::kIo, "cannot open simulated ID card file " + cards_file);
  auto document = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.contains("cards") || !document["cards"].is_array()) {
    return Fail(ErrorCode::kInvalidData,
                cards_file + ": expected an object with a \"cards\" array");
  }
  std::map<std::string, IdCard> cards;
  for (std::size_t i = 0; i < document["cards"].size(); ++i) {
    const auto& entry = document["cards"][i];
    const std::string label = entry.contains("id") && entry["id"].is_string()
                                  ? entry["id"].get<std::string>()
                                  : "#" + std::to_string(i);
    if (!entry.contains("id") || !entry["id"].is_string()) {
      return Fail(ErrorCode::kInvalidData, cards_file + ": card " + label + " has no string id");
    }
    auto card = CardFromJson(entry);
    if (!card) {
      return Fail(ErrorCode::kInvalidData,
                  cards_file + ": card " + label + ": " + card.error().detail);
    }
    if (!cards.emplace(label, std::move(*card)).second) {
      return Fail(ErrorCode::kInvalidData, cards_file + ": duplicate card id " + label);
    }
  }
  return cards;
}

}  // namespace kiosk::devices
