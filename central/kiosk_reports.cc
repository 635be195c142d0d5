#include "central/kiosk_reports.h"

namespace kiosk::central {
namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS kiosk_reports (
  id INTEGER PRIMARY KEY,
  kiosk_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  received_unix_ms INTEGER NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS kiosk_reports_by_kiosk ON kiosk_reports (kiosk_id, kind, id);
)sql";

Result<std::vector<KioskReport>> ReadReports(SqliteStatement& select) {
  std::vector<KioskReport> reports;
  while (true) {
    auto row = select.Step();
    if (!row) return Propagate(row);
    if (!*row) return reports;
    reports.push_back(
        {select.ColumnText(0), select.ColumnText(1), select.ColumnInt64(2), select.ColumnText(3)});
  }
}

}  // namespace

Result<std::unique_ptr<KioskReportStore>> KioskReportStore::Open(const std::string& path) {
  auto db = SqliteDb::Open(path);
  if (!db) return Propagate(db);
  for (const char* setup : {"PRAGMA journal_mode=WAL", "PRAGMA busy_timeout=5000", kSchema}) {
    if (auto done = db->Exec(setup); !done) return Propagate(done);
  }
  return std::unique_ptr<KioskReportStore>(new KioskReportStore(std::move(*db)));
}

Result<void> KioskReportStore::Add(const KioskReport& report) {
  std::lock_guard lock(mutex_);
  auto insert = db_.Prepare(
      "INSERT INTO kiosk_reports (kiosk_id, kind, received_unix_ms, body) VALUES (?, ?, ?, ?)");
  if (!insert) return Propagate(insert);
  if (auto bound = insert->BindTexts(1, {report.kiosk_id, report.kind}); !bound) return bound;
  if (auto bound = insert->Bind(3, report.received_unix_ms); !bound) return bound;
  if (auto bound = insert->Bind(4, report.body_json); !bound) return bound;
  return insert->Run();
}

Result<std::vector<KioskReport>> KioskReportStore::History(const std::string& kiosk_id,
                                                           const std::string& kind, int limit) {
  std::lock_guard lock(mutex_);
  auto select = db_.Prepare(
      "SELECT kiosk_id, kind, received_unix_ms, body FROM kiosk_reports WHERE kiosk_id = ? AND "
      "(? = '' OR kind = ?) ORDER BY id DESC LIMIT ?");
  if (!select) return Propagate(select);
  if (auto bound = select->BindTexts(1, {kiosk_id, kind, kind}); !bound) return Propagate(bound);
  if (auto bound = select->Bind(4, std::int64_t{limit}); !bound) return Propagate(bound);
  return ReadReports(*select);
}

Result<std::vector<KioskReport>> KioskReportStore::Latest(const std::string& kind) {
  std::lock_guard lock(mutex_);
  auto select = db_.Prepare(
      "SELECT kiosk_id, kind, received_unix_ms, body FROM kiosk_reports WHERE id IN "
      "(SELECT MAX(id) FROM kiosk_reports WHERE kind = ? GROUP BY kiosk_id) ORDER BY kiosk_id");
  if (!select) return Propagate(select);
  if (auto bound = select->Bind(1, kind); !bound) return Propagate(bound);
  return ReadReports(*select);
}

}  // namespace kiosk::central
