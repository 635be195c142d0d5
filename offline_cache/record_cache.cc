#include "offline_cache/record_cache.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sqlite3.h>

#include <array>

#include "common/log.h"
#include "common/secure_wipe.h"
#include "offline_cache/sqlite_statement.h"

namespace kiosk::cache {
namespace {

constexpr const char* kStore = "record cache";

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS records (
  name TEXT PRIMARY KEY,
  body BLOB NOT NULL,
  fetched_unix_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS records_age ON records (fetched_unix_ms);
)sql";

std::string Hmac(std::string_view key, std::string_view message) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest.data(),
       &length);
  return std::string(reinterpret_cast<const char*>(digest.data()), length);
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (const char byte : bytes) {
    const auto value = static_cast<unsigned char>(byte);
    hex.push_back(kDigits[value >> 4]);
    hex.push_back(kDigits[value & 0x0f]);
  }
  return hex;
}

}  // namespace

Result<std::unique_ptr<RecordCache>> RecordCache::Open(const std::string& path,
                                                       const SealingKey& key,
                                                       std::chrono::milliseconds max_age) {
  auto opened = OpenDatabase(path, kStore);
  if (!opened) return std::unexpected(opened.error());
  std::unique_ptr<RecordCache> cache(new RecordCache(*opened, key, max_age));
  // A copy of what the server holds: NORMAL keeps it consistent, and a
  // power cut may only cost the last records kept.
  for (const char* sql : {"PRAGMA journal_mode=WAL;", "PRAGMA synchronous=NORMAL;",
                          "PRAGMA secure_delete=ON;", kSchema}) {
    if (auto ok = cache->Execute(sql); !ok) return std::unexpected(ok.error());
  }
  return cache;
}

RecordCache::RecordCache(sqlite3* db, const SealingKey& key, std::chrono::milliseconds max_age)
    : db_(db), key_(key), max_age_(max_age) {
  const auto& bytes = key_.bytes();
  // A key of its own for row names, so the sealing key is used for one
  // purpose only.
  index_key_ = Hmac(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                    "kiosk record cache: row names v1");
}

RecordCache::~RecordCache() {
  sqlite3_close(db_);
  SecureWipe(index_key_);
}

std::string RecordCache::RowName(const std::string& region, const std::string& query,
                                 const std::string& subject) const {
  std::string message = region;
  message.push_back('\0');
  message += query;
  message.push_back('\0');
  message += subject;
  std::string name = Hex(Hmac(index_key_, message));
  SecureWipe(message);
  return name;
}

Result<void> RecordCache::Execute(const char* sql) const { return ExecuteSql(db_, sql, kStore); }

Result<void> RecordCache::Put(const std::string& region, const std::string& query,
                              const std::string& subject, const std::string& body_json,
                              std::int64_t fetched_unix_ms) {
  const std::string name = RowName(region, query, subject);
  auto sealed = Seal(key_, body_json, name);
  if (!sealed) return std::unexpected(sealed.error());
  std::lock_guard lock(mutex_);
  auto insert = Statement::Prepare(
      db_, "INSERT OR REPLACE INTO records (name, body, fetched_unix_ms) VALUES (?, ?, ?)");
  if (!insert) return std::unexpected(insert.error());
  insert->Bind(1, name).BindBlob(2, *sealed).Bind(3, fetched_unix_ms);
  if (auto done = insert->Step(); !done) return std::unexpected(done.error());
  return {};
}

Result<std::optional<CachedAnswer>> RecordCache::Get(const std::string& region,
                                                     const std::string& query,
                                                     const std::string& subject,
                                                     std::int64_t now_unix_ms) {
  const std::string name = RowName(region, query, subject);
  std::lock_guard lock(mutex_);
  auto select = Statement::Prepare(db_,
                                   "SELECT body, fetched_unix_ms FROM records WHERE name = ? AND "
                                   "fetched_unix_ms >= ?");
  if (!select) return std::unexpected(select.error());
  select->Bind(1, name).Bind(2, now_unix_ms - max_age_.count());
  auto found = select->Step();
  if (!found) return std::unexpected(found.error());
  if (!*found) return std::optional<CachedAnswer>();
  CachedAnswer answer;
  answer.fetched_unix_ms = select->Int(1);
  auto body = Unseal(key_, select->Text(0), name);
  if (!body) {
    log::Warning("record_cache", "a kept record does not open ({}): deleted", body.error().detail);
    auto remove = Statement::Prepare(db_, "DELETE FROM records WHERE name = ?");
    if (!remove) return std::unexpected(remove.error());
    remove->Bind(1, name);
    if (auto done = remove->Step(); !done) return std::unexpected(done.error());
    return std::optional<CachedAnswer>();
  }
  answer.body_json = std::move(*body);
  return std::optional<CachedAnswer>(std::move(answer));
}

Result<int> RecordCache::Purge(std::int64_t now_unix_ms) {
  std::lock_guard lock(mutex_);
  auto remove = Statement::Prepare(db_, "DELETE FROM records WHERE fetched_unix_ms < ?");
  if (!remove) return std::unexpected(remove.error());
  remove->Bind(1, now_unix_ms - max_age_.count());
  if (auto done = remove->Step(); !done) return std::unexpected(done.error());
  return sqlite3_changes(db_);
}

Result<int> RecordCache::Count() const {
  std::lock_guard lock(mutex_);
  auto count = Statement::Prepare(db_, "SELECT COUNT(*) FROM records");
  if (!count) return std::unexpected(count.error());
  if (auto row = count->Step(); !row) return std::unexpected(row.error());
  return static_cast<int>(count->Int(0));
}

}  // namespace kiosk::cache
