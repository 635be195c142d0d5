#include "offline_cache/outbox.h"

#include <sqlite3.h>

#include <chrono>
#include <tuple>
#include <utility>

#include "common/log.h"
#include "common/secure_wipe.h"
#include "offline_cache/sqlite_statement.h"

namespace kiosk::cache {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  region TEXT NOT NULL,
  kind TEXT NOT NULL,
  item_id TEXT NOT NULL,
  body BLOB NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'delivered', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  created_unix_ms INTEGER NOT NULL,
  next_attempt_unix_ms INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  tracking_number TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (state, region, next_attempt_unix_ms, id);
)sql";

constexpr const char* kSelectColumns =
    "SELECT id, idempotency_key, region, kind, item_id, body, state, attempts, created_unix_ms, "
    "next_attempt_unix_ms, last_error, tracking_number, body_sealed FROM outbox ";

OutboxState StateFromText(const std::string& text) {
  if (text == "in_flight") return OutboxState::kInFlight;
  if (text == "delivered") return OutboxState::kDelivered;
  if (text == "dead") return OutboxState::kDead;
  return OutboxState::kPending;
}

std::int64_t SystemUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Columns added after the first release, each with its default.
constexpr std::pair<const char*, const char*> kAddedColumns[] = {
    {"delivered_unix_ms", "INTEGER NOT NULL DEFAULT 0"},
    {"body_sealed", "INTEGER NOT NULL DEFAULT 0"},
};

// Delivery bookkeeping (claims, outcomes) is committed without its own
// fsync: WAL with synchronous=NORMAL keeps the database consistent, and the
// next FULL commit (the next enqueue) syncs these frames too. Losing one
// on power loss only sends a row again, which the server's idempotency
// absorbs — while an fsync per claim and per outcome would cap the drain
// of a backlog at the disk's sync rate. Enqueue stays FULL: that is the
// promise made to the citizen.
class RelaxedSync {
 public:
  explicit RelaxedSync(sqlite3* db) : db_(db) {
    sqlite3_exec(db_, "PRAGMA synchronous=NORMAL;", nullptr, nullptr, nullptr);
  }
  ~RelaxedSync() { sqlite3_exec(db_, "PRAGMA synchronous=FULL;", nullptr, nullptr, nullptr); }
  RelaxedSync(const RelaxedSync&) = delete;
  RelaxedSync& operator=(const RelaxedSync&) = delete;

 private:
  sqlite3* db_;
};

}  // namespace

const char* ToString(OutboxState state) {
  switch (state) {
    case OutboxState::kPending: return "pending";
    case OutboxState::kInFlight: return "in_flight";
    case OutboxState::kDelivered: return "delivered";
    case OutboxState::kDead: return "dead";
  }
  return "pending";
}

Result<std::unique_ptr<Outbox>> Outbox::Open(const std::string& path, OutboxOptions options) {
  auto opened = OpenDatabase(path, "outbox");
  if (!opened) return std::unexpected(opened.error());
  sqlite3* db = *opened;
  const bool sealed = options.key.has_value();
  std::unique_ptr<Outbox> outbox(new Outbox(db, std::move(options)));
  // secure_delete: a delivered row's deleted body is overwritten, not left
  // in free pages for anyone who copies the file.
  for (const char* pragma : {"PRAGMA journal_mode=WAL;", "PRAGMA synchronous=FULL;",
                             "PRAGMA foreign_keys=ON;", "PRAGMA secure_delete=ON;"}) {
    if (auto ok = outbox->Execute(pragma); !ok) return std::unexpected(ok.error());
  }
  if (auto ok = outbox->Execute(kSchema); !ok) return std::unexpected(ok.error());
  for (const auto& [column, type] : kAddedColumns) {
    auto present = Statement::Prepare(
        db, std::string("SELECT COUNT(*) FROM pragma_table_info('outbox') WHERE name = '") +
                column + "'");
    if (!present) return std::unexpected(present.error());
    if (auto row = present->Step(); !row) return std::unexpected(row.error());
    if (present->Int(0) == 0) {
      const std::string alter =
          std::string("ALTER TABLE outbox ADD COLUMN ") + column + " " + type + ";";
      if (auto ok = outbox->Execute(alter.c_str()); !ok) return std::unexpected(ok.error());
    }
  }
  if (auto ok = outbox->Execute("UPDATE outbox SET state = 'pending' WHERE state = 'in_flight';");
      !ok) {
    return std::unexpected(ok.error());
  }
  if (sealed) {
    if (auto ok = outbox->SealPlainBodies(); !ok) return std::unexpected(ok.error());
  } else {
    log::Warning("outbox",
                 "{}: no key: citizens' data is stored unencrypted (tests and tools only)", path);
  }
  return outbox;
}

