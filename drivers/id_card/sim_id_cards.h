#pragma once

// The test ID cards of the simulated reader and the SAM emulator
// (firmware_config/sim/id_cards.json). Each goes through the card text
// encoder and decoder on loading, so a simulated card is checked exactly
// as a real one would be (check character, dates, codes).

#include <map>
#include <string>

#include "common/error.h"
#include "drivers/id_card/id_card.h"

namespace kiosk::devices {

// Cards by id; kIo if the file cannot be read, kInvalidData naming the card
// and field that is wrong.
Result<std::map<std::string, IdCard>> LoadSimIdCards(const std::string& cards_file);

}  // namespace kiosk::devices
