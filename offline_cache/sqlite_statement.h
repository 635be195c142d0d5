#pragma once

// A prepared statement that finalizes itself, with typed binds and reads;
// opening a database and running plain SQL, with errors as values.

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"

namespace kiosk::cache {

// Opens (creating) `path` for one connection shared by threads; `store`
// names it in errors ("outbox").
Result<sqlite3*> OpenDatabase(const std::string& path, std::string_view store);
// Runs `sql` (one or more statements without results).
Result<void> ExecuteSql(sqlite3* db, const char* sql, std::string_view store);

class Statement {
 public:
  static Result<Statement> Prepare(sqlite3* db, std::string_view sql);
  Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) {
    other.stmt_ = nullptr;
  }
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::int64_t value);
  Statement& BindBlob(int index, std::string_view bytes);

  // True while a row is available; an error value when stepping failed.
  Result<bool> Step();

  std::string Text(int column) const;
  std::int64_t Int(int column) const;

 private:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

}  // namespace kiosk::cache
