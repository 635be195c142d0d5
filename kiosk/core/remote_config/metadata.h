#pragma once

// TUF-style metadata of configuration bundles (docs/CONFIG_BUNDLES.md):
// root.json names the keys and thresholds of the roles root and targets;
// targets.json lists every file of a bundle with its length and SHA-256,
// says whom the bundle is for, and carries a version and an expiry. Both
// are {"signed": {...}, "signatures": [{"keyid", "sig"}]}, the signatures
// over the canonical form of "signed" (canonical_json.h).
//
// Parsing checks the structure only; verify.h checks signatures, versions,
// expiry, targeting and files. Every refusal is kInvalidData with reason
// "malformed" (or "unsafe_path" for a file name that could leave the
// bundle's directory), the detail naming the member.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "kiosk/core/remote_config/keys.h"

namespace kiosk::remote_config {

// Metadata larger than this is refused before it is parsed.
inline constexpr std::size_t kMaxMetadataBytes = 4 * 1024 * 1024;

struct Signature {
  std::string keyid;
  std::string sig;  // Raw bytes (base64 in the file).
};

struct Envelope {
  nlohmann::json signed_part;
  std::string canonical;  // The bytes the signatures are over.
  std::vector<Signature> signatures;
};

struct RoleKeys {
  std::vector<std::string> keyids;
  int threshold = 1;
};

struct RootMetadata {
  std::int64_t version = 0;
  std::int64_t expires = 0;               // Unix seconds.
  std::map<std::string, PublicKey> keys;  // By key id.
  RoleKeys root;
  RoleKeys targets;
  Envelope envelope;
};

struct TargetFile {
  std::int64_t length = 0;
  std::string sha256;  // 64 lowercase hex digits.
  bool operator==(const TargetFile&) const = default;
};

// Whom a bundle is for: a kiosk is targeted when its region is one of
// `regions` ("*" is every region), one of its groups is one of `groups`, or
// its id is one of `kiosks`. At least one list is not empty.
struct Targeting {
  std::vector<std::string> regions;
  std::vector<std::string> groups;
  std::vector<std::string> kiosks;
};

struct TargetsMetadata {
  std::int64_t version = 0;
  std::int64_t expires = 0;
  Targeting target;
  std::map<std::string, TargetFile> files;  // By relative path.
  Envelope envelope;
};

Result<RootMetadata> ParseRoot(std::string_view bytes);
Result<TargetsMetadata> ParseTargets(std::string_view bytes);

// A relative path of '/'-separated names, none empty, "." or "..", no
// backslash or control character, at most 1024 bytes: a path that stays
// inside the directory it is joined to.
bool IsSafeTargetPath(std::string_view path);

// Headquarters' side: the "signed" objects, and a signed file.
struct RootSpec {
  std::int64_t version = 1;
  std::int64_t expires = 0;
  std::vector<PublicKey> root_keys;
  int root_threshold = 1;
  std::vector<PublicKey> targets_keys;
  int targets_threshold = 1;
};
nlohmann::json RootSigned(const RootSpec& spec);

struct TargetsSpec {
  std::int64_t version = 1;
  std::int64_t expires = 0;
  Targeting target;
  std::map<std::string, TargetFile> files;
};
nlohmann::json TargetsSigned(const TargetsSpec& spec);

// {"signed": signed_part, "signatures": [...]} by each key, as the text of
// a file (indented for people; the signatures do not depend on it).
Result<std::string> SignMetadata(const nlohmann::json& signed_part,
                                 const std::vector<PrivateKey>& keys);

}  // namespace kiosk::remote_config
