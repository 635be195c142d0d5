#include "kiosk/core/admin/audit_log.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/durable_files.h"
#include "common/log.h"

namespace kiosk::admin {
namespace {

using nlohmann::json;

Error IoError(const std::string& what, const std::string& path, int error_number) {
  return Error(ErrorCode::kIo, what + " " + path + ": " + std::strerror(error_number));
}

json ToJson(const AuditRecord& record, bool with_hash) {
  json object = {{"seq", record.seq},           {"unix_ms", record.unix_ms},
                 {"kiosk_id", record.kiosk_id}, {"actor", record.actor},
                 {"action", record.action},     {"outcome", record.outcome},
                 {"detail", record.detail},     {"prev_hash", record.prev_hash}};
  if (with_hash) object["hash"] = record.hash;
  return object;
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
    // Only a broken OpenSSL gets here; an empty hash never matches, so the
    // record is refused or reported, never silently accepted.
    log::Error("admin", "EVP_Digest(SHA-256) failed");
    return {};
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex.push_back(kDigits[digest[i] >> 4]);
    hex.push_back(kDigits[digest[i] & 0x0f]);
  }
  return hex;
}

bool HoldsLongDigitRun(std::string_view text) {
  int run = 0;
  for (char c : text) {
    run = (c >= '0' && c <= '9') ? run + 1 : 0;
    if (run >= 9) return true;
  }
  return false;
}

Result<std::string> ReadWhole(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::unexpected(IoError("cannot open", path, errno));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return std::unexpected(IoError("cannot read", path, errno));
  return bytes.str();
}

Result<void> TruncateDurably(const std::string& path, std::size_t size) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return std::unexpected(IoError("cannot open", path, errno));
  Result<void> result;
  if (::ftruncate(fd, static_cast<off_t>(size)) != 0) {
    result = std::unexpected(IoError("cannot truncate", path, errno));
  } else if (::fsync(fd) != 0) {
    result = std::unexpected(IoError("cannot fsync", path, errno));
  }
  ::close(fd);
  return result;
}

// `<path>.broken-<unix_ms>`, with "-2", "-3", … when that name is taken.
std::string BrokenName(const std::string& path, std::int64_t unix_ms) {
  const std::string base = path + ".broken-" + std::to_string(unix_ms);
  std::string name = base;
  for (int n = 2; std::filesystem::exists(name); ++n) name = base + "-" + std::to_string(n);
  return name;
}

std::string DirectoryOf(const std::string& path) {
  const auto parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

}  // namespace

std::string CanonicalAuditForm(const AuditRecord& record) {
  return ToJson(record, false).dump(-1, ' ', false, json::error_handler_t::strict);
}

std::string AuditRecordHash(const AuditRecord& record) {
  return Sha256Hex(CanonicalAuditForm(record));
}

bool HoldsUnmaskedNumber(const json& detail) {
  if (detail.is_string()) return HoldsLongDigitRun(detail.get_ref<const std::string&>());
  if (detail.is_object()) {
    for (const auto& [key, value] : detail.items()) {
      if (HoldsLongDigitRun(key) || HoldsUnmaskedNumber(value)) return true;
    }
  }
  if (detail.is_array()) {
    for (const auto& value : detail) {
      if (HoldsUnmaskedNumber(value)) return true;
    }
  }
  return false;
}

std::string FormatUnixMsUtc(std::int64_t unix_ms) {
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm utc{};
  ::gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  char millis[8];
  std::snprintf(millis, sizeof millis, ".%03dZ", static_cast<int>(unix_ms % 1000));
  return std::string(text) + millis;
}

