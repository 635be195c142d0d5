#include "central/submission_store.h"

#include <fmt/format.h>

#include "central/time_format.h"

namespace kiosk::central {
namespace {

// Keys are kept forever: a kiosk may retry after an outage of days, and a
// reference service never holds enough of them to need expiry.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS idempotency_keys (
  region TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  request_sha256 TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('in_progress', 'done')),
  response_status INTEGER,
  response_body TEXT,
  PRIMARY KEY (region, idempotency_key)
);
CREATE TABLE IF NOT EXISTS submissions (
  arrival INTEGER PRIMARY KEY AUTOINCREMENT,
  tracking_number TEXT NOT NULL UNIQUE,
  region TEXT NOT NULL,
  beijing_day TEXT NOT NULL,
  day_sequence INTEGER NOT NULL,
  kind TEXT NOT NULL,
  item_id TEXT NOT NULL,
  kiosk_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  received_at TEXT NOT NULL,
  payload TEXT NOT NULL,
  UNIQUE (region, beijing_day, day_sequence),
  UNIQUE (region, idempotency_key)
);
)sql";

// Tracking numbers end in six digits counted per region and day.
constexpr std::int64_t kMaxDaySequence = 999999;

}  // namespace

Result<std::unique_ptr<SubmissionStore>> SubmissionStore::Open(const std::string& path) {
  auto db = SqliteDb::Open(path);
  if (!db) return Propagate(db);

  auto journal = db->Prepare("PRAGMA journal_mode=WAL");
  if (!journal) return Propagate(journal);
  auto row = journal->Step();
  if (!row) return Propagate(row);
  // An in-memory database answers "memory"; a file must really be in WAL.
  const std::string mode = *row ? journal->ColumnText(0) : "";
  if (path != ":memory:" && mode != "wal") {
    return Fail(ErrorCode::kIo,
                fmt::format("{}: SQLite refused WAL mode (got \"{}\")", path, mode));
  }
  // FULL: with NORMAL, a commit in WAL mode can roll back on power loss,
  // and an accepted submission must never be forgotten.
  for (const char* setup : {"PRAGMA synchronous=FULL", "PRAGMA busy_timeout=5000", kSchema}) {
    if (auto done = db->Exec(setup); !done) return Propagate(done);
  }
  // No request survives a restart, so markers left by a previous process
  // would only answer 409 forever.
  if (auto done = db->Exec("DELETE FROM idempotency_keys WHERE state = 'in_progress'"); !done) {
    return Propagate(done);
  }
  return std::unique_ptr<SubmissionStore>(new SubmissionStore(std::move(*db)));
}

Result<Claim> SubmissionStore::ClaimKey(const std::string& region, const std::string& key,
                                        const std::string& request_sha256) {
  std::lock_guard lock(mutex_);
  auto transaction = SqliteTransaction::Begin(db_);
  if (!transaction) return Propagate(transaction);

  auto select = db_.Prepare(
      "SELECT request_sha256, state, response_status, response_body FROM idempotency_keys "
      "WHERE region = ?1 AND idempotency_key = ?2");
  if (!select) return Propagate(select);
  if (auto b = select->BindTexts(1, {region, key}); !b) return Propagate(b);
  auto found = select->Step();
  if (!found) return Propagate(found);

  Claim claim;
  if (*found) {
    // A different body is a client bug whatever the state of the first
    // request, so it is checked before "in progress".
    if (select->ColumnText(0) != request_sha256) {
      claim.outcome = ClaimOutcome::kKeyReused;
    } else if (select->ColumnText(1) == "in_progress") {
      claim.outcome = ClaimOutcome::kInProgress;
    } else {
      claim.outcome = ClaimOutcome::kReplay;
      claim.replay.status = static_cast<int>(select->ColumnInt64(2));
      claim.replay.body = select->ColumnText(3);
    }
    return claim;  // Read only: the transaction rolls back on the way out.
  }

  auto insert = db_.Prepare(
      "INSERT INTO idempotency_keys (region, idempotency_key, request_sha256, state) "
      "VALUES (?1, ?2, ?3, 'in_progress')");
  if (!insert) return Propagate(insert);
  if (auto b = insert->BindTexts(1, {region, key, request_sha256}); !b) return Propagate(b);
  if (auto done = insert->Run(); !done) return Propagate(done);
  if (auto done = transaction->Commit(); !done) return Propagate(done);
  claim.outcome = ClaimOutcome::kClaimed;
  return claim;
}

