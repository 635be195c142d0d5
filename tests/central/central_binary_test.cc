// The real kiosk-central program: it starts on a free port, reports it in
// the port file, serves, and exits 0 on SIGTERM; a bad flag exits 2.

#include <fcntl.h>
#include <httplib.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/central/central_test_support.h"

extern char** environ;

namespace kiosk::central::testing {
namespace {

// Starts the program with `args`, its stderr going to `stderr_path`.
pid_t Spawn(const std::vector<std::string>& args, const std::string& stderr_path) {
  std::vector<std::string> argv_storage = {KIOSK_CENTRAL_BINARY};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : argv_storage) argv.push_back(arg.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, stderr_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  const int error = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(error == 0);
  return pid;
}

// Waits up to `timeout` for the child to exit; nullopt if it did not.
std::optional<int> WaitForExit(pid_t pid, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return std::nullopt;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_CASE("kiosk-central serves on a free port and stops cleanly on SIGTERM", "[central]") {
  TempDir dir;
  const std::string port_file = dir.File("port");
  const std::string log = dir.File("stderr.log");
  const pid_t pid = Spawn(
      {"--port", "0", "--port-file", port_file, "--db", ":memory:", "--data", SeedPath()}, log);

  // The file appears complete (temp + rename), so any content is the port.
  std::string text;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (text.empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    text = ReadFile(port_file);
  }
  INFO(ReadFile(log));
  if (text.empty()) kill(pid, SIGKILL);
  REQUIRE_FALSE(text.empty());
  CHECK(text.ends_with("\n"));
  const int port = std::stoi(text);
  CHECK(port > 0);

  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(5);
  auto health = client.Get("/v1/health");
  REQUIRE(health);
  CHECK(health->status == 200);
  CHECK(BodyOf(health)["status"] == "ok");
  CHECK(ReadFile(log).find("listening on http://127.0.0.1:" + std::to_string(port)) !=
        std::string::npos);

  REQUIRE(kill(pid, SIGTERM) == 0);
  const auto status = WaitForExit(pid, std::chrono::seconds(30));
  if (!status) kill(pid, SIGKILL);
  REQUIRE(status);
  CHECK(WIFEXITED(*status));
  CHECK(WEXITSTATUS(*status) == 0);
}

TEST_CASE("kiosk-central refuses a bad flag with usage and status 2", "[central]") {
  TempDir dir;
  const std::string log = dir.File("stderr.log");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--frobnicate"}, std::vector<std::string>{"--port", "70000"},
        std::vector<std::string>{"--port"}, std::vector<std::string>{"--port=abc"}}) {
    INFO(args.front());
    const pid_t pid = Spawn(args, log);
    const auto status = WaitForExit(pid, std::chrono::seconds(30));
    if (!status) kill(pid, SIGKILL);
    REQUIRE(status);
    CHECK(WIFEXITED(*status));
    CHECK(WEXITSTATUS(*status) == 2);
    CHECK(ReadFile(log).find("usage: ") != std::string::npos);
  }
}

}  // namespace
}  // namespace kiosk::central::testing
