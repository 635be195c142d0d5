#include "central/submissions_api.h"

#include <fmt/format.h>

#include <optional>

#include "central/sha256.h"
#include "common/log.h"

namespace kiosk::central {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxKeyLength = 128;
constexpr std::size_t kMaxIdLength = 128;
constexpr std::size_t kMaxKindLength = 64;

bool IsPrintableAscii(const std::string& text) {
  for (char c : text) {
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

bool IsSnakeCase(const std::string& text) {
  if (text.empty() || text.size() > kMaxKindLength || text[0] < 'a' || text[0] > 'z') return false;
  for (char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::optional<std::string> BoundedString(const json& request, const char* key) {
  auto found = request.find(key);
  if (found == request.end() || !found->is_string()) return std::nullopt;
  const auto& text = found->get_ref<const std::string&>();
  if (text.empty() || text.size() > kMaxIdLength) return std::nullopt;
  return text;
}

// Checks the body and fills everything of `submission` that comes from it;
// returns the error to answer otherwise.
std::optional<ApiResponse> ReadBody(const json& request, NewSubmission& submission) {
  if (!request.is_object()) {
    return ErrorResponse(400, "invalid_request", "the body is not a JSON object");
  }
  auto kind = request.find("kind");
  if (kind == request.end() || !kind->is_string() || !IsSnakeCase(kind->get<std::string>())) {
    return ErrorResponse(400, "invalid_request",
                         "\"kind\" must be a snake_case string of at most 64 characters");
  }
  auto item_id = BoundedString(request, "item_id");
  auto kiosk_id = BoundedString(request, "kiosk_id");
  if (!item_id || !kiosk_id) {
    return ErrorResponse(400, "invalid_request",
                         "\"item_id\" and \"kiosk_id\" must be strings of 1 to 128 characters");
  }
  auto payload = request.find("payload");
  if (payload == request.end() || !payload->is_object()) {
    return ErrorResponse(400, "invalid_request", "\"payload\" must be an object");
  }
  submission.kind = kind->get<std::string>();
  submission.item_id = std::move(*item_id);
  submission.kiosk_id = std::move(*kiosk_id);
  submission.payload_json = payload->dump();
  return std::nullopt;
}

ApiResponse StorageFailure(const Error& error) {
  log::Error("central", "submission storage failed: {}", error.Describe());
  return ErrorResponse(500, "internal_error", "the submission could not be stored; retry later");
}

}  // namespace

ApiResponse HandleSubmit(const CitizenDirectory& directory, SubmissionStore& store,
                         const std::string& region,
                         const std::vector<std::string>& idempotency_keys, const std::string& body,
                         Clock::time_point now) {
  if (!directory.RegionName(region)) {
    return ErrorResponse(404, "unknown_region", fmt::format("no region {} here", region));
  }
  if (idempotency_keys.size() != 1 || idempotency_keys[0].empty() ||
      idempotency_keys[0].size() > kMaxKeyLength || !IsPrintableAscii(idempotency_keys[0])) {
    return ErrorResponse(400, "invalid_idempotency_key",
                         "exactly one Idempotency-Key header of 1 to 128 printable ASCII "
                         "characters is required");
  }
  NewSubmission submission;
  submission.region = region;
  submission.idempotency_key = idempotency_keys[0];
  submission.received_at = now;

  const json request = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (request.is_discarded()) return ErrorResponse(400, "invalid_request", "the body is not JSON");
  if (auto error = ReadBody(request, submission)) return std::move(*error);

  // nlohmann's default object keeps keys sorted, so dump() is canonical:
  // the same document hashes the same whatever its key order or spacing.
  auto fingerprint = Sha256Hex(request.dump());
  if (!fingerprint) return StorageFailure(fingerprint.error());
  auto claim = store.ClaimKey(region, submission.idempotency_key, *fingerprint);
  if (!claim) return StorageFailure(claim.error());

  switch (claim->outcome) {
    case ClaimOutcome::kReplay: {
      ApiResponse replay{claim->replay.status, std::move(claim->replay.body), {}};
      replay.headers.emplace_back("Idempotent-Replayed", "true");
      return replay;
    }
    case ClaimOutcome::kInProgress: {
      ApiResponse busy = ErrorResponse(409, "request_in_progress",
                                       "a request with this Idempotency-Key is still being "
                                       "processed; retry later");
      busy.headers.emplace_back("Retry-After", "1");
      return busy;
    }
    case ClaimOutcome::kKeyReused:
      return ErrorResponse(422, "idempotency_key_reused",
                           "this Idempotency-Key was used for a different request body");
    case ClaimOutcome::kClaimed: break;
  }

  auto stored = store.Complete(submission, [](const Receipt& receipt) {
    const json accepted = {{"tracking_number", receipt.tracking_number},
                           {"received_at", receipt.received_at},
                           {"status", "accepted"}};
    return StoredResponse{201, DumpJson(accepted)};
  });
  if (!stored) {
    // Free the key so the kiosk's retry can be processed afresh.
    if (auto released = store.ReleaseKey(region, submission.idempotency_key); !released) {
      log::Error("central", "cannot release idempotency key: {}", released.error().Describe());
    }
    return StorageFailure(stored.error());
  }
  return ApiResponse{stored->status, std::move(stored->body), {}};
}

ApiResponse HandleListSubmissions(SubmissionStore& store, const SubmissionFilter& filter) {
  auto rows = store.List(filter);
  if (!rows) return StorageFailure(rows.error());
  json list = json::array();
  for (const SubmissionRow& row : *rows) {
    json payload = json::parse(row.payload_json, nullptr, /*allow_exceptions=*/false);
    if (payload.is_discarded()) {
      return StorageFailure(Error(ErrorCode::kInvalidData,
                                  "stored payload of " + row.tracking_number + " is not JSON"));
    }
    list.push_back({{"tracking_number", row.tracking_number},
                    {"region", row.region},
                    {"kind", row.kind},
                    {"item_id", row.item_id},
                    {"kiosk_id", row.kiosk_id},
                    {"idempotency_key", row.idempotency_key},
                    {"received_at", row.received_at},
                    {"payload", std::move(payload)}});
  }
  return JsonResponse(200, {{"submissions", std::move(list)}});
}

}  // namespace kiosk::central
