#pragma once

// The kiosk's side of remote configuration, up to "staged": asks the
// repository for news (a conditional GET of targets.json), follows root
// rotations, verifies everything (docs/CONFIG_BUNDLES.md) and writes a new
// version whole into the ConfigStore. Applying it — between citizens, with
// the health check and the rollback — is the program's part (the session
// and the UI must take part), see kiosk/app/config_apply_loop.
//
// Every refusal is recorded in the store (so the same bad bundle is not
// fetched and refused again each poll) and reported to headquarters with
// its reason; the running configuration is never touched by a refusal.

#include <cstdint>
#include <optional>
#include <string>

#include "common/error.h"
#include "kiosk/core/central/headquarters_client.h"
#include "kiosk/core/config_apply/config_store.h"
#include "kiosk/core/remote_config/verify.h"

namespace kiosk {

struct UpdaterOptions {
  std::string shipped_root_file;   // firmware_config/keys/root.json as installed.
  std::string accepted_root_file;  // Where a rotated root is kept (data directory).
  remote_config::KioskIdentity identity;
  long max_metadata_bytes = 4L * 1024 * 1024;
  long max_file_bytes = 16L * 1024 * 1024;
};

// What one check found.
struct UpdateCheck {
  enum class Outcome {
    kNothingNew,  // 304, or the version this kiosk runs or refused already.
    kStaged,      // `version` is written whole, ready to apply.
    kRefused,     // `error` says why (reason from remote_config/reasons.h or a transport reason).
  };
  Outcome outcome = Outcome::kNothingNew;
  std::int64_t version = 0;
  Error error;
};

class ConfigUpdater {
 public:
  ConfigUpdater(UpdaterOptions options, HeadquartersClient& headquarters, ConfigStore& store);

  // One poll at `now` (unix seconds). A network failure is kRefused with a
  // transport reason too, but is not recorded as a refused version.
  UpdateCheck CheckOnce(std::int64_t now);

  // Sends the state to headquarters: the applied version and, when given,
  // what was refused or rolled back. Failures are logged (the next poll
  // reports again).
  void Report(const std::string& event, std::int64_t version, const Error* error);

 private:
  Result<remote_config::RootMetadata> TrustedRoot(std::int64_t now);
  UpdateCheck Refuse(std::int64_t version, Error error);

  UpdaterOptions options_;
  HeadquartersClient& headquarters_;
  ConfigStore& store_;
  std::string targets_etag_;
};

}  // namespace kiosk
