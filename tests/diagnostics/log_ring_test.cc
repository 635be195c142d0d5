// common/log's ring of recent lines and its log file: order, bounds, many
// threads, rotation, and a file that fails (reported once, stderr goes on).

#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "common/log.h"
#include "kiosk/core/diagnostics/log_file_reader.h"
#include "tests/support/temp_dir.h"

namespace kiosk {
namespace {

std::vector<log::LogLine> LinesOf(const std::string& component) {
  std::vector<log::LogLine> kept;
  for (auto& line : log::RecentLines(log::kDefaultRecentLines)) {
    if (line.component == component) kept.push_back(line);
  }
  return kept;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Sends stderr to a file while alive, so a test can read what was written.
class StderrCapture {
 public:
  explicit StderrCapture(std::string path) : path_(std::move(path)) {
    std::fflush(stderr);
    saved_ = ::dup(STDERR_FILENO);
    const int file = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(file, STDERR_FILENO);
    ::close(file);
  }
  ~StderrCapture() { Restore(); }
  std::string Text() {
    Restore();
    return ReadAll(path_);
  }

 private:
  void Restore() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    ::dup2(saved_, STDERR_FILENO);
    ::close(saved_);
    saved_ = -1;
  }
  std::string path_;
  int saved_ = -1;
};

}  // namespace

TEST_CASE("the ring keeps the most recent lines, oldest first", "[log]") {
  log::SetRecentLineCapacity(5);
  for (int i = 0; i < 8; ++i) log::Info("ring-order", "line {}", i);
  const auto lines = log::RecentLines();
  REQUIRE(lines.size() == 5);
  for (int i = 0; i < 5; ++i) {
    CHECK(lines[i].component == "ring-order");
    CHECK(lines[i].message == "line " + std::to_string(i + 3));
    CHECK(lines[i].level == log::Level::kInfo);
  }
  CHECK(lines.front().unix_ms <= lines.back().unix_ms);
  CHECK(lines.front().unix_ms > 1'700'000'000'000);  // A unix time in ms, not seconds.
  const auto last_two = log::RecentLines(2);
  REQUIRE(last_two.size() == 2);
  CHECK(last_two[0].message == "line 6");
  CHECK(last_two[1].message == "line 7");
  log::SetRecentLineCapacity(log::kDefaultRecentLines);
}

TEST_CASE("the ring holds 2000 lines by default and drops below the minimum level", "[log]") {
  for (int i = 0; i < 2100; ++i) log::Info("ring-default", "n{}", i);
  const auto lines = LinesOf("ring-default");
  REQUIRE(lines.size() == 2000);
  CHECK(lines.front().message == "n100");
  CHECK(lines.back().message == "n2099");
  log::Write(log::Level::kDebug, "ring-debug", "not kept at the default level");
  CHECK(LinesOf("ring-debug").empty());
  log::Warning("ring-levels", "w");
  log::Error("ring-levels", "e");
  const auto levels = LinesOf("ring-levels");
  REQUIRE(levels.size() == 2);
  CHECK(levels[0].level == log::Level::kWarning);
  CHECK(levels[1].level == log::Level::kError);
}

TEST_CASE("several threads write whole lines, each thread's in its order", "[log]") {
  constexpr int kThreads = 4;
  constexpr int kLines = 300;
  log::SetRecentLineCapacity(kThreads * kLines + 100);
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([t] {
      for (int i = 0; i < kLines; ++i) log::Info("threads", "writer {} line {}", t, i);
    });
  }
  for (auto& writer : writers) writer.join();
  std::vector<int> next(kThreads, 0);
  for (const auto& line : LinesOf("threads")) {
    int writer = -1, index = -1;
    REQUIRE(std::sscanf(line.message.c_str(), "writer %d line %d", &writer, &index) == 2);
    REQUIRE(writer >= 0);
    REQUIRE(writer < kThreads);
    CHECK(index == next[writer]);
    next[writer] = index + 1;
  }
  for (int t = 0; t < kThreads; ++t) CHECK(next[t] == kLines);
  log::SetRecentLineCapacity(log::kDefaultRecentLines);
}

