// libFuzzer target: the metadata parsers of configuration bundles, which
// see every byte a kiosk downloads from the configuration repository
// before anything is trusted. Besides not crashing, it checks what they
// promise: a refusal always has a reason; accepted targets name only safe
// paths with 64-hex hashes and whom they are for; an accepted root's roles
// name known keys within their thresholds.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "kiosk/core/remote_config/metadata.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace rc = kiosk::remote_config;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto targets = rc::ParseTargets(input);
  if (targets) {
    for (const auto& [path, file] : targets->files) {
      if (!rc::IsSafeTargetPath(path) || file.sha256.size() != 64 || file.length < 0) {
        std::abort();
      }
    }
    const auto& target = targets->target;
    if (target.regions.empty() && target.groups.empty() && target.kiosks.empty()) std::abort();
  } else if (targets.error().reason.empty()) {
    std::abort();
  }
  auto root = rc::ParseRoot(input);
  if (root) {
    for (const auto* role : {&root->root, &root->targets}) {
      if (role->threshold < 1 || role->threshold > static_cast<int>(role->keyids.size())) {
        std::abort();
      }
      for (const auto& keyid : role->keyids) {
        if (!root->keys.contains(keyid)) std::abort();
      }
    }
  } else if (root.error().reason.empty()) {
    std::abort();
  }
  return 0;
}
