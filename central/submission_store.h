#pragma once

// Durable storage of submissions and of the idempotency keys that guard
// them, in SQLite (WAL, synchronous=FULL) behind one mutex-guarded
// connection. Handlers run on httplib's thread pool, and SQLite wants a
// single writer anyway.
//
// A submission takes two short transactions, never one held across the
// work in between: ClaimKey() writes an in-progress marker, Complete()
// stores the submission and its response in place of the marker (or
// ReleaseKey() removes the marker when the work failed).

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "central/sqlite_db.h"
#include "common/error.h"

namespace kiosk::central {

// A response stored under its key, replayed byte for byte on a retry.
struct StoredResponse {
  int status = 0;
  std::string body;
};

enum class ClaimOutcome {
  kClaimed,     // The key is new; the caller now owns it and must Complete or Release it.
  kInProgress,  // Another request holds the key and has not finished.
  kKeyReused,   // The key was used for a different request body.
  kReplay,      // Same key, same body, already done: answer `replay`.
};

struct Claim {
  ClaimOutcome outcome = ClaimOutcome::kClaimed;
  StoredResponse replay;  // Set for kReplay only.
};

struct NewSubmission {
  std::string region;
  std::string kind;
  std::string item_id;
  std::string kiosk_id;
  std::string idempotency_key;
  std::string payload_json;  // Canonical JSON text of the payload object.
  std::chrono::system_clock::time_point received_at;
};

// What the store assigned, for the caller to render the response from.
struct Receipt {
  std::string tracking_number;
  std::string received_at;  // ISO 8601 UTC.
};

struct SubmissionRow {
  std::string tracking_number;
  std::string region;
  std::string kind;
  std::string item_id;
  std::string kiosk_id;
  std::string idempotency_key;
  std::string received_at;
  std::string payload_json;
};

struct SubmissionFilter {
  std::optional<std::string> region;
  std::optional<std::string> kind;
};

class SubmissionStore {
 public:
  using ResponseRenderer = std::function<StoredResponse(const Receipt&)>;

  // Opens (creating if needed) the database at `path`, or ":memory:".
  static Result<std::unique_ptr<SubmissionStore>> Open(const std::string& path);

  // Looks up (region, key) and, if it is new, claims it with an in-progress
  // marker in the same transaction.
  Result<Claim> ClaimKey(const std::string& region, const std::string& key,
                         const std::string& request_sha256);

  // Assigns a tracking number, stores the submission and the rendered
  // response under the claimed key, all in one transaction.
  Result<StoredResponse> Complete(const NewSubmission& submission, const ResponseRenderer& render);

  // Gives up a claimed key whose work failed, so a retry can start over.
  Result<void> ReleaseKey(const std::string& region, const std::string& key);

  // Submissions in arrival order.
  Result<std::vector<SubmissionRow>> List(const SubmissionFilter& filter);

 private:
  explicit SubmissionStore(SqliteDb db) : db_(std::move(db)) {}

  std::mutex mutex_;
  SqliteDb db_;
};

}  // namespace kiosk::central
