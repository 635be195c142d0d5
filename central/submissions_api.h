#pragma once

// POST /v1/regions/{region}/submissions and GET /v1/submissions: the
// transactions kiosks deliver, made idempotent after the IETF httpapi
// Idempotency-Key draft (see DESIGN.md, "Central services").

#include <string>
#include <vector>

#include "central/api_response.h"
#include "central/citizen_directory.h"
#include "central/submission_store.h"
#include "central/time_format.h"

namespace kiosk::central {

// `idempotency_keys` holds every Idempotency-Key header value received;
// exactly one is required. Answers 201 for a new submission; for a repeat,
// the first answer again with "Idempotent-Replayed: true"; or one of
// invalid_idempotency_key, invalid_request (400), unknown_region (404),
// request_in_progress (409), idempotency_key_reused (422), internal_error (500).
ApiResponse HandleSubmit(const CitizenDirectory& directory, SubmissionStore& store,
                         const std::string& region,
                         const std::vector<std::string>& idempotency_keys, const std::string& body,
                         Clock::time_point now);

// {"submissions":[...]} in arrival order, for tests and operators.
ApiResponse HandleListSubmissions(SubmissionStore& store, const SubmissionFilter& filter);

}  // namespace kiosk::central
