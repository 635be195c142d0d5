#pragma once

// A root with its keys, a bundle's files and helpers to sign targets.json
// for the remote_config tests, in either signature scheme.

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "kiosk/core/remote_config/keys.h"
#include "kiosk/core/remote_config/metadata.h"
#include "kiosk/core/remote_config/verify.h"

namespace kiosk::remote_config::testing {

// 2027-01-15T08:00:00Z: "now" of every test.
inline constexpr std::int64_t kNow = 1800000000;
inline constexpr std::int64_t kDay = 24 * 3600;

inline PrivateKey NewKey(KeyScheme scheme) {
  auto key = PrivateKey::Generate(scheme);
  if (!key) throw std::runtime_error(key.error().Describe());
  return *key;
}

template <typename T>
T Must(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().Describe());
  return std::move(*result);
}

inline std::vector<PublicKey> Publics(const std::vector<PrivateKey>& keys) {
  std::vector<PublicKey> publics;
  for (const auto& key : keys) publics.push_back(key.Public());
  return publics;
}

struct Fixture {
  explicit Fixture(KeyScheme key_scheme, int targets_threshold = 1, int root_key_count = 1)
      : scheme(key_scheme) {
    for (int i = 0; i < root_key_count; ++i) root_keys.push_back(NewKey(scheme));
    targets_keys = {NewKey(scheme), NewKey(scheme)};
    root_spec.version = 1;
    root_spec.expires = kNow + 365 * kDay;
    root_spec.root_keys = Publics(root_keys);
    root_spec.root_threshold = 1;
    root_spec.targets_keys = Publics(targets_keys);
    root_spec.targets_threshold = targets_threshold;
    root_json = Must(SignMetadata(RootSigned(root_spec), root_keys));
    root = Must(LoadTrustedRoot(root_json));
    files = {{"kiosk.json", R"({"kiosk_id": "K-1"})"},
             {"catalog/catalog.json", R"({"items": ["社保查询"]})"},
             {"ui/zh-CN.json", R"({"home.title": "政务服务"})"}};
  }

  TargetsSpec Spec(std::int64_t version = 2) const {
    TargetsSpec spec;
    spec.version = version;
    spec.expires = kNow + 30 * kDay;
    spec.target.regions = {"440300"};
    for (const auto& [path, bytes] : files) {
      spec.files[path] = {static_cast<std::int64_t>(bytes.size()), Sha256Hex(bytes)};
    }
    return spec;
  }

  std::string Sign(const TargetsSpec& spec) const {
    return Must(SignMetadata(TargetsSigned(spec), {targets_keys[0]}));
  }
  std::string Sign(const TargetsSpec& spec, const std::vector<PrivateKey>& keys) const {
    return Must(SignMetadata(TargetsSigned(spec), keys));
  }

  Result<TargetsMetadata> Verify(const std::string& targets_json,
                                 std::int64_t current_version = 1) const {
    return VerifyBundle(root, identity, current_version, kNow, targets_json, files);
  }

  KeyScheme scheme;
  std::vector<PrivateKey> root_keys;
  std::vector<PrivateKey> targets_keys;
  RootSpec root_spec;
  std::string root_json;
  RootMetadata root;
  std::map<std::string, std::string> files;
  KioskIdentity identity{"K-0001", "440300", {"hall-futian"}};
};

// The refusal's reason, or "accepted".
template <typename T>
std::string ReasonOf(const Result<T>& result) {
  return result ? "accepted" : result.error().reason;
}

}  // namespace kiosk::remote_config::testing