Result<std::unique_ptr<Outbox>> Outbox::OpenSealed(const std::string& path,
                                                   const std::string& key_path,
                                                   KeyCreation key_creation,
                                                   OutboxOptions options) {
  auto key = SealingKey::FromFile(key_path, key_creation == KeyCreation::kCreateIfMissing);
  if (!key) {
    Error error = key.error();
    error.detail = "outbox key: " + error.detail;
    return std::unexpected(error);
  }
  options.key = std::move(*key);
  return Open(path, std::move(options));
}

Outbox::Outbox(sqlite3* db, OutboxOptions options) : db_(db), options_(std::move(options)) {}

Outbox::~Outbox() { sqlite3_close(db_); }

Result<OutboxEntry> Outbox::ReadEntry(const Statement& row) const {
  OutboxEntry entry;
  entry.id = row.Int(0);
  entry.idempotency_key = row.Text(1);
  entry.region = row.Text(2);
  entry.kind = row.Text(3);
  entry.item_id = row.Text(4);
  entry.body_json = row.Text(5);
  entry.state = StateFromText(row.Text(6));
  entry.attempts = static_cast<int>(row.Int(7));
  entry.created_unix_ms = row.Int(8);
  entry.next_attempt_unix_ms = row.Int(9);
  entry.last_error = row.Text(10);
  entry.tracking_number = row.Text(11);
  if (row.Int(12) != 0) {
    if (!options_.key) {
      return Fail(ErrorCode::kInvalidData, "outbox row " + std::to_string(entry.id) +
                                               " is sealed and this outbox was opened without "
                                               "its key");
    }
    auto body = Unseal(*options_.key, entry.body_json, entry.idempotency_key);
    if (!body) {
      return Fail(ErrorCode::kInvalidData, "outbox row " + std::to_string(entry.id) +
                                               " does not open: " + body.error().detail);
    }
    entry.body_json = std::move(*body);
  }
  return entry;
}

Result<void> Outbox::SealPlainBodies() {
  std::lock_guard lock(mutex_);
  auto select = Statement::Prepare(
      db_,
      "SELECT id, idempotency_key, body FROM outbox WHERE body_sealed = 0 AND length(body) > 0");
  if (!select) return std::unexpected(select.error());
  std::vector<std::tuple<std::int64_t, std::string, std::string>> plain;
  while (true) {
    auto has_row = select->Step();
    if (!has_row) return std::unexpected(has_row.error());
    if (!*has_row) break;
    plain.emplace_back(select->Int(0), select->Text(1), select->Text(2));
  }
  if (plain.empty()) return {};
  if (auto ok = Execute("BEGIN IMMEDIATE;"); !ok) return ok;
  for (auto& [id, key, body] : plain) {
    auto sealed = Seal(*options_.key, body, key);
    SecureWipe(body);
    if (!sealed) {
      (void)Execute("ROLLBACK;");
      return std::unexpected(sealed.error());
    }
    auto update =
        Statement::Prepare(db_, "UPDATE outbox SET body = ?2, body_sealed = 1 WHERE id = ?1");
    if (!update) {
      (void)Execute("ROLLBACK;");
      return std::unexpected(update.error());
    }
    update->Bind(1, id).BindBlob(2, *sealed);
    if (auto done = update->Step(); !done) {
      (void)Execute("ROLLBACK;");
      return std::unexpected(done.error());
    }
  }
  if (auto ok = Execute("COMMIT;"); !ok) return ok;
  log::Info("outbox", "sealed {} bodies stored in plain text by an older version", plain.size());
  return {};
}

