#pragma once

// The outbox: every submission a citizen confirms is written here, durably,
// before the kiosk tells them it was accepted; a delivery worker later sends
// it to the region's central service exactly once (the idempotency key is
// chosen at enqueue time and reused for every attempt).
//
// One SQLite connection, one writer (guarded by a mutex), WAL journal with
// synchronous=FULL: SQLite documents that in WAL mode NORMAL may roll back
// the last commits on power loss, which would lose an "accepted"
// submission; FULL syncs the WAL on every commit. No transaction is held
// across a network call: callers claim a row, send, then record the outcome.

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"

struct sqlite3;

namespace kiosk::cache {

enum class OutboxState { kPending, kInFlight, kDelivered, kDead };
const char* ToString(OutboxState state);

struct NewSubmission {
  std::string idempotency_key;
  std::string region;
  std::string kind;
  std::string item_id;
  std::string body_json;
};

struct OutboxEntry {
  std::int64_t id = 0;
  std::string idempotency_key;
  std::string region;
  std::string kind;
  std::string item_id;
  std::string body_json;
  OutboxState state = OutboxState::kPending;
  int attempts = 0;
  std::int64_t created_unix_ms = 0;
  std::int64_t next_attempt_unix_ms = 0;
  std::string last_error;
  std::string tracking_number;
};

struct OutboxCounts {
  int pending = 0;
  int in_flight = 0;
  int delivered = 0;
  int dead = 0;
};

class Outbox {
 public:
  // Opens or creates the store. Rows left "in flight" by a crash go back to
  // pending: the server's idempotency makes the resend safe.
  static Result<std::unique_ptr<Outbox>> Open(const std::string& path);
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  // Durable when it returns (the commit is fsync'd).
  Result<std::int64_t> Enqueue(const NewSubmission& submission, std::int64_t now_unix_ms);

  // Claims the oldest due pending row of `region` (any region when empty)
  // by marking it in flight; nullopt when nothing is due.
  Result<std::optional<OutboxEntry>> ClaimNextDue(const std::string& region,
                                                  std::int64_t now_unix_ms);

  // Claims row `id` if it is pending and nothing older of its region is
  // still waiting (so a region's rows still go in order); nullopt when it
  // cannot be claimed now. For delivering a just-confirmed submission at
  // once while the citizen waits.
  Result<std::optional<OutboxEntry>> ClaimById(std::int64_t id);

  Result<void> MarkDelivered(std::int64_t id, const std::string& tracking_number);
  Result<void> MarkRetry(std::int64_t id, const std::string& error,
                         std::int64_t next_attempt_unix_ms);
  Result<void> MarkDead(std::int64_t id, const std::string& error);

  Result<std::vector<OutboxEntry>> List(std::optional<OutboxState> state) const;
  Result<OutboxCounts> Counts() const;
  // The regions that have rows waiting, for per-region delivery.
  Result<std::vector<std::string>> RegionsWithPending() const;

  // Gives a dead letter another chance (admin mode, `kioskctl queue retry`):
  // back to pending, due at `now_unix_ms`, its attempts and last error
  // kept. kNotFound when there is no such row, kSequence when the row is
  // not dead (its state is named in the error).
  Result<void> Requeue(std::int64_t id, std::int64_t now_unix_ms);

 private:
  explicit Outbox(sqlite3* db);
  Result<void> Execute(const char* sql) const;

  mutable std::mutex mutex_;
  sqlite3* db_;
};

}  // namespace kiosk::cache