Result<AuditRecord> ParseAuditLine(std::string_view line) {
  const json object = json::parse(line, nullptr, false);
  if (object.is_discarded()) return Fail(ErrorCode::kInvalidData, "not JSON");
  if (!object.is_object()) return Fail(ErrorCode::kInvalidData, "not a JSON object");
  // A member the hash does not cover could be added unnoticed: refuse any.
  for (const auto& [key, value] : object.items()) {
    if (key != "seq" && key != "unix_ms" && key != "kiosk_id" && key != "actor" &&
        key != "action" && key != "outcome" && key != "detail" && key != "prev_hash" &&
        key != "hash") {
      return Fail(ErrorCode::kInvalidData, "unknown member \"" + key + "\"");
    }
  }
  AuditRecord record;
  for (auto [name, target] : {std::pair{"seq", &record.seq}, {"unix_ms", &record.unix_ms}}) {
    if (!object.contains(name) || !object[name].is_number_integer()) {
      return Fail(ErrorCode::kInvalidData,
                  std::string("\"") + name + "\" missing or not an integer");
    }
    *target = object[name].get<std::int64_t>();
  }
  for (auto [name, target] : {std::pair{"kiosk_id", &record.kiosk_id},
                              {"actor", &record.actor},
                              {"action", &record.action},
                              {"outcome", &record.outcome},
                              {"prev_hash", &record.prev_hash},
                              {"hash", &record.hash}}) {
    if (!object.contains(name) || !object[name].is_string()) {
      return Fail(ErrorCode::kInvalidData, std::string("\"") + name + "\" missing or not a string");
    }
    *target = object[name].get<std::string>();
  }
  if (!object.contains("detail") || !object["detail"].is_object()) {
    return Fail(ErrorCode::kInvalidData, "\"detail\" missing or not an object");
  }
  record.detail = object["detail"];
  return record;
}

AuditVerification VerifyAuditText(std::string_view text, std::size_t* good_bytes) {
  AuditVerification result;
  result.head = {0, kGenesisHash};
  std::size_t good_end = 0;
  std::size_t pos = 0;
  std::int64_t line_number = 0;
  auto bad = [&](std::int64_t seq, std::string reason, bool torn) {
    result.first_bad_line = line_number;
    result.first_bad_seq = seq;
    result.reason = std::move(reason);
    result.torn_tail = torn;
  };
  while (pos < text.size()) {
    ++line_number;
    const std::size_t newline = text.find('\n', pos);
    const std::int64_t expected_seq = result.head.seq + 1;
    if (newline == std::string_view::npos) {
      bad(expected_seq, "the last line has no newline: a write cut short", true);
      break;
    }
    const std::string_view line = text.substr(pos, newline - pos);
    const bool last = newline + 1 == text.size();
    auto record = ParseAuditLine(line);
    if (!record) {
      bad(expected_seq,
          (last ? "the last line is not a record (a write cut short): " : "not a record: ") +
              record.error().detail,
          last);
      break;
    }
    if (AuditRecordHash(*record) != record->hash) {
      bad(record->seq, "hash mismatch: the record was changed", false);
      break;
    }
    if (record->seq != expected_seq) {
      bad(record->seq,
          "seq " + std::to_string(record->seq) + " where " + std::to_string(expected_seq) +
              " was expected: a record is missing, inserted or out of order",
          false);
      break;
    }
    if (record->prev_hash != result.head.hash) {
      bad(record->seq,
          "prev_hash does not match the hash of " +
              (result.head.seq == 0 ? std::string("the genesis")
                                    : "record " + std::to_string(result.head.seq)),
          false);
      break;
    }
    result.head = {record->seq, record->hash};
    ++result.records;
    pos = newline + 1;
    good_end = pos;
  }
  result.intact = result.first_bad_line == 0;
  if (good_bytes != nullptr) *good_bytes = good_end;
  return result;
}

Result<AuditVerification> VerifyAuditLog(const std::string& path) {
  auto text = ReadWhole(path);
  if (!text) {
    log::Error("admin", "audit log not verified: {}", text.error().Describe());
    return std::unexpected(text.error());
  }
  auto verification = VerifyAuditText(*text);
  if (!verification.intact) {
    log::Warning("admin", "audit log {} not intact at record {} (line {}): {}", path,
                 verification.first_bad_seq, verification.first_bad_line, verification.reason);
  }
  return verification;
}