Result<StoredResponse> SubmissionStore::Complete(const NewSubmission& submission,
                                                 const ResponseRenderer& render) {
  std::lock_guard lock(mutex_);
  auto transaction = SqliteTransaction::Begin(db_);
  if (!transaction) return Propagate(transaction);

  const std::string day = BeijingDayStamp(submission.received_at);
  auto last = db_.Prepare(
      "SELECT COALESCE(MAX(day_sequence), 0) FROM submissions "
      "WHERE region = ?1 AND beijing_day = ?2");
  if (!last) return Propagate(last);
  if (auto b = last->BindTexts(1, {submission.region, day}); !b) return Propagate(b);
  if (auto row = last->Step(); !row) return Propagate(row);
  const std::int64_t sequence = last->ColumnInt64(0) + 1;
  if (sequence > kMaxDaySequence) {
    return Fail(ErrorCode::kInternal, fmt::format("region {} has used all tracking numbers of {}",
                                                  submission.region, day));
  }

  Receipt receipt;
  receipt.tracking_number = fmt::format("{}-{}-{:06}", submission.region, day, sequence);
  receipt.received_at = IsoUtc(submission.received_at);
  StoredResponse response = render(receipt);

  auto insert = db_.Prepare(
      "INSERT INTO submissions (tracking_number, region, beijing_day, day_sequence, kind, "
      "item_id, kiosk_id, idempotency_key, received_at, payload) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!insert) return Propagate(insert);
  if (auto b = insert->BindTexts(1, {receipt.tracking_number, submission.region, day}); !b) {
    return Propagate(b);
  }
  if (auto b = insert->Bind(4, sequence); !b) return Propagate(b);
  if (auto b = insert->BindTexts(
          5, {submission.kind, submission.item_id, submission.kiosk_id, submission.idempotency_key,
              receipt.received_at, submission.payload_json});
      !b) {
    return Propagate(b);
  }
  if (auto done = insert->Run(); !done) return Propagate(done);

  auto finish = db_.Prepare(
      "UPDATE idempotency_keys SET state = 'done', response_status = ?1, response_body = ?2 "
      "WHERE region = ?3 AND idempotency_key = ?4 AND state = 'in_progress'");
  if (!finish) return Propagate(finish);
  if (auto b = finish->Bind(1, std::int64_t{response.status}); !b) return Propagate(b);
  if (auto b = finish->BindTexts(2, {response.body, submission.region, submission.idempotency_key});
      !b) {
    return Propagate(b);
  }
  if (auto done = finish->Run(); !done) return Propagate(done);
  if (db_.Changes() != 1) {
    return Fail(ErrorCode::kInternal, fmt::format("idempotency key {} of region {} was not claimed",
                                                  submission.idempotency_key, submission.region));
  }
  if (auto done = transaction->Commit(); !done) return Propagate(done);
  return response;
}

Result<void> SubmissionStore::ReleaseKey(const std::string& region, const std::string& key) {
  std::lock_guard lock(mutex_);
  auto remove = db_.Prepare(
      "DELETE FROM idempotency_keys "
      "WHERE region = ?1 AND idempotency_key = ?2 AND state = 'in_progress'");
  if (!remove) return Propagate(remove);
  if (auto b = remove->BindTexts(1, {region, key}); !b) return Propagate(b);
  return remove->Run();
}

Result<std::vector<SubmissionRow>> SubmissionStore::List(const SubmissionFilter& filter) {
  std::lock_guard lock(mutex_);
  // NULL parameters switch a filter off.
  auto select = db_.Prepare(
      "SELECT tracking_number, region, kind, item_id, kiosk_id, idempotency_key, received_at, "
      "payload FROM submissions "
      "WHERE (?1 IS NULL OR region = ?1) AND (?2 IS NULL OR kind = ?2) ORDER BY arrival");
  if (!select) return Propagate(select);
  if (filter.region) {
    if (auto b = select->Bind(1, *filter.region); !b) return Propagate(b);
  }
  if (filter.kind) {
    if (auto b = select->Bind(2, *filter.kind); !b) return Propagate(b);
  }
  std::vector<SubmissionRow> rows;
  while (true) {
    auto row = select->Step();
    if (!row) return Propagate(row);
    if (!*row) break;
    rows.push_back(SubmissionRow{select->ColumnText(0), select->ColumnText(1),
                                 select->ColumnText(2), select->ColumnText(3),
                                 select->ColumnText(4), select->ColumnText(5),
                                 select->ColumnText(6), select->ColumnText(7)});
  }
  return rows;
}

}  // namespace kiosk::central
