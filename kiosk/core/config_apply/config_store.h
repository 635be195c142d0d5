#pragma once

// Where the kiosk keeps the configurations headquarters sent it, so that a
// power cut at any moment leaves either the old configuration or the new
// one, whole, and a new one that proves bad is undone by itself.
//
//   ROOT/versions/<N>/…   one whole configuration tree per version
//   ROOT/current  -> versions/<N>   (symlink: what the kiosk runs)
//   ROOT/previous -> versions/<M>   (what a rollback returns to)
//   ROOT/trial      "<N>": N is applied but has not passed its health check
//   ROOT/refused    "<N> <reason>": the last version undone or refused
//   ROOT/staging/   trees being written
//
// A version is written under staging/, every file and directory fsync'd,
// then renamed into versions/ — so a name in versions/ is always whole.
// Switching is one rename of a symlink. A kiosk that starts with a version
// still on trial died before the health check passed: it rolls back.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"

namespace kiosk {

struct ConfigFile {
  std::string path;  // Relative, '/'-separated, no "." or ".." parts.
  std::string bytes;
};

struct RefusedVersion {
  std::int64_t version = 0;
  std::string reason;
};

class ConfigStore {
 public:
  explicit ConfigStore(std::string root);

  // Creates the layout and clears what an interrupted Stage left.
  Result<void> Prepare();

  std::optional<std::int64_t> Current() const;
  std::optional<std::int64_t> Previous() const;
  std::optional<std::int64_t> OnTrial() const;
  std::optional<RefusedVersion> LastRefused() const;
  // ROOT/current: the directory the kiosk loads (through the symlink).
  std::string CurrentDir() const;
  std::string VersionDir(std::int64_t version) const;

  // Writes version N whole, replacing a tree of N that was staged but never
  // switched to (kSequence when N is current or previous; kInvalidData for
  // a path that would leave the tree).
  Result<void> Stage(std::int64_t version, const std::vector<ConfigFile>& files);
  // previous := current, trial := N, current := N.
  Result<void> Activate(std::int64_t version);
  // The version on trial passed its health check.
  Result<void> Confirm();
  // current := previous, or no current (the installed configuration) when
  // there is no other previous version; the undone version is recorded as refused with `reason` and
  // its tree deleted. kSequence when nothing from headquarters is applied.
  Result<void> RollBack(const std::string& reason);
  // Records a bundle refused before it was applied (bad signature, …).
  Result<void> RecordRefusal(std::int64_t version, const std::string& reason);
  // Deletes versions other than current and previous.
  Result<void> Prune();

 private:
  std::optional<std::int64_t> LinkVersion(const char* name) const;
  Result<void> WriteSmallFile(const char* name, const std::string& text);

  std::string root_;
};

}  // namespace kiosk
