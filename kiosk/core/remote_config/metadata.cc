#include "kiosk/core/remote_config/metadata.h"

#include <set>

#include "kiosk/core/remote_config/canonical_json.h"
#include "kiosk/core/remote_config/iso_time.h"
#include "kiosk/core/remote_config/reasons.h"

namespace kiosk::remote_config {
namespace {

using nlohmann::json;

std::unexpected<Error> Malformed(const std::string& detail) {
  return std::unexpected(Error(ErrorCode::kInvalidData, detail, reason::kMalformed));
}

// The members of `object` must be exactly `allowed`: a misspelt or
// unknown member is refused, not silently ignored.
std::optional<std::string> MembersProblem(const json& object, const std::string& where,
                                          const std::set<std::string>& allowed) {
  if (!object.is_object()) return where + " is not an object";
  for (const auto& [name, value] : object.items()) {
    if (!allowed.contains(name)) return where + " has an unknown member \"" + name + "\"";
  }
  for (const auto& name : allowed) {
    if (!object.contains(name)) return where + " has no \"" + name + "\"";
  }
  return std::nullopt;
}

std::optional<std::int64_t> PositiveInteger(const json& value, std::int64_t minimum) {
  if (!value.is_number_integer()) return std::nullopt;
  if (value.is_number_unsigned() && value.get<std::uint64_t>() > INT64_MAX) return std::nullopt;
  const auto number = value.get<std::int64_t>();
  if (number < minimum) return std::nullopt;
  return number;
}

std::optional<std::vector<std::string>> Strings(const json& value) {
  if (!value.is_array()) return std::nullopt;
  std::vector<std::string> strings;
  for (const auto& member : value) {
    if (!member.is_string() || member.get<std::string>().empty()) return std::nullopt;
    strings.push_back(member.get<std::string>());
  }
  return strings;
}

bool IsLowerHex(std::string_view text, std::size_t size) {
  if (text.size() != size) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// The envelope common to both roles, and the members every "signed" has.
struct Common {
  Envelope envelope;
  std::int64_t version = 0;
  std::int64_t expires = 0;
};

Result<Common> ParseCommon(std::string_view bytes, const std::string& type,
                           const std::set<std::string>& signed_members) {
  if (bytes.size() > kMaxMetadataBytes) {
    return Malformed(type + " metadata of " + std::to_string(bytes.size()) + " bytes");
  }
  json document = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return Malformed(type + " metadata is not JSON");
  if (auto problem = MembersProblem(document, type + " metadata", {"signed", "signatures"})) {
    return Malformed(*problem);
  }
  Common common;
  json& signed_part = document["signed"];
  if (auto problem = MembersProblem(signed_part, "\"signed\"", signed_members)) {
    return Malformed(*problem);
  }
  if (signed_part["type"] != type) {
    return Malformed("\"signed\".type is not \"" + type + "\"");
  }
  auto version = PositiveInteger(signed_part["version"], 1);
  if (!version) return Malformed("\"signed\".version is not an integer of at least 1");
  common.version = *version;
  const json& expires = signed_part["expires"];
  auto expires_at = expires.is_string() ? ParseIsoUtc(expires.get<std::string>()) : std::nullopt;
  if (!expires_at) return Malformed("\"signed\".expires is not YYYY-MM-DDTHH:MM:SSZ");
  common.expires = *expires_at;

  const json& signatures = document["signatures"];
  if (!signatures.is_array()) return Malformed("\"signatures\" is not an array");
  for (const auto& entry : signatures) {
    if (auto problem = MembersProblem(entry, "a signature", {"keyid", "sig"})) {
      return Malformed(*problem);
    }
    if (!entry["keyid"].is_string() || !entry["sig"].is_string()) {
      return Malformed("a signature's keyid or sig is not a string");
    }
    auto sig = Base64Decode(entry["sig"].get<std::string>());
    if (!sig) return Malformed("a signature is not base64");
    common.envelope.signatures.push_back({entry["keyid"].get<std::string>(), std::move(*sig)});
  }
  auto canonical = CanonicalJson(signed_part);
  if (!canonical) return std::unexpected(canonical.error());
  common.envelope.canonical = std::move(*canonical);
  common.envelope.signed_part = std::move(signed_part);
  return common;
}

Result<RoleKeys> ParseRole(const json& role, const std::string& name,
                           const std::map<std::string, PublicKey>& keys) {
  const std::string where = "role \"" + name + "\"";
  if (auto problem = MembersProblem(role, where, {"keyids", "threshold"})) {
    return Malformed(*problem);
  }
  RoleKeys parsed;
  auto keyids = Strings(role["keyids"]);
  if (!keyids) return Malformed(where + ".keyids is not an array of key ids");
  std::set<std::string> seen;
  for (const auto& keyid : *keyids) {
    if (!keys.contains(keyid)) return Malformed(where + " names key " + keyid + " not in keys");
    if (!seen.insert(keyid).second) return Malformed(where + " names key " + keyid + " twice");
  }
  parsed.keyids = std::move(*keyids);
  auto threshold = PositiveInteger(role["threshold"], 1);
  if (!threshold || *threshold > static_cast<std::int64_t>(parsed.keyids.size())) {
    return Malformed(where + ".threshold is not between 1 and its number of keys");
  }
  parsed.threshold = static_cast<int>(*threshold);
  return parsed;
}

}  // namespace

bool IsSafeTargetPath(std::string_view path) {
  if (path.empty() || path.size() > 1024) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = path.find('/', start);
    const std::string_view name =
        path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (name.empty() || name == "." || name == "..") return false;
    for (unsigned char c : name) {
      if (c < 0x20 || c == 0x7f || c == '\\') return false;
    }
    if (end == std::string_view::npos) return true;
    start = end + 1;
  }
}

Result<RootMetadata> ParseRoot(std::string_view bytes) {
  auto common = ParseCommon(bytes, "root", {"type", "version", "expires", "keys", "roles"});
  if (!common) return std::unexpected(common.error());
  RootMetadata root;
  root.version = common->version;
  root.expires = common->expires;
  const json& signed_part = common->envelope.signed_part;
  const json& keys = signed_part["keys"];
  if (!keys.is_object()) return Malformed("\"signed\".keys is not an object");
  for (const auto& [keyid, entry] : keys.items()) {
    const std::string where = "key " + keyid;
    if (auto problem = MembersProblem(entry, where, {"scheme", "public"})) {
      return Malformed(*problem);
    }
    auto scheme = entry["scheme"].is_string() ? ParseKeyScheme(entry["scheme"].get<std::string>())
                                              : std::nullopt;
    if (!scheme) return Malformed(where + ": scheme is not \"ed25519\" or \"sm2-sm3\"");
    if (!entry["public"].is_string()) return Malformed(where + ": public is not a string");
    auto key = PublicKey::FromPem(entry["public"].get<std::string>(), *scheme);
    if (!key) return Malformed(where + ": " + key.error().detail);
    if (key->KeyId() != keyid) {
      return Malformed(where + " is not the SHA-256 of its key (" + key->KeyId() + ")");
    }
    root.keys.emplace(keyid, std::move(*key));
  }
  const json& roles = signed_part["roles"];
  if (auto problem = MembersProblem(roles, "\"signed\".roles", {"root", "targets"})) {
    return Malformed(*problem);
  }
  auto root_role = ParseRole(roles["root"], "root", root.keys);
  if (!root_role) return std::unexpected(root_role.error());
  auto targets_role = ParseRole(roles["targets"], "targets", root.keys);
  if (!targets_role) return std::unexpected(targets_role.error());
  root.root = std::move(*root_role);
  root.targets = std::move(*targets_role);
  root.envelope = std::move(common->envelope);
  return root;
}

Result<TargetsMetadata> ParseTargets(std::string_view bytes) {
  auto common = ParseCommon(bytes, "targets", {"type", "version", "expires", "target", "files"});
  if (!common) return std::unexpected(common.error());
  TargetsMetadata targets;
  targets.version = common->version;
  targets.expires = common->expires;
  const json& signed_part = common->envelope.signed_part;

  const json& target = signed_part["target"];
  if (auto problem = MembersProblem(target, "\"signed\".target", {"regions", "groups", "kiosks"})) {
    return Malformed(*problem);
  }
  auto regions = Strings(target["regions"]);
  auto groups = Strings(target["groups"]);
  auto kiosks = Strings(target["kiosks"]);
  if (!regions || !groups || !kiosks) {
    return Malformed("\"signed\".target lists are not arrays of non-empty strings");
  }
  if (regions->empty() && groups->empty() && kiosks->empty()) {
    return Malformed("\"signed\".target names no region, group or kiosk");
  }
  targets.target = {std::move(*regions), std::move(*groups), std::move(*kiosks)};

  const json& files = signed_part["files"];
  if (!files.is_object()) return Malformed("\"signed\".files is not an object");
  for (const auto& [path, entry] : files.items()) {
    if (!IsSafeTargetPath(path)) {
      return std::unexpected(Error(ErrorCode::kInvalidData,
                                   "file name \"" + path + "\" could leave the bundle",
                                   reason::kUnsafePath));
    }
    const std::string where = "file " + path;
    if (auto problem = MembersProblem(entry, where, {"length", "sha256"})) {
      return Malformed(*problem);
    }
    auto length = PositiveInteger(entry["length"], 0);
    if (!length) return Malformed(where + ": length is not an integer of at least 0");
    if (!entry["sha256"].is_string() || !IsLowerHex(entry["sha256"].get<std::string>(), 64)) {
      return Malformed(where + ": sha256 is not 64 lowercase hex digits");
    }
    targets.files.emplace(path, TargetFile{*length, entry["sha256"].get<std::string>()});
  }
  // "a" and "a/b" cannot both be files of one directory.
  for (const auto& [path, file] : targets.files) {
    for (std::size_t slash = path.find('/'); slash != std::string::npos;
         slash = path.find('/', slash + 1)) {
      if (targets.files.contains(path.substr(0, slash))) {
        return std::unexpected(Error(ErrorCode::kInvalidData,
                                     "\"" + path.substr(0, slash) + "\" is a file and a folder",
                                     reason::kUnsafePath));
      }
    }
  }
  targets.envelope = std::move(common->envelope);
  return targets;
}

nlohmann::json RootSigned(const RootSpec& spec) {
  json keys = json::object();
  json root_ids = json::array();
  json targets_ids = json::array();
  for (const auto& key : spec.root_keys) {
    keys[key.KeyId()] = {{"scheme", ToString(key.scheme())}, {"public", key.Pem()}};
    root_ids.push_back(key.KeyId());
  }
  for (const auto& key : spec.targets_keys) {
    keys[key.KeyId()] = {{"scheme", ToString(key.scheme())}, {"public", key.Pem()}};
    targets_ids.push_back(key.KeyId());
  }
  return {{"type", "root"},
          {"version", spec.version},
          {"expires", FormatIsoUtc(spec.expires)},
          {"keys", keys},
          {"roles",
           {{"root", {{"keyids", root_ids}, {"threshold", spec.root_threshold}}},
            {"targets", {{"keyids", targets_ids}, {"threshold", spec.targets_threshold}}}}}};
}

nlohmann::json TargetsSigned(const TargetsSpec& spec) {
  json files = json::object();
  for (const auto& [path, file] : spec.files) {
    files[path] = {{"length", file.length}, {"sha256", file.sha256}};
  }
  return {{"type", "targets"},
          {"version", spec.version},
          {"expires", FormatIsoUtc(spec.expires)},
          {"target",
           {{"regions", spec.target.regions},
            {"groups", spec.target.groups},
            {"kiosks", spec.target.kiosks}}},
          {"files", files}};
}

Result<std::string> SignMetadata(const nlohmann::json& signed_part,
                                 const std::vector<PrivateKey>& keys) {
  auto canonical = CanonicalJson(signed_part);
  if (!canonical) return std::unexpected(canonical.error());
  json signatures = json::array();
  for (const auto& key : keys) {
    auto sig = key.Sign(*canonical);
    if (!sig) return std::unexpected(sig.error());
    signatures.push_back({{"keyid", key.KeyId()}, {"sig", Base64Encode(*sig)}});
  }
  json document = {{"signed", signed_part}, {"signatures", signatures}};
  return document.dump(2, ' ', /*ensure_ascii=*/false) + "\n";
}

}  // namespace kiosk::remote_config
