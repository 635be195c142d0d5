#pragma once

// POST /v1/regions/{region}/queries/{query}: questions about one insured
// person, who identifies with a social security card.

#include <string>

#include "central/api_response.h"
#include "central/citizen_directory.h"
#include "central/time_format.h"

namespace kiosk::central {

// Answers 200 with the query's result, or one of the errors
// invalid_request (400), card_mismatch (403), unknown_region,
// unknown_query and citizen_not_found (404).
ApiResponse HandleQuery(const CitizenDirectory& directory, const std::string& region,
                        const std::string& query, const std::string& body, Clock::time_point now);

}  // namespace kiosk::central