Result<void> Outbox::Execute(const char* sql) const { return ExecuteSql(db_, sql, "outbox"); }

Result<std::int64_t> Outbox::Enqueue(const NewSubmission& submission, std::int64_t now_unix_ms) {
  std::string body = submission.body_json;
  bool sealed = false;
  if (options_.key) {
    auto sealed_body = Seal(*options_.key, submission.body_json, submission.idempotency_key);
    if (!sealed_body) return std::unexpected(sealed_body.error());
    body = std::move(*sealed_body);
    sealed = true;
  }
  std::lock_guard lock(mutex_);
  auto used = Statement::Prepare(
      db_,
      "SELECT COUNT(*), COALESCE(SUM(length(body)), 0) FROM outbox WHERE state != 'delivered'");
  if (!used) return std::unexpected(used.error());
  if (auto row = used->Step(); !row) return std::unexpected(row.error());
  const std::int64_t rows = used->Int(0);
  const std::int64_t bytes = used->Int(1);
  if (rows >= options_.max_rows ||
      bytes + static_cast<std::int64_t>(body.size()) > options_.max_bytes) {
    return std::unexpected(Error(
        ErrorCode::kCapacity,
        "outbox full: " + std::to_string(rows) + " undelivered rows (bound " +
            std::to_string(options_.max_rows) + "), " + std::to_string(bytes) + " bytes (bound " +
            std::to_string(options_.max_bytes) + "); nothing was dropped, new submissions wait",
        "outbox_full"));
  }
  auto insert = Statement::Prepare(
      db_,
      "INSERT INTO outbox (idempotency_key, region, kind, item_id, body, state, created_unix_ms, "
      "next_attempt_unix_ms, body_sealed) VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?6, ?7)");
  if (!insert) return std::unexpected(insert.error());
  insert->Bind(1, submission.idempotency_key)
      .Bind(2, submission.region)
      .Bind(3, submission.kind)
      .Bind(4, submission.item_id)
      .BindBlob(5, body)
      .Bind(6, now_unix_ms)
      .Bind(7, std::int64_t{sealed ? 1 : 0});
  if (auto done = insert->Step(); !done) return std::unexpected(done.error());
  return sqlite3_last_insert_rowid(db_);
}

Result<OutboxCapacity> Outbox::Capacity() const {
  std::lock_guard lock(mutex_);
  auto used = Statement::Prepare(
      db_,
      "SELECT COUNT(*), COALESCE(SUM(length(body)), 0) FROM outbox WHERE state != 'delivered'");
  if (!used) return std::unexpected(used.error());
  if (auto row = used->Step(); !row) return std::unexpected(row.error());
  return OutboxCapacity{static_cast<int>(used->Int(0)), used->Int(1), options_.max_rows,
                        options_.max_bytes};
}

void Outbox::SetLimits(int max_rows, std::int64_t max_bytes, std::chrono::milliseconds retention) {
  std::lock_guard lock(mutex_);
  options_.max_rows = max_rows;
  options_.max_bytes = max_bytes;
  options_.retention = retention;
}

Result<int> Outbox::PurgeDelivered(std::int64_t now_unix_ms) {
  std::lock_guard lock(mutex_);
  auto purge = Statement::Prepare(
      db_, "DELETE FROM outbox WHERE state = 'delivered' AND delivered_unix_ms <= ?1");
  if (!purge) return std::unexpected(purge.error());
  purge->Bind(1, now_unix_ms - static_cast<std::int64_t>(options_.retention.count()));
  if (auto done = purge->Step(); !done) return std::unexpected(done.error());
  return sqlite3_changes(db_);
}

Result<std::optional<OutboxEntry>> Outbox::ClaimSelected(Statement& select) {
  auto has_row = select.Step();
  if (!has_row) return std::unexpected(has_row.error());
  if (!*has_row) return std::optional<OutboxEntry>();
  auto read = ReadEntry(select);
  if (!read) return std::unexpected(read.error());
  OutboxEntry entry = std::move(*read);
  auto claim = Statement::Prepare(
      db_, "UPDATE outbox SET state = 'in_flight', attempts = attempts + 1 WHERE id = ?1");
  if (!claim) return std::unexpected(claim.error());
  claim->Bind(1, entry.id);
  if (auto done = claim->Step(); !done) return std::unexpected(done.error());
  entry.state = OutboxState::kInFlight;
  entry.attempts += 1;
  return std::optional<OutboxEntry>(std::move(entry));
}

