#pragma once

// Verification of configuration bundles (docs/CONFIG_BUNDLES.md): what a
// kiosk runs on what it downloaded before anything of it is staged. Pure:
// no clock, no network, no file system except VerifyDirectory. Every
// refusal is an Error with a stable reason of reasons.h.
//
// The kiosk's way through it:
//   1. root = LoadTrustedRoot(firmware_config/keys/root.json, or the last
//      root it accepted);
//   2. root = UpdateRootChain(root, [root/<N+1>.root.json, ...], now) with
//      every newer root the repository has (TUF 5.3);
//   3. bundle = VerifyBundle(root, identity, applied version, now,
//      targets.json, files) — or VerifyTargets first, then each download
//      with VerifyFile as it arrives, then VerifyFiles / VerifyDirectory.

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "kiosk/core/remote_config/metadata.h"

namespace kiosk::remote_config {

struct KioskIdentity {
  std::string kiosk_id;
  std::string region;
  std::vector<std::string> groups;
};

// Whether a threshold of `role`'s keys signed `envelope`. Each key counts
// once; a signature list naming a key twice is refused
// (duplicate_signature). Below the threshold the reason is bad_signature
// when a signature by one of the role's keys did not verify, unknown_key
// when no signature verified and some came from keys the role does not
// have, else threshold_not_met. `what` names the metadata in the detail.
Result<void> CheckSignatures(const RootMetadata& root, const RoleKeys& role,
                             const Envelope& envelope, const std::string& what);

// The trust anchor shipped in firmware_config/keys/root.json (or the last
// root the kiosk accepted): parsed and signed by a threshold of its own root
// keys. Its expiry is checked by UpdateRootChain, not here: an expired
// anchor can still be rotated forward.
Result<RootMetadata> LoadTrustedRoot(std::string_view bytes);

// One rotation step (TUF 5.3): `next` must be signed by a threshold of
// `trusted`'s root keys and by a threshold of its own root keys, and its
// version must be exactly trusted's + 1 (root_version otherwise).
Result<RootMetadata> UpdateRoot(const RootMetadata& trusted, std::string_view next);

// Every step of `newer` in order (versions N+1, N+2, ...), then the final
// root must not have expired at `now` (unix seconds): expired.
Result<RootMetadata> UpdateRootChain(const RootMetadata& trusted,
                                     const std::vector<std::string>& newer, std::int64_t now);

// targets.json: parsed, signed by a threshold of the root's targets keys,
// version above `current_version` (rollback), not expired at `now` and the
// root not expired either (expired).
Result<TargetsMetadata> VerifyTargets(const RootMetadata& root, std::string_view bytes,
                                      std::int64_t current_version, std::int64_t now);

// not_targeted unless the bundle names the kiosk's region (or "*"), one of
// its groups, or its id.
Result<void> CheckTargeted(const TargetsMetadata& targets, const KioskIdentity& identity);

// One download against its entry, as it arrives: unlisted_file when
// `path` is not in the metadata, else length_mismatch, hash_mismatch.
Result<void> VerifyFile(const TargetsMetadata& targets, const std::string& path,
                        std::string_view bytes);

// Exactly the listed files: each present (missing_file), matching
// (length_mismatch, hash_mismatch), and nothing else (unlisted_file).
Result<void> VerifyFiles(const TargetsMetadata& targets,
                         const std::map<std::string, std::string>& files);

// The same over a directory: every regular file under `dir`, recursively;
// a symbolic link or special file is refused (unsafe_path). A file's length
// is compared before it is read.
Result<void> VerifyDirectory(const TargetsMetadata& targets, const std::filesystem::path& dir);

// All of it at once: VerifyTargets, CheckTargeted, VerifyFiles.
Result<TargetsMetadata> VerifyBundle(const RootMetadata& root, const KioskIdentity& identity,
                                     std::int64_t current_version, std::int64_t now,
                                     std::string_view targets_json,
                                     const std::map<std::string, std::string>& files);

}  // namespace kiosk::remote_config
