// The kiosk's apply sequence, looping until killed: the crash test SIGKILLs
// it at random moments. Each version holds FILES files whose every byte
// names the version, so a checker can tell a whole tree from a torn one.
// Every fifth version "fails its health check" and is rolled back. A start
// that finds the current version still on trial rolls it back, as the
// kiosk does. Phases are printed (unbuffered) so the test can say where
// the kills landed.
//
//   config_apply_crash_driver ROOT FILES

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/core/config_apply/config_store.h"

namespace {

std::string FileBytes(std::int64_t version, int index) {
  std::string bytes =
      "version " + std::to_string(version) + " file " + std::to_string(index) + "\n";
  while (bytes.size() < 4096) bytes += bytes;
  return bytes.substr(0, 4096);
}

int Fail(const char* what, const kiosk::Error& error) {
  std::fprintf(stderr, "%s: %s\n", what, error.Describe().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s ROOT FILES\n", argv[0]);
    return 2;
  }
  std::setvbuf(stdout, nullptr, _IONBF, 0);
  kiosk::ConfigStore store(argv[1]);
  const int files = std::atoi(argv[2]);
  if (auto ok = store.Prepare(); !ok) return Fail("prepare", ok.error());
  if (store.Current() && store.OnTrial() == store.Current()) {
    std::printf("rollback-at-start %lld\n", static_cast<long long>(*store.Current()));
    if (auto ok = store.RollBack("health_check_not_finished"); !ok) {
      return Fail("rollback at start", ok.error());
    }
  }
  std::int64_t next = 1;
  std::error_code error;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(argv[1]) / "versions", error)) {
    next = std::max<std::int64_t>(next, std::atoll(entry.path().filename().c_str()) + 1);
  }
  if (auto refused = store.LastRefused()) next = std::max(next, refused->version + 1);
  if (auto current = store.Current()) next = std::max(next, *current + 1);

  for (;; ++next) {
    std::vector<kiosk::ConfigFile> tree;
    for (int i = 0; i < files; ++i) {
      tree.push_back(
          {"dir" + std::to_string(i % 3) + "/file" + std::to_string(i), FileBytes(next, i)});
    }
    std::printf("stage %lld\n", static_cast<long long>(next));
    if (auto ok = store.Stage(next, tree); !ok) return Fail("stage", ok.error());
    std::printf("activate %lld\n", static_cast<long long>(next));
    if (auto ok = store.Activate(next); !ok) return Fail("activate", ok.error());
    if (next % 5 == 0) {
      std::printf("rollback %lld\n", static_cast<long long>(next));
      if (auto ok = store.RollBack("health_check_failed"); !ok) return Fail("rollback", ok.error());
    } else {
      std::printf("confirm %lld\n", static_cast<long long>(next));
      if (auto ok = store.Confirm(); !ok) return Fail("confirm", ok.error());
    }
    std::printf("prune %lld\n", static_cast<long long>(next));
    if (auto ok = store.Prune(); !ok) return Fail("prune", ok.error());
  }
}
