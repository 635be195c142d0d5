#pragma once

// A thin RAII layer over the SQLite C API that reports failures as values.
// Not synchronised: its one user, SubmissionStore, holds a mutex around
// every use of the connection.

#include <sqlite3.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"

namespace kiosk::central {

// Passes a failure on as the caller's own result type.
template <typename T>
std::unexpected<Error> Propagate(const Result<T>& failed) {
  return std::unexpected(failed.error());
}

class SqliteStatement {
 public:
  Result<void> Bind(int index, std::string_view text);
  Result<void> Bind(int index, std::int64_t value);
  // Binds `texts` to consecutive parameters starting at `first_index`.
  Result<void> BindTexts(int first_index, std::initializer_list<std::string_view> texts);
  // True when a row is ready to read, false when the statement is done.
  Result<bool> Step();
  // Steps a statement that returns no rows.
  Result<void> Run();

  std::string ColumnText(int column) const;
  std::int64_t ColumnInt64(int column) const;

 private:
  friend class SqliteDb;
  struct Finalizer {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
  };
  SqliteStatement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  Error Failure(const char* what) const;

  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, Finalizer> statement_;
};

class SqliteDb {
 public:
  // Opens or creates the database; ":memory:" gives a private in-memory one.
  static Result<SqliteDb> Open(const std::string& path);

  // Runs one or more statements that return no rows worth reading.
  Result<void> Exec(const std::string& sql);
  Result<SqliteStatement> Prepare(std::string_view sql);
  // Rows changed by the last INSERT, UPDATE or DELETE.
  std::int64_t Changes() const;

 private:
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
  };
  explicit SqliteDb(sqlite3* db) : db_(db) {}

  std::unique_ptr<sqlite3, Closer> db_;
};

// BEGIN IMMEDIATE takes the write lock at once, so a transaction that reads
// and then writes cannot fail half-way on a lock upgrade. Rolls back when
// destroyed without Commit().
class SqliteTransaction {
 public:
  static Result<SqliteTransaction> Begin(SqliteDb& db);
  SqliteTransaction(SqliteTransaction&& other) noexcept;
  SqliteTransaction& operator=(SqliteTransaction&&) = delete;
  ~SqliteTransaction();

  Result<void> Commit();

 private:
  explicit SqliteTransaction(SqliteDb& db) : db_(&db) {}

  SqliteDb* db_;
  bool open_ = true;
};

}  // namespace kiosk::central
