// Power loss during apply (issue 7): the apply sequence is SIGKILLed at
// random moments, at least 200 times; after every kill the configuration
// the kiosk would load (ROOT/current, or the shipped one when there is
// none) and the one a rollback would return to (ROOT/previous) are each
// one whole version — every file present, every byte of that version. The
// test prints how many kills landed in each phase.
//
// The seed is fixed and printed; KIOSK_CRASH_SEED overrides it.

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <thread>

#include "tests/support/temp_dir.h"

namespace kiosk::testing {
namespace {

namespace fs = std::filesystem;

constexpr int kKills = 200;
constexpr int kFiles = 12;
constexpr std::uint64_t kDefaultSeed = 20261205;

std::uint64_t Seed() {
  if (const char* text = std::getenv("KIOSK_CRASH_SEED")) return std::stoull(text);
  return kDefaultSeed;
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

// "" when `link` is a whole version, else what is wrong with it.
std::string CheckWhole(const fs::path& root, const char* link) {
  std::error_code error;
  const fs::path target = fs::read_symlink(root / link, error);
  if (error) return "";  // No link: the shipped configuration (or no rollback target).
  const fs::path tree = root / target;
  if (!fs::is_directory(tree)) return std::string(link) + " -> " + target.string() + " is missing";
  const std::string version = target.filename().string();
  int count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(tree)) {
    if (!entry.is_regular_file()) continue;
    ++count;
    const std::string bytes = ReadAll(entry.path());
    const std::string mark = "version " + version + " file ";
    if (bytes.size() != 4096 || bytes.rfind(mark, 0) != 0) {
      return std::string(link) + ": " + entry.path().string() + " is torn or from another version";
    }
  }
  if (count != kFiles) {
    return std::string(link) + ": version " + version + " has " + std::to_string(count) +
           " files, not " + std::to_string(kFiles);
  }
  return "";
}

// The last whole line the driver printed: the phase it was killed in.
std::string LastPhase(int fd) {
  std::string out;
  char buffer[4096];
  ssize_t n = 0;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(n));
  const auto end = out.rfind('\n');
  if (end == std::string::npos) return "start";
  const auto begin = out.rfind('\n', end - 1);
  const std::string line = out.substr(begin == std::string::npos ? 0 : begin + 1,
                                      end - (begin == std::string::npos ? 0 : begin + 1));
  return line.substr(0, line.find(' '));
}

}  // namespace

TEST_CASE("killed at any moment of an apply, the kiosk keeps a whole configuration",
          "[config_apply][crash]") {
  TempDir dir("config-apply-crash");
  const std::string root = dir.File("config");
  const std::uint64_t seed = Seed();
  std::mt19937_64 random(seed);
  std::uniform_int_distribution<int> delay_us(0, 120'000);
  std::map<std::string, int> phases;
  int kills = 0;
  int checks_failed = 0;
  for (int run = 0; kills < kKills && run < 3 * kKills; ++run) {
    int pipe_fds[2];
    REQUIRE(::pipe(pipe_fds) == 0);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::dup2(pipe_fds[1], STDOUT_FILENO);
      ::close(pipe_fds[0]);
      ::close(pipe_fds[1]);
      const std::string files = std::to_string(kFiles);
      ::execl(CONFIG_APPLY_CRASH_DRIVER, CONFIG_APPLY_CRASH_DRIVER, root.c_str(), files.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(pipe_fds[1]);
    std::this_thread::sleep_for(std::chrono::microseconds(delay_us(random)));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    const std::string phase = LastPhase(pipe_fds[0]);
    ::close(pipe_fds[0]);
    if (!WIFSIGNALED(status)) {
      FAIL("the driver stopped by itself (status " << status << ") after " << phase);
    }
    ++kills;
    ++phases[phase];
    for (const char* link : {"current", "previous"}) {
      const std::string problem = CheckWhole(root, link);
      if (!problem.empty()) {
        ++checks_failed;
        UNSCOPED_INFO("after kill " << kills << " in phase " << phase << ": " << problem);
      }
    }
  }
  std::string where;
  for (const auto& [phase, count] : phases) where += " " + phase + "=" + std::to_string(count);
  std::printf("config apply crash: seed=%llu kills=%d torn=%d; killed in:%s\n",
              static_cast<unsigned long long>(seed), kills, checks_failed, where.c_str());
  CHECK(kills >= kKills);
  CHECK(checks_failed == 0);
  CHECK(phases.size() >= 4);  // The kills reached the switch, not only the writing.
}

}  // namespace kiosk::testing
