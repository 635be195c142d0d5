#pragma once

// What terminals tell headquarters about themselves: the configuration
// they applied or refused (issue 7), later their heartbeats (issue 9). Each
// report is kept with the time it arrived; operators read a kiosk's history
// and the fleet's latest.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "central/sqlite_db.h"
#include "common/error.h"

namespace kiosk::central {

struct KioskReport {
  std::string kiosk_id;
  std::string kind;  // "config", …
  std::int64_t received_unix_ms = 0;
  std::string body_json;
};

class KioskReportStore {
 public:
  // Opens (creating if needed) the database at `path`, or ":memory:".
  static Result<std::unique_ptr<KioskReportStore>> Open(const std::string& path);

  Result<void> Add(const KioskReport& report);
  // Newest first; `kind` empty for every kind; at most `limit`.
  Result<std::vector<KioskReport>> History(const std::string& kiosk_id, const std::string& kind,
                                           int limit);
  // The newest report of `kind` from every kiosk, by kiosk id.
  Result<std::vector<KioskReport>> Latest(const std::string& kind);

 private:
  explicit KioskReportStore(SqliteDb db) : db_(std::move(db)) {}
  std::mutex mutex_;
  SqliteDb db_;
};

}  // namespace kiosk::central
