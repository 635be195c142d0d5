#pragma once

// The outbox: every submission a citizen confirms is written here, durably,
// before the kiosk tells them it was accepted; a delivery worker later sends
// it to the region's central service exactly once (the idempotency key is
// chosen at enqueue time and reused for every attempt).
//
// One SQLite connection, one writer (guarded by a mutex), WAL journal with
// synchronous=FULL: SQLite documents that in WAL mode NORMAL may roll back
// the last commits on power loss, which would lose an "accepted"
// submission; FULL syncs the WAL on every commit. Delivery bookkeeping
// (claims and outcomes) commits with NORMAL: losing it only resends a row,
// which the server's idempotency absorbs (outbox.cc, RelaxedSync). No transaction is held
// across a network call: callers claim a row, send, then record the outcome.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "offline_cache/sealed_box.h"

struct sqlite3;

namespace kiosk::cache {

class Statement;

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

struct OutboxOptions {
  // Seals each body (the citizen's data) with AES-256-GCM. Without a key
  // bodies are stored in plain text: for tests and tools only, and logged.
  std::optional<SealingKey> key;
  // Undelivered rows (pending, in flight, dead) and their bodies' bytes:
  // at the bound, Enqueue refuses (kCapacity) rather than drop anything.
  int max_rows = 20'000;
  std::int64_t max_bytes = std::int64_t{256} * 1024 * 1024;
  // Delivered rows are deleted this long after delivery (their tracking
  // numbers answer "did it arrive?" until then).
  std::chrono::milliseconds retention = std::chrono::hours(24 * 7);
};

// How full the store is, for the guide, admin mode and the fleet status.
struct OutboxCapacity {
  int rows = 0;  // Undelivered.
  std::int64_t bytes = 0;
  int max_rows = 0;
  std::int64_t max_bytes = 0;
  bool Full() const { return rows >= max_rows || bytes >= max_bytes; }
  // From 90 %: staff should look before citizens are turned away.
  bool NearFull() const { return rows * 10 >= max_rows * 9 || bytes * 10 >= max_bytes * 9; }
};

class Outbox {
 public:
  // Opens or creates the store. Rows left "in flight" by a crash go back to
  // pending: the server's idempotency makes the resend safe.
  // With a key, bodies left in plain text by an older store are sealed now.
  static Result<std::unique_ptr<Outbox>> Open(const std::string& path, OutboxOptions options = {});
  // Open with the key read from `key_path` (made there first when asked:
  // the kiosk on its first start; never a tool, whose new key would not
  // open the rows the kiosk sealed).
  enum class KeyCreation { kCreateIfMissing, kMustExist };
  static Result<std::unique_ptr<Outbox>> OpenSealed(const std::string& path,
                                                    const std::string& key_path,
                                                    KeyCreation key_creation,
                                                    OutboxOptions options = {});
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  // Durable when it returns (the commit is fsync'd). kCapacity (reason
  // "outbox_full") when the store is at its bound.
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

  // `now_unix_ms` 0: the system clock. Retention counts from then.
  Result<void> MarkDelivered(std::int64_t id, const std::string& tracking_number,
                             std::int64_t now_unix_ms = 0);
  // Deletes delivered rows past the retention; returns how many.
  Result<int> PurgeDelivered(std::int64_t now_unix_ms);
  Result<OutboxCapacity> Capacity() const;
  // New bounds and retention (a configuration from headquarters). Lowering
  // a bound below what is stored drops nothing: new submissions wait.
  void SetLimits(int max_rows, std::int64_t max_bytes, std::chrono::milliseconds retention);
  Result<void> MarkRetry(std::int64_t id, const std::string& error,
                         std::int64_t next_attempt_unix_ms);
  Result<void> MarkDead(std::int64_t id, const std::string& error);

  Result<std::vector<OutboxEntry>> List(std::optional<OutboxState> state) const;
  Result<OutboxCounts> Counts() const;
  // The regions that have rows waiting, for per-region delivery.
  Result<std::vector<std::string>> RegionsWithPending() const;
  // When the oldest row still waiting for delivery (pending or in flight)
  // was enqueued; nullopt when none waits. For the fleet status: a backlog
  // that does not drain shows as an age growing heartbeat by heartbeat.
  Result<std::optional<std::int64_t>> OldestWaitingCreatedUnixMs() const;

  // Gives a dead letter another chance (admin mode, `kioskctl queue retry`):
  // back to pending, due at `now_unix_ms`, its attempts and last error
  // kept. kNotFound when there is no such row, kSequence when the row is
  // not dead (its state is named in the error).
  Result<void> Requeue(std::int64_t id, std::int64_t now_unix_ms);
  // Deletes a dead letter for good (admin mode, an administrator, audited
  // with the reason there). Same errors as Requeue.
  Result<void> Discard(std::int64_t id);

 private:
  Outbox(sqlite3* db, OutboxOptions options);
  Result<OutboxEntry> ReadEntry(const Statement& row) const;
  // Why a row could not be requeued or discarded: missing, or not dead.
  Result<void> NotDead(std::int64_t id, const char* action) const;
  Result<void> SealPlainBodies();
  // Steps `select` (the row to claim, or none) and marks the row in flight.
  Result<std::optional<OutboxEntry>> ClaimSelected(Statement& select);
  Result<void> Execute(const char* sql) const;

  mutable std::mutex mutex_;
  sqlite3* db_;
  OutboxOptions options_;  // The bounds change under mutex_ (SetLimits).
};

}  // namespace kiosk::cache
