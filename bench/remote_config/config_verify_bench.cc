// Verifying a configuration bundle of the shipped firmware_config (catalog,
// texts, devices; keys/dev-private left out), signed with the development
// targets keys, once per signature scheme: targets.json (parse, canonical
// form, signature) and the files (length + SHA-256 of each), from memory —
// what a kiosk pays per update before staging. Prints p50/p99/max.
//
//   config_verify_bench [CONFIG_DIR] [RUNS]

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bench/bench_support.h"
#include "kiosk/core/remote_config/verify.h"

namespace {

namespace fs = std::filesystem;
namespace rc = kiosk::remote_config;
using kiosk::bench::Must;
using kiosk::bench::ReadFile;
using kiosk::bench::Report;
using Clock = std::chrono::steady_clock;

}  // namespace

int main(int argc, char** argv) {
  const fs::path config = argc > 1 ? argv[1] : KIOSK_CONFIG_DIR;
  const int runs = argc > 2 ? std::stoi(argv[2]) : 200;
  const fs::path keys = config / "keys";
  const auto root = Must(rc::LoadTrustedRoot(ReadFile(keys / "root.json")));

  std::map<std::string, std::string> files;
  rc::TargetsSpec spec;
  spec.version = 2;
  spec.expires = 4102444800;  // 2100-01-01
  spec.target.regions = {"440300"};
  std::size_t bytes = 0;
  for (auto walk = fs::recursive_directory_iterator(config);
       walk != fs::recursive_directory_iterator(); ++walk) {
    const std::string path = fs::relative(walk->path(), config).generic_string();
    if (path == "keys/dev-private") walk.disable_recursion_pending();
    if (!walk->is_regular_file() || path.starts_with("keys/dev-private")) continue;
    files[path] = ReadFile(walk->path());
    spec.files[path] = {static_cast<std::int64_t>(files[path].size()), rc::Sha256Hex(files[path])};
    bytes += files[path].size();
  }
  const std::int64_t now = 1800000000;
  const rc::KioskIdentity identity{"K-0001", "440300", {}};
  std::printf("bundle of %s: %zu files, %zu bytes\n", config.c_str(), files.size(), bytes);

  for (const char* key_name : {"targets-ed25519", "targets-sm2"}) {
    const auto key =
        Must(rc::PrivateKey::FromFile(keys / "dev-private" / (std::string(key_name) + ".key")));
    const std::string targets_json = Must(rc::SignMetadata(rc::TargetsSigned(spec), {key}));
    std::vector<double> metadata_ms;
    std::vector<double> files_ms;
    std::vector<double> total_ms;
    for (int run = 0; run < runs; ++run) {
      const auto start = Clock::now();
      const auto targets = Must(rc::VerifyTargets(root, targets_json, 1, now));
      const auto checked = Clock::now();
      if (!rc::CheckTargeted(targets, identity) || !rc::VerifyFiles(targets, files)) {
        std::fprintf(stderr, "the bundle did not verify\n");
        return 1;
      }
      const auto done = Clock::now();
      metadata_ms.push_back(std::chrono::duration<double, std::milli>(checked - start).count());
      files_ms.push_back(std::chrono::duration<double, std::milli>(done - checked).count());
      total_ms.push_back(std::chrono::duration<double, std::milli>(done - start).count());
    }
    const std::string scheme = rc::ToString(key.scheme());
    Report(scheme + ": targets.json (parse+sig)", metadata_ms);
    Report(scheme + ": files (length+SHA-256)", files_ms);
    Report(scheme + ": whole bundle", total_ms);
  }
  return 0;
}