TEST_CASE("the log file gets time-stamped lines and rotates once past its size", "[log]") {
  testing::TempDir dir("kiosk-log-file");
  const std::string path = dir.File("logs/kiosk.log");
  REQUIRE(log::OpenLogFile(path, 400));  // Creates logs/.
  for (int i = 0; i < 30; ++i) log::Info("rotation", "entry number {:02}", i);
  log::CloseLogFile();
  log::Info("rotation", "after close");

  REQUIRE(std::filesystem::exists(path + ".1"));
  CHECK(std::filesystem::file_size(path) <= 400);
  CHECK(std::filesystem::file_size(path + ".1") <= 400);
  CHECK(ReadAll(path).find("after close") == std::string::npos);

  // The two files hold the newest lines, consecutive and in order, each
  // one parseable back with its ISO-8601 time.
  auto lines = ReadLogFile(path);
  REQUIRE(lines);
  REQUIRE(lines->size() >= 6);
  CHECK(lines->back().message == "entry number 29");
  const int first = std::stoi(lines->front().message.substr(13));
  for (std::size_t i = 0; i < lines->size(); ++i) {
    CHECK((*lines)[i].component == "rotation");
    CHECK((*lines)[i].message == fmt::format("entry number {:02}", first + static_cast<int>(i)));
  }
  const std::string text = ReadAll(path);
  const std::string first_line = text.substr(0, text.find('\n'));
  CHECK(first_line.size() > 24);
  CHECK(first_line[10] == 'T');
  CHECK(first_line.substr(23, 7) == "Z INFO ");
}

TEST_CASE("an existing log file is appended to, its size counted", "[log]") {
  testing::TempDir dir("kiosk-log-file");
  const std::string path = dir.File("kiosk.log");
  std::ofstream(path) << std::string(350, 'x') << "\n";
  REQUIRE(log::OpenLogFile(path, 400));
  log::Info("append", "a line long enough to pass the rotation size at once");
  log::CloseLogFile();
  // The old 351 bytes plus this line pass 400: they moved to .1.
  CHECK(ReadAll(path + ".1").starts_with(std::string(350, 'x')));
  CHECK(ReadAll(path).find("a line long enough") != std::string::npos);
}

TEST_CASE("a log file that cannot be opened is a precise error", "[log]") {
  testing::TempDir dir("kiosk-log-file");
  std::ofstream(dir.File("plain")) << "a file, not a directory";
  auto opened = log::OpenLogFile(dir.File("plain/kiosk.log"), 1000);
  REQUIRE_FALSE(opened);
  CHECK(opened.error().code == ErrorCode::kIo);
  CHECK(opened.error().detail.find(dir.File("plain")) != std::string::npos);
  auto zero = log::OpenLogFile(dir.File("kiosk.log"), 0);
  REQUIRE_FALSE(zero);
  CHECK(zero.error().code == ErrorCode::kInvalidArgument);
}

TEST_CASE("a failing log file is reported once, stderr lines stay as they were", "[log]") {
  testing::TempDir dir("kiosk-log-file");
  REQUIRE(log::OpenLogFile("/dev/full", 1 << 20));
  StderrCapture capture(dir.File("stderr.txt"));
  log::Info("full-disk", "first");
  log::Warning("full-disk", "second");
  log::Error("full-disk", "third");
  const std::string text = capture.Text();
  log::CloseLogFile();
  CHECK(text ==
        "INFO full-disk: first\n"
        "WARN log: cannot write the log file /dev/full: No space left on device; logging to "
        "stderr only\n"
        "WARN full-disk: second\n"
        "ERROR full-disk: third\n");
}

}  // namespace kiosk