AuditLog::AuditLog(std::string path, std::string kiosk_id, std::function<std::int64_t()> unix_ms)
    : path_(std::move(path)), kiosk_id_(std::move(kiosk_id)), unix_ms_(std::move(unix_ms)) {
  head_ = {0, kGenesisHash};
}

AuditLog::~AuditLog() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::unique_ptr<AuditLog>> AuditLog::Open(const std::string& path, std::string kiosk_id,
                                                 std::function<std::int64_t()> unix_ms) {
  std::unique_ptr<AuditLog> audit(new AuditLog(path, std::move(kiosk_id), std::move(unix_ms)));
  const std::string directory = DirectoryOf(path);
  bool created = !std::filesystem::exists(path);
  AuditVerification found;
  std::size_t torn_bytes = 0;
  std::string broken_file;
  if (!created) {
    auto text = ReadWhole(path);
    if (!text) {
      log::Error("admin", "audit log: {}", text.error().Describe());
      return std::unexpected(text.error());
    }
    std::size_t good_bytes = 0;
    found = VerifyAuditText(*text, &good_bytes);
    if (found.torn_tail) {
      torn_bytes = text->size() - good_bytes;
      log::Warning("admin", "audit log {}: {} ({} bytes cut off)", path, found.reason, torn_bytes);
      auto cut = TruncateDurably(path, good_bytes);
      if (!cut) {
        log::Error("admin", "audit log torn tail not cut off: {}", cut.error().Describe());
        return std::unexpected(cut.error());
      }
      audit->head_ = found.head;
    } else if (!found.intact) {
      broken_file = BrokenName(path, audit->unix_ms_());
      log::Error("admin", "audit log {} broken at record {} (line {}): {}; set aside as {}", path,
                 found.first_bad_seq, found.first_bad_line, found.reason, broken_file);
      if (::rename(path.c_str(), broken_file.c_str()) != 0) {
        Error error = IoError("cannot rename", path, errno);
        log::Error("admin", "broken audit log not set aside: {}", error.Describe());
        return std::unexpected(error);
      }
      created = true;
    } else {
      audit->head_ = found.head;
    }
  }
  audit->fd_ = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (audit->fd_ < 0) {
    Error error = IoError(created ? "cannot create" : "cannot open", path, errno);
    log::Error("admin", "audit log: {}", error.Describe());
    return std::unexpected(error);
  }
  struct stat status {};
  if (::fstat(audit->fd_, &status) != 0)
    return std::unexpected(IoError("cannot stat", path, errno));
  audit->size_ = status.st_size;
  if (created) {
    // The new name (and the broken file's) must survive a power cut too.
    auto synced = durable::SyncDirectory(directory);
    if (!synced) {
      log::Error("admin", "audit log: {}", synced.error().Describe());
      return std::unexpected(synced.error());
    }
  }
  std::lock_guard lock(audit->mutex_);
  if (torn_bytes > 0) {
    auto noted = audit->AppendLocked(
        "system", "audit_tail_repaired", "ok",
        {{"dropped_bytes", torn_bytes}, {"line", found.first_bad_line}, {"reason", found.reason}});
    if (!noted) return std::unexpected(noted.error());
  }
  if (!broken_file.empty()) {
    auto noted = audit->AppendLocked(
        "system", "audit_chain_broken", "failed",
        {{"broken_file", std::filesystem::path(broken_file).filename().string()},
         {"first_bad_seq", found.first_bad_seq},
         {"first_bad_line", found.first_bad_line},
         {"reason", found.reason}});
    if (!noted) return std::unexpected(noted.error());
  }
  return audit;
}

