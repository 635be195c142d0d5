#pragma once

// The audit log of admin mode: every operator action and security event
// (logins, lockouts, discarded dead letters, …) as one JSON object per
// line, append-only, each record chained to the one before by SHA-256.
//
// The chain. Each record carries `prev_hash`, the `hash` of the record
// before it (kGenesisHash for the first), and its own `hash`:
//
//   hash = lowercase hex SHA-256 of the canonical form of the record
//          without its "hash" member, i.e. the JSON object
//          {"action","actor","detail","kiosk_id","outcome","prev_hash",
//           "seq","unix_ms"} with members sorted by key at every level
//          (detail included), no whitespace, strings in UTF-8 with only
//          the escapes JSON requires — what nlohmann::json::dump() writes.
//
// `seq` starts at 1 and goes up by one. So a record changed, removed,
// reordered or inserted shows as a hash mismatch, a seq gap or a prev_hash
// that does not match. The chain has no key: whoever can rewrite the file
// can recompute every hash after a change; the head hash reported
// elsewhere (the fleet status) is what pins it down.
//
// Durability. Append writes the whole line with one write() on an O_APPEND
// descriptor and fdatasyncs before returning; a record whose Append did not
// return was never acknowledged. After a power cut the last line may be
// torn (no trailing newline, or not JSON): Open() cuts it off and appends
// an "audit_tail_repaired" record saying how many bytes went, because
// dropping an unacknowledged half record loses nothing anyone relied on.
// A chain broken anywhere else is evidence, not damage to repair: Open()
// renames the file to `<path>.broken-<unix_ms>` and starts a new chain
// whose first record, "audit_chain_broken", names that file and the first
// bad record. The kiosk keeps working either way.
//
// Personal data. `detail` holds masked identifiers only: Append refuses a
// detail any of whose strings (keys or values, at any depth) holds nine or
// more consecutive digits, i.e. an ID number, card number or phone number
// in the clear; masked forms such as 4401**********1234 pass. Numbers are
// not checked: in a detail they are counts and times.

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/error.h"

namespace kiosk::admin {

// prev_hash of the first record: 64 zeros.
inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct AuditRecord {
  std::int64_t seq = 0;
  std::int64_t unix_ms = 0;
  std::string kiosk_id;
  std::string actor;    // Operator id, or "system" / "unknown".
  std::string action;   // "login", "login_failed", "lockout", "dead_letter_discard", …
  std::string outcome;  // "ok", "refused", "failed".
  nlohmann::json detail = nlohmann::json::object();  // Masked identifiers only.
  std::string prev_hash;
  std::string hash;
};

// seq 0 and kGenesisHash for an empty log.
struct AuditHead {
  std::int64_t seq = 0;
  std::string hash;
};

// The canonical form the hash covers (see above), and its SHA-256 in hex.
std::string CanonicalAuditForm(const AuditRecord& record);
std::string AuditRecordHash(const AuditRecord& record);

// True when `detail` holds a string with nine or more consecutive digits.
bool HoldsUnmaskedNumber(const nlohmann::json& detail);

// "2026-12-05T15:04:05.123Z".
std::string FormatUnixMsUtc(std::int64_t unix_ms);

class AuditLog {
 public:
  // Opens or creates the log at `path` (its directory must exist), repairs
  // a torn tail or sets a broken chain aside as described above. Fails with
  // kIo when the file cannot be read, created or renamed.
  static Result<std::unique_ptr<AuditLog>> Open(const std::string& path, std::string kiosk_id,
                                                std::function<std::int64_t()> unix_ms);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  // Thread-safe; durable when it returns. kInvalidArgument for a detail
  // that is not an object, holds personal data or invalid UTF-8, or an
  // empty actor, action or outcome; kIo when the write or sync fails (the
  // log is then as it was before).
  Result<AuditRecord> Append(const std::string& actor, const std::string& action,
                             const std::string& outcome,
                             nlohmann::json detail = nlohmann::json::object());

  AuditHead Head() const;

  // The last `count` records, newest last.
  Result<std::vector<AuditRecord>> Recent(std::size_t count) const;

  const std::string& Path() const { return path_; }

 private:
  AuditLog(std::string path, std::string kiosk_id, std::function<std::int64_t()> unix_ms);
  // Append without the personal data check: for the log's own records,
  // whose detail is file names and counts built here.
  Result<AuditRecord> AppendLocked(const std::string& actor, const std::string& action,
                                   const std::string& outcome, nlohmann::json detail);

  std::string path_;
  std::string kiosk_id_;
  std::function<std::int64_t()> unix_ms_;
  mutable std::mutex mutex_;
  int fd_ = -1;
  std::int64_t size_ = 0;  // Bytes in the file: where a failed write is cut back to.
  AuditHead head_;
};

struct AuditVerification {
  bool intact = false;
  std::int64_t records = 0;         // Good records before the first bad one (all when intact).
  std::int64_t first_bad_line = 0;  // 1-based; 0 when intact.
  // The seq the bad record carries, or the seq expected at that line when
  // the line has none to read.
  std::int64_t first_bad_seq = 0;
  std::string reason;
  AuditHead head;          // The last good record.
  bool torn_tail = false;  // The only problem is an unfinished last line.
};

// Checks the whole chain of the log at `path`. An error only when the file
// cannot be read; a torn tail is reported as not intact.
Result<AuditVerification> VerifyAuditLog(const std::string& path);

// The same over a log's bytes; `good_bytes` (when given) receives the
// length of the part up to the end of the last good record.
AuditVerification VerifyAuditText(std::string_view text, std::size_t* good_bytes = nullptr);

// Parses one line of the log; kInvalidData naming the missing or mistyped
// member.
Result<AuditRecord> ParseAuditLine(std::string_view line);

}  // namespace kiosk::admin