Result<std::optional<OutboxEntry>> Outbox::ClaimNextDue(const std::string& region,
                                                        std::int64_t now_unix_ms) {
  std::lock_guard lock(mutex_);
  RelaxedSync relaxed(db_);
  auto select = Statement::Prepare(
      db_,
      std::string(kSelectColumns) +
          "WHERE state = 'pending' AND next_attempt_unix_ms <= ?1 AND (?2 = '' OR region = ?2) "
          "ORDER BY id LIMIT 1");
  if (!select) return std::unexpected(select.error());
  select->Bind(1, now_unix_ms).Bind(2, region);
  return ClaimSelected(*select);
}

Result<std::optional<OutboxEntry>> Outbox::ClaimById(std::int64_t id) {
  std::lock_guard lock(mutex_);
  RelaxedSync relaxed(db_);
  auto select = Statement::Prepare(
      db_, std::string(kSelectColumns) +
               "WHERE id = ?1 AND state = 'pending' AND NOT EXISTS (SELECT 1 FROM outbox AS "
               "older WHERE older.region = outbox.region AND older.id < outbox.id AND "
               "older.state IN ('pending', 'in_flight'))");
  if (!select) return std::unexpected(select.error());
  select->Bind(1, id);
  return ClaimSelected(*select);
}

Result<void> Outbox::MarkDelivered(std::int64_t id, const std::string& tracking_number,
                                   std::int64_t now_unix_ms) {
  std::lock_guard lock(mutex_);
  RelaxedSync relaxed(db_);
  auto update = Statement::Prepare(
      db_,
      "UPDATE outbox SET state = 'delivered', tracking_number = ?2, last_error = '', "
      "delivered_unix_ms = ?3 WHERE id = ?1");
  if (!update) return std::unexpected(update.error());
  update->Bind(1, id)
      .Bind(2, tracking_number)
      .Bind(3, now_unix_ms != 0 ? now_unix_ms : SystemUnixMs());
  if (auto done = update->Step(); !done) return std::unexpected(done.error());
  return {};
}

Result<void> Outbox::MarkRetry(std::int64_t id, const std::string& error,
                               std::int64_t next_attempt_unix_ms) {
  std::lock_guard lock(mutex_);
  RelaxedSync relaxed(db_);
  auto update = Statement::Prepare(
      db_,
      "UPDATE outbox SET state = 'pending', last_error = ?2, next_attempt_unix_ms = ?3 "
      "WHERE id = ?1");
  if (!update) return std::unexpected(update.error());
  update->Bind(1, id).Bind(2, error).Bind(3, next_attempt_unix_ms);
  if (auto done = update->Step(); !done) return std::unexpected(done.error());
  return {};
}

Result<void> Outbox::MarkDead(std::int64_t id, const std::string& error) {
  std::lock_guard lock(mutex_);
  RelaxedSync relaxed(db_);
  auto update =
      Statement::Prepare(db_, "UPDATE outbox SET state = 'dead', last_error = ?2 WHERE id = ?1");
  if (!update) return std::unexpected(update.error());
  update->Bind(1, id).Bind(2, error);
  if (auto done = update->Step(); !done) return std::unexpected(done.error());
  return {};
}

Result<std::vector<OutboxEntry>> Outbox::List(std::optional<OutboxState> state) const {
  std::lock_guard lock(mutex_);
  auto select = Statement::Prepare(
      db_, std::string(kSelectColumns) + "WHERE (?1 = '' OR state = ?1) ORDER BY id");
  if (!select) return std::unexpected(select.error());
  select->Bind(1, state ? std::string(ToString(*state)) : std::string());
  std::vector<OutboxEntry> entries;
  while (true) {
    auto has_row = select->Step();
    if (!has_row) return std::unexpected(has_row.error());
    if (!*has_row) break;
    auto entry = ReadEntry(*select);
    if (!entry) return std::unexpected(entry.error());
    entries.push_back(std::move(*entry));
  }
  return entries;
}