Result<AuditRecord> AuditLog::Append(const std::string& actor, const std::string& action,
                                     const std::string& outcome, json detail) {
  if (!detail.is_object()) {
    log::Warning("admin", "audit record {} refused: its detail is not an object", action);
    return Fail(ErrorCode::kInvalidArgument, "audit detail must be a JSON object");
  }
  if (HoldsUnmaskedNumber(detail)) {
    // The detail itself is not logged: it is what must not be written.
    log::Warning("admin", "audit record {} refused: it holds an unmasked number", action);
    return Fail(ErrorCode::kInvalidArgument,
                "audit record " + action +
                    " refused: it holds 9 or more consecutive digits (mask identifiers)");
  }
  std::lock_guard lock(mutex_);
  return AppendLocked(actor, action, outcome, std::move(detail));
}

Result<AuditRecord> AuditLog::AppendLocked(const std::string& actor, const std::string& action,
                                           const std::string& outcome, json detail) {
  if (actor.empty() || action.empty() || outcome.empty()) {
    log::Warning("admin", "audit record refused: actor, action and outcome are required");
    return Fail(ErrorCode::kInvalidArgument, "audit actor, action and outcome are required");
  }
  AuditRecord record;
  record.seq = head_.seq + 1;
  record.unix_ms = unix_ms_();
  record.kiosk_id = kiosk_id_;
  record.actor = actor;
  record.action = action;
  record.outcome = outcome;
  record.detail = std::move(detail);
  record.prev_hash = head_.hash;
  std::string line;
  try {
    record.hash = AuditRecordHash(record);
    line = ToJson(record, true).dump(-1, ' ', false, json::error_handler_t::strict) + "\n";
  } catch (const json::exception&) {
    log::Warning("admin", "audit record {} refused: not valid UTF-8", action);
    return Fail(ErrorCode::kInvalidArgument, "audit record " + action + " is not valid UTF-8");
  }
  // One write of the whole line; a short write (full disk) goes on where it
  // stopped, and any failure cuts the file back so no half line remains.
  std::size_t written = 0;
  int failure = 0;
  const char* failed_call = "write";
  while (written < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      failure = errno;
      break;
    }
    written += static_cast<std::size_t>(n);
  }
  if (failure == 0 && ::fdatasync(fd_) != 0) {
    failure = errno;
    failed_call = "fdatasync";
  }
  if (failure != 0) {
    if (::ftruncate(fd_, size_) != 0) {
      log::Error("admin", "audit log {}: cannot cut back a failed append: {}", path_,
                 std::strerror(errno));
    }
    Error error = IoError(std::string("cannot ") + failed_call + " audit log", path_, failure);
    log::Error("admin", "audit record {} (seq {}) not written: {}", action, record.seq,
               error.Describe());
    return std::unexpected(error);
  }
  size_ += static_cast<std::int64_t>(line.size());
  head_ = {record.seq, record.hash};
  return record;
}

AuditHead AuditLog::Head() const {
  std::lock_guard lock(mutex_);
  return head_;
}

Result<std::vector<AuditRecord>> AuditLog::Recent(std::size_t count) const {
  std::lock_guard lock(mutex_);
  auto text = ReadWhole(path_);
  if (!text) {
    log::Error("admin", "audit records not read: {}", text.error().Describe());
    return std::unexpected(text.error());
  }
  std::vector<std::string_view> lines;
  std::string_view rest = *text;
  while (!rest.empty()) {
    const std::size_t newline = rest.find('\n');
    if (newline == std::string_view::npos) break;  // Only Open() leaves no partial line.
    lines.push_back(rest.substr(0, newline));
    rest.remove_prefix(newline + 1);
  }
  const std::size_t first = lines.size() > count ? lines.size() - count : 0;
  std::vector<AuditRecord> records;
  for (std::size_t i = first; i < lines.size(); ++i) {
    auto record = ParseAuditLine(lines[i]);
    if (!record) {
      return Fail(ErrorCode::kInvalidData,
                  path_ + " line " + std::to_string(i + 1) + ": " + record.error().detail);
    }
    records.push_back(std::move(*record));
  }
  return records;
}

}  // namespace kiosk::admin
