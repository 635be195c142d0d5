#pragma once

// The citizen's last retrieved records, so a read-only query can still be
// answered while the network is down — honestly: every cached answer
// carries the time it was fetched, and the kiosk shows it as such.
//
// One row per (region, query, citizen). The row's name is an HMAC of those
// three under a key derived from the sealing key, so the file names no one
// (an ID number is never stored in the clear, not even as a plain hash,
// which 18-digit numbers with known structure would not hide); the answer
// is sealed with AES-256-GCM, bound to that name. Rows older than the
// maximum age are never returned and are deleted. A cache is a copy: its
// commits do not wait for fsync, and losing it costs only a query.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "common/error.h"
#include "offline_cache/sealed_box.h"

struct sqlite3;

namespace kiosk::cache {

struct CachedAnswer {
  std::string body_json;
  std::int64_t fetched_unix_ms = 0;
};

class RecordCache {
 public:
  static Result<std::unique_ptr<RecordCache>> Open(const std::string& path, const SealingKey& key,
                                                   std::chrono::milliseconds max_age);
  ~RecordCache();
  RecordCache(const RecordCache&) = delete;
  RecordCache& operator=(const RecordCache&) = delete;

  // Replaces what was kept for this citizen's `query` in `region`.
  Result<void> Put(const std::string& region, const std::string& query, const std::string& subject,
                   const std::string& body_json, std::int64_t fetched_unix_ms);
  // The kept answer when there is one younger than the maximum age. A row
  // that does not open (another key, changed bytes) counts as absent and is
  // deleted, with a warning in the log.
  Result<std::optional<CachedAnswer>> Get(const std::string& region, const std::string& query,
                                          const std::string& subject, std::int64_t now_unix_ms);
  // Deletes the rows past the maximum age; returns how many.
  Result<int> Purge(std::int64_t now_unix_ms);
  Result<int> Count() const;

 private:
  RecordCache(sqlite3* db, const SealingKey& key, std::chrono::milliseconds max_age);
  std::string RowName(const std::string& region, const std::string& query,
                      const std::string& subject) const;
  Result<void> Execute(const char* sql) const;

  mutable std::mutex mutex_;
  sqlite3* db_;
  const SealingKey key_;
  std::string index_key_;  // HMAC key for row names, derived from `key_`.
  const std::chrono::milliseconds max_age_;
};

}  // namespace kiosk::cache
