#pragma once

// The reasons a configuration bundle is refused (Error::reason). Each is
// stable: the kiosk logs it and reports it to headquarters, the tests and
// kioskctl match on it. docs/CONFIG_BUNDLES.md explains each.

namespace kiosk::remote_config::reason {

inline constexpr const char* kMalformed = "malformed";  // Not JSON, wrong types, wrong "type".
inline constexpr const char* kBadSignature = "bad_signature";
inline constexpr const char* kUnknownKey = "unknown_key";
inline constexpr const char* kThresholdNotMet = "threshold_not_met";
inline constexpr const char* kDuplicateSignature = "duplicate_signature";
inline constexpr const char* kRollback = "rollback";  // Version equal to or lower than current.
inline constexpr const char* kExpired = "expired";    // Freeze attack, or headquarters stopped.
inline constexpr const char* kNotTargeted = "not_targeted";
inline constexpr const char* kHashMismatch = "hash_mismatch";
inline constexpr const char* kLengthMismatch = "length_mismatch";
inline constexpr const char* kMissingFile = "missing_file";
inline constexpr const char* kUnlistedFile = "unlisted_file";
inline constexpr const char* kUnsafePath = "unsafe_path";    // "..", absolute, backslash, ...
inline constexpr const char* kRootVersion = "root_version";  // Rotation skipped a version.

}  // namespace kiosk::remote_config::reason