Result<OutboxCounts> Outbox::Counts() const {
  std::lock_guard lock(mutex_);
  auto select = Statement::Prepare(db_, "SELECT state, COUNT(*) FROM outbox GROUP BY state");
  if (!select) return std::unexpected(select.error());
  OutboxCounts counts;
  while (true) {
    auto has_row = select->Step();
    if (!has_row) return std::unexpected(has_row.error());
    if (!*has_row) break;
    int count = static_cast<int>(select->Int(1));
    switch (StateFromText(select->Text(0))) {
      case OutboxState::kPending: counts.pending = count; break;
      case OutboxState::kInFlight: counts.in_flight = count; break;
      case OutboxState::kDelivered: counts.delivered = count; break;
      case OutboxState::kDead: counts.dead = count; break;
    }
  }
  return counts;
}

Result<std::vector<std::string>> Outbox::RegionsWithPending() const {
  std::lock_guard lock(mutex_);
  auto select = Statement::Prepare(
      db_, "SELECT DISTINCT region FROM outbox WHERE state = 'pending' ORDER BY region");
  if (!select) return std::unexpected(select.error());
  std::vector<std::string> regions;
  while (true) {
    auto has_row = select->Step();
    if (!has_row) return std::unexpected(has_row.error());
    if (!*has_row) break;
    regions.push_back(select->Text(0));
  }
  return regions;
}

Result<std::optional<std::int64_t>> Outbox::OldestWaitingCreatedUnixMs() const {
  std::lock_guard lock(mutex_);
  auto select = Statement::Prepare(db_,
                                   "SELECT COUNT(*), COALESCE(MIN(created_unix_ms), 0) FROM outbox "
                                   "WHERE state IN ('pending', 'in_flight')");
  if (!select) return std::unexpected(select.error());
  if (auto row = select->Step(); !row) return std::unexpected(row.error());
  if (select->Int(0) == 0) return std::nullopt;
  return select->Int(1);
}

Result<void> Outbox::Requeue(std::int64_t id, std::int64_t now_unix_ms) {
  std::lock_guard lock(mutex_);
  // One statement, so a row cannot change state between the check and the
  // update (the delivery worker may run in another process).
  auto update = Statement::Prepare(db_,
                                   "UPDATE outbox SET state = 'pending', next_attempt_unix_ms = ?2 "
                                   "WHERE id = ?1 AND state = 'dead'");
  if (!update) return std::unexpected(update.error());
  update->Bind(1, id).Bind(2, now_unix_ms);
  if (auto done = update->Step(); !done) return std::unexpected(done.error());
  if (sqlite3_changes(db_) == 1) return {};
  return NotDead(id, "requeued");
}

Result<void> Outbox::Discard(std::int64_t id) {
  std::lock_guard lock(mutex_);
  auto remove = Statement::Prepare(db_, "DELETE FROM outbox WHERE id = ?1 AND state = 'dead'");
  if (!remove) return std::unexpected(remove.error());
  remove->Bind(1, id);
  if (auto done = remove->Step(); !done) return std::unexpected(done.error());
  if (sqlite3_changes(db_) == 1) return {};
  return NotDead(id, "discarded");
}

Result<void> Outbox::NotDead(std::int64_t id, const char* action) const {
  auto select = Statement::Prepare(db_, "SELECT state FROM outbox WHERE id = ?1");
  if (!select) return std::unexpected(select.error());
  select->Bind(1, id);
  auto has_row = select->Step();
  if (!has_row) return std::unexpected(has_row.error());
  if (!*has_row)
    return Fail(ErrorCode::kNotFound, "outbox row " + std::to_string(id) + " does not exist");
  return Fail(ErrorCode::kSequence, "outbox row " + std::to_string(id) + " is " +
                                        ToString(StateFromText(select->Text(0))) +
                                        ", not dead: only a dead letter can be " + action);
}

}  // namespace kiosk::cache
