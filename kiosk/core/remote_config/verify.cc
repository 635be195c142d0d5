#include "kiosk/core/remote_config/verify.h"

#include <algorithm>
#include <fstream>
#include <set>

#include "kiosk/core/remote_config/iso_time.h"
#include "kiosk/core/remote_config/reasons.h"

namespace kiosk::remote_config {
namespace {

std::unexpected<Error> Refuse(const char* why, const std::string& detail) {
  return std::unexpected(Error(ErrorCode::kInvalidData, detail, why));
}

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

Result<void> CheckFileBytes(const std::string& path, const TargetFile& expected,
                            std::string_view bytes) {
  if (static_cast<std::int64_t>(bytes.size()) != expected.length) {
    return Refuse(reason::kLengthMismatch, path + " is " + std::to_string(bytes.size()) +
                                               " bytes, the metadata says " +
                                               std::to_string(expected.length));
  }
  if (Sha256Hex(bytes) != expected.sha256) {
    return Refuse(reason::kHashMismatch, path + " does not have the SHA-256 of the metadata");
  }
  return {};
}

}  // namespace

Result<void> CheckSignatures(const RootMetadata& root, const RoleKeys& role,
                             const Envelope& envelope, const std::string& what) {
  std::set<std::string> seen;
  int valid = 0;
  int bad = 0;
  int unknown = 0;
  for (const auto& signature : envelope.signatures) {
    if (!seen.insert(signature.keyid).second) {
      return Refuse(reason::kDuplicateSignature,
                    what + " has two signatures by key " + signature.keyid);
    }
    auto key = root.keys.find(signature.keyid);
    if (!Contains(role.keyids, signature.keyid) || key == root.keys.end()) {
      ++unknown;
      continue;
    }
    if (key->second.Verify(envelope.canonical, signature.sig)) {
      ++valid;
    } else {
      ++bad;
    }
  }
  if (valid >= role.threshold) return {};
  const std::string counts = what + ": " + std::to_string(valid) + " valid signature(s) of " +
                             std::to_string(role.threshold) + " needed";
  if (bad > 0) return Refuse(reason::kBadSignature, counts + ", " + std::to_string(bad) + " bad");
  if (valid == 0 && unknown > 0) {
    return Refuse(reason::kUnknownKey,
                  counts + ", " + std::to_string(unknown) + " by keys it does not trust");
  }
  return Refuse(reason::kThresholdNotMet, counts);
}

Result<RootMetadata> LoadTrustedRoot(std::string_view bytes) {
  auto root = ParseRoot(bytes);
  if (!root) return root;
  auto signed_ok =
      CheckSignatures(*root, root->root, root->envelope, "root v" + std::to_string(root->version));
  if (!signed_ok) return std::unexpected(signed_ok.error());
  return root;
}

Result<RootMetadata> UpdateRoot(const RootMetadata& trusted, std::string_view next) {
  auto candidate = ParseRoot(next);
  if (!candidate) return candidate;
  const std::string what = "root v" + std::to_string(candidate->version);
  // Signed by the old root's keys (the trust we have) and by the new root's
  // own (its keys agree to serve).
  auto by_old = CheckSignatures(trusted, trusted.root, candidate->envelope,
                                what + " (by root v" + std::to_string(trusted.version) + ")");
  if (!by_old) return std::unexpected(by_old.error());
  auto by_new = CheckSignatures(*candidate, candidate->root, candidate->envelope,
                                what + " (by its own keys)");
  if (!by_new) return std::unexpected(by_new.error());
  if (candidate->version != trusted.version + 1) {
    return Refuse(reason::kRootVersion,
                  what + " does not follow root v" + std::to_string(trusted.version));
  }
  return candidate;
}

Result<RootMetadata> UpdateRootChain(const RootMetadata& trusted,
                                     const std::vector<std::string>& newer, std::int64_t now) {
  RootMetadata current = trusted;
  for (const auto& next : newer) {
    auto updated = UpdateRoot(current, next);
    if (!updated) return updated;
    current = std::move(*updated);
  }
  if (current.expires <= now) {
    return Refuse(reason::kExpired, "root v" + std::to_string(current.version) + " expired at " +
                                        FormatIsoUtc(current.expires));
  }
  return current;
}

Result<TargetsMetadata> VerifyTargets(const RootMetadata& root, std::string_view bytes,
                                      std::int64_t current_version, std::int64_t now) {
  auto targets = ParseTargets(bytes);
  if (!targets) return targets;
  const std::string what = "targets v" + std::to_string(targets->version);
  auto signed_ok = CheckSignatures(root, root.targets, targets->envelope, what);
  if (!signed_ok) return std::unexpected(signed_ok.error());
  if (targets->version <= current_version) {
    return Refuse(reason::kRollback,
                  what + " is not newer than the applied v" + std::to_string(current_version));
  }
  if (targets->expires <= now) {
    return Refuse(reason::kExpired, what + " expired at " + FormatIsoUtc(targets->expires));
  }
  if (root.expires <= now) {
    return Refuse(reason::kExpired, "root v" + std::to_string(root.version) + " expired at " +
                                        FormatIsoUtc(root.expires));
  }
  return targets;
}

Result<void> CheckTargeted(const TargetsMetadata& targets, const KioskIdentity& identity) {
  const Targeting& target = targets.target;
  if (Contains(target.regions, "*") || Contains(target.regions, identity.region) ||
      Contains(target.kiosks, identity.kiosk_id)) {
    return {};
  }
  for (const auto& group : identity.groups) {
    if (Contains(target.groups, group)) return {};
  }
  std::string groups;
  for (const auto& group : identity.groups) groups += (groups.empty() ? "" : ",") + group;
  return Refuse(reason::kNotTargeted, "targets v" + std::to_string(targets.version) +
                                          " is not for kiosk \"" + identity.kiosk_id +
                                          "\", region \"" + identity.region + "\", groups \"" +
                                          groups + "\"");
}

Result<void> VerifyFile(const TargetsMetadata& targets, const std::string& path,
                        std::string_view bytes) {
  auto entry = targets.files.find(path);
  if (entry == targets.files.end()) {
    return Refuse(reason::kUnlistedFile, path + " is not in the metadata");
  }
  return CheckFileBytes(path, entry->second, bytes);
}

Result<void> VerifyFiles(const TargetsMetadata& targets,
                         const std::map<std::string, std::string>& files) {
  for (const auto& [path, bytes] : files) {
    if (!targets.files.contains(path)) {
      return Refuse(reason::kUnlistedFile, path + " is not in the metadata");
    }
  }
  for (const auto& [path, expected] : targets.files) {
    auto found = files.find(path);
    if (found == files.end()) return Refuse(reason::kMissingFile, path + " is missing");
    auto matches = CheckFileBytes(path, expected, found->second);
    if (!matches) return matches;
  }
  return {};
}

Result<void> VerifyDirectory(const TargetsMetadata& targets, const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    return Fail(ErrorCode::kNotFound, dir.string() + " is not a directory");
  }
  std::set<std::string> present;
  fs::recursive_directory_iterator walk(dir, error);
  if (error) return Fail(ErrorCode::kIo, "cannot list " + dir.string() + ": " + error.message());
  for (const fs::recursive_directory_iterator end; walk != end; walk.increment(error)) {
    if (error) return Fail(ErrorCode::kIo, "cannot list " + dir.string() + ": " + error.message());
    const fs::file_status status = walk->symlink_status(error);
    const std::string path = fs::relative(walk->path(), dir, error).generic_string();
    if (fs::is_directory(status)) continue;
    if (!fs::is_regular_file(status)) {
      return Refuse(reason::kUnsafePath, path + " is not a regular file");
    }
    auto entry = targets.files.find(path);
    if (entry == targets.files.end()) {
      return Refuse(reason::kUnlistedFile, path + " is not in the metadata");
    }
    present.insert(path);
    const auto size = fs::file_size(walk->path(), error);
    if (error) return Fail(ErrorCode::kIo, "cannot stat " + path + ": " + error.message());
    if (static_cast<std::int64_t>(size) != entry->second.length) {
      return Refuse(reason::kLengthMismatch, path + " is " + std::to_string(size) +
                                                 " bytes, the metadata says " +
                                                 std::to_string(entry->second.length));
    }
    std::ifstream in(walk->path(), std::ios::binary);
    std::string bytes(size, '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) {
      return Fail(ErrorCode::kIo, "cannot read " + path);
    }
    auto matches = CheckFileBytes(path, entry->second, bytes);
    if (!matches) return matches;
  }
  for (const auto& [path, expected] : targets.files) {
    if (!present.contains(path)) return Refuse(reason::kMissingFile, path + " is missing");
  }
  return {};
}

Result<TargetsMetadata> VerifyBundle(const RootMetadata& root, const KioskIdentity& identity,
                                     std::int64_t current_version, std::int64_t now,
                                     std::string_view targets_json,
                                     const std::map<std::string, std::string>& files) {
  auto targets = VerifyTargets(root, targets_json, current_version, now);
  if (!targets) return targets;
  auto targeted = CheckTargeted(*targets, identity);
  if (!targeted) return std::unexpected(targeted.error());
  auto complete = VerifyFiles(*targets, files);
  if (!complete) return std::unexpected(complete.error());
  return targets;
}

}  // namespace kiosk::remote_config
