#include "central/sqlite_db.h"

#include <fmt/format.h>

#include <limits>

#include "common/log.h"

namespace kiosk::central {

Error SqliteStatement::Failure(const char* what) const {
  return Error(ErrorCode::kIo, fmt::format("SQLite {} failed: {} (in \"{}\")", what,
                                           sqlite3_errmsg(db_), sqlite3_sql(statement_.get())));
}

Result<void> SqliteStatement::Bind(int index, std::string_view text) {
  if (sqlite3_bind_text64(statement_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT,
                          SQLITE_UTF8) != SQLITE_OK) {
    return std::unexpected(Failure("bind"));
  }
  return {};
}

Result<void> SqliteStatement::Bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(statement_.get(), index, value) != SQLITE_OK) {
    return std::unexpected(Failure("bind"));
  }
  return {};
}

Result<void> SqliteStatement::BindTexts(int first_index,
                                        std::initializer_list<std::string_view> texts) {
  int index = first_index;
  for (std::string_view text : texts) {
    if (auto bound = Bind(index++, text); !bound) return bound;
  }
  return {};
}

Result<bool> SqliteStatement::Step() {
  const int code = sqlite3_step(statement_.get());
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return std::unexpected(Failure("step"));
}

Result<void> SqliteStatement::Run() {
  auto row = Step();
  if (!row) return std::unexpected(row.error());
  return {};
}

std::string SqliteStatement::ColumnText(int column) const {
  const auto* text = sqlite3_column_text(statement_.get(), column);
  if (text == nullptr) return {};
  const int size = sqlite3_column_bytes(statement_.get(), column);
  return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(size));
}

std::int64_t SqliteStatement::ColumnInt64(int column) const {
  return sqlite3_column_int64(statement_.get(), column);
}

Result<SqliteDb> SqliteDb::Open(const std::string& path) {
  sqlite3* raw = nullptr;
  const int code =
      sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  SqliteDb db(raw);  // Owns the handle even when opening failed.
  if (code != SQLITE_OK) {
    return Fail(ErrorCode::kIo,
                fmt::format("cannot open SQLite database {}: {}", path,
                            raw != nullptr ? sqlite3_errmsg(raw) : "out of memory"));
  }
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

Result<void> SqliteDb::Exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string detail = fmt::format("SQLite exec failed: {} (in \"{}\")",
                                     message != nullptr ? message : "unknown error", sql);
    sqlite3_free(message);
    return Fail(ErrorCode::kIo, std::move(detail));
  }
  return {};
}

Result<SqliteStatement> SqliteDb::Prepare(std::string_view sql) {
  if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return Fail(ErrorCode::kInvalidArgument, "SQL statement too long");
  }
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db_.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr) !=
      SQLITE_OK) {
    return Fail(ErrorCode::kIo, fmt::format("SQLite prepare failed: {} (in \"{}\")",
                                            sqlite3_errmsg(db_.get()), sql));
  }
  return SqliteStatement(db_.get(), raw);
}

std::int64_t SqliteDb::Changes() const { return sqlite3_changes64(db_.get()); }

Result<SqliteTransaction> SqliteTransaction::Begin(SqliteDb& db) {
  if (auto begun = db.Exec("BEGIN IMMEDIATE"); !begun) return std::unexpected(begun.error());
  return SqliteTransaction(db);
}

SqliteTransaction::SqliteTransaction(SqliteTransaction&& other) noexcept
    : db_(other.db_), open_(other.open_) {
  other.open_ = false;
}

SqliteTransaction::~SqliteTransaction() {
  if (!open_) return;
  if (auto rolled_back = db_->Exec("ROLLBACK"); !rolled_back) {
    // SQLite may already have rolled back by itself (e.g. on SQLITE_FULL);
    // nothing more can be done here than say so.
    log::Warning("central", "{}", rolled_back.error().detail);
  }
}

Result<void> SqliteTransaction::Commit() {
  auto committed = db_->Exec("COMMIT");
  if (committed) open_ = false;
  return committed;
}

}  // namespace kiosk::central
