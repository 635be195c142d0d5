#pragma once

// Reads the citizen seed file. A mistake in the test data should stop the
// service at start-up with the exact place named, not surface later as a
// strange answer, so every field is checked: identity numbers (check
// character, birth date and gender agree with the number), card numbers,
// regions, insurance codes, their names and statuses, dates and amounts.

#include <nlohmann/json.hpp>
#include <string>

#include "central/citizen_directory.h"
#include "common/error.h"

namespace kiosk::central {

Result<CitizenDirectory> LoadSeedFile(const std::string& path);

// `source` names the document in error messages.
Result<CitizenDirectory> ParseSeed(const nlohmann::json& document, const std::string& source);

}  // namespace kiosk::central
