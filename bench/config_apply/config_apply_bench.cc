// Verify + apply of a bundle of the shipped configuration (issue 7's
// figure): verify targets.json and every file (Ed25519), write the version
// whole into a ConfigStore (each file and directory fsync'd, then renamed),
// switch to it, load what the kiosk loads before its health check (kiosk
// config for this terminal, the catalog with full validation, the texts,
// the search index), confirm and prune. Prints p50/p99/max of each part
// and of the whole.
//
//   config_apply_bench [CONFIG_DIR] [RUNS] [WORK_DIR]

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
#include "kiosk/core/catalog/catalog.h"
#include "kiosk/core/catalog/catalog_search.h"
#include "kiosk/core/config/kiosk_config.h"
#include "kiosk/core/config/text_table.h"
#include "kiosk/core/config_apply/config_store.h"
#include "kiosk/core/remote_config/verify.h"

namespace {

namespace fs = std::filesystem;
namespace rc = kiosk::remote_config;
using kiosk::bench::Must;
using kiosk::bench::ReadFile;
using kiosk::bench::Report;
using Clock = std::chrono::steady_clock;

double Ms(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path config = argc > 1 ? argv[1] : KIOSK_CONFIG_DIR;
  const int runs = argc > 2 ? std::stoi(argv[2]) : 30;
  const fs::path work =
      argc > 3 ? fs::path(argv[3]) : fs::temp_directory_path() / "config-apply-bench";
  fs::remove_all(work);
  const auto root = Must(rc::LoadTrustedRoot(ReadFile(config / "keys" / "root.json")));
  const auto key =
      Must(rc::PrivateKey::FromFile(config / "keys" / "dev-private" / "targets-ed25519.key"));
  const auto terminal = Must(kiosk::LoadKioskConfig(config.string()));

  std::map<std::string, std::string> files;
  for (auto walk = fs::recursive_directory_iterator(config);
       walk != fs::recursive_directory_iterator(); ++walk) {
    const std::string path = fs::relative(walk->path(), config).generic_string();
    if (path == "keys") walk.disable_recursion_pending();
    if (!walk->is_regular_file() || path.starts_with("keys")) continue;
    files[path] = ReadFile(walk->path());
  }
  kiosk::ConfigStore store((work / "config").string());
  Must(store.Prepare());
  std::vector<double> verify_ms, stage_ms, switch_ms, load_ms, total_ms;
  std::size_t items = 0;
  for (int run = 0; run < runs; ++run) {
    const std::int64_t version = run + 1;
    rc::TargetsSpec spec;
    spec.version = version;
    spec.expires = 4102444800;  // 2100-01-01
    spec.target.regions = {terminal.home_region};
    for (const auto& [path, bytes] : files) {
      spec.files[path] = {static_cast<std::int64_t>(bytes.size()), rc::Sha256Hex(bytes)};
    }
    const std::string targets_json = Must(rc::SignMetadata(rc::TargetsSigned(spec), {key}));

    const auto start = Clock::now();
    const auto targets = Must(rc::VerifyTargets(root, targets_json, version - 1, 1800000000));
    Must(rc::CheckTargeted(targets, {terminal.kiosk_id, terminal.home_region, terminal.groups}));
    Must(rc::VerifyFiles(targets, files));
    const auto verified = Clock::now();
    std::vector<kiosk::ConfigFile> tree;
    for (const auto& [path, bytes] : files) tree.push_back({path, bytes});
    Must(store.Stage(version, tree));
    const auto staged = Clock::now();
    Must(store.Activate(version));
    const auto switched = Clock::now();
    const auto loaded_config = Must(kiosk::LoadKioskConfig(store.CurrentDir(), &terminal));
    const auto catalog = Must(kiosk::Catalog::Load(loaded_config.catalog_dir));
    const auto texts = Must(kiosk::TextTable::Load(loaded_config.texts_file));
    const auto search = Must(kiosk::CatalogSearch::Create(
        catalog, (fs::path(loaded_config.config_dir) / "search" / "hanzi_pinyin.txt").string()));
    items = catalog.Items().size();
    const auto loaded = Clock::now();
    Must(store.Confirm());
    Must(store.Prune());
    const auto done = Clock::now();
    verify_ms.push_back(Ms(start, verified));
    stage_ms.push_back(Ms(verified, staged));
    switch_ms.push_back(Ms(staged, switched));
    load_ms.push_back(Ms(switched, loaded));
    total_ms.push_back(Ms(start, done));
  }
  std::printf("bundle: %zu files, catalog of %zu items\n", files.size(), items);
  Report("verify (targets.json Ed25519 + files)", verify_ms);
  Report("stage (write + fsync every file, rename)", stage_ms);
  Report("switch (trial mark, symlinks)", switch_ms);
  Report("load (config, catalog validated, texts, search)", load_ms);
  Report("verify + apply, whole", total_ms);
  fs::remove_all(work);
  return 0;
}
