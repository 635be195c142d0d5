// The diagnostics bundle: its contents, no personal data even when a log
// line carries it, whole-or-nothing writing, and the errors of a missing,
// read-only or full target.

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/durable_files.h"
#include "kiosk/core/diagnostics/diagnostics_bundle.h"
#include "tests/support/temp_dir.h"

namespace kiosk {
namespace {

// 2026-11-23 16:15:02 in Beijing.
constexpr std::int64_t kCreated = 1'795'421'702'000;

DiagnosticsInputs Inputs() {
  DiagnosticsInputs inputs;
  inputs.kiosk_id = "ZS-24H-HALL1-T03";
  inputs.region = "442000";
  inputs.software_version = "0.9.3";
  inputs.config_version = 42;
  inputs.devices = {{"receipt_printer", {{"state", "online"}, {"port", 9100}}}};
  inputs.queue = {{"pending", 3}, {"dead", 1}, {"last_error", "citizen 13812345678 not found"}};
  inputs.network = {{"442000", "reachable"}, {"contact", 13912345678LL}};
  inputs.certificates = {{"/etc/kiosk/tls/kiosk.pem", "CN=ZS-24H-HALL1-T03", "CN=Kiosk Regional CA",
                          1'760'000'000, 1'790'000'000, 300}};
  inputs.log = {
      {kCreated - 2000, log::Level::kInfo, "sync", "delivered row 7 as 440300-20261123-000042"},
      {kCreated - 1000, log::Level::kWarning, "session",
       "a careless line with 110101199003071234 and card 6222021234567890"}};
  inputs.created_unix_ms = kCreated;
  return inputs;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void CheckNoPersonalData(const std::string& text) {
  for (const char* secret :
       {"110101199003071234", "6222021234567890", "13812345678", "13912345678"}) {
    CHECK(text.find(secret) == std::string::npos);
  }
}

}  // namespace

TEST_CASE("the diagnostics JSON holds everything, scrubbed", "[diagnostics][bundle]") {
  const nlohmann::json document = DiagnosticsJson(Inputs());
  CHECK(document["kiosk_id"] == "ZS-24H-HALL1-T03");
  CHECK(document["region"] == "442000");
  CHECK(document["software_version"] == "0.9.3");
  CHECK(document["config_version"] == 42);
  CHECK(document["created"] == "2026-11-23T08:15:02.000Z");
  CHECK(document["devices"]["receipt_printer"]["port"] == 9100);
  CHECK(document["queue"]["pending"] == 3);
  CHECK(document["queue"]["last_error"] == "citizen 138****5678 not found");
  CHECK(document["network"]["contact"] == "139****5678");
  REQUIRE(document["certificates"].size() == 1);
  CHECK(document["certificates"][0]["days_left"] == 300);
  CHECK(document["certificates"][0]["subject"] == "CN=ZS-24H-HALL1-T03");
  REQUIRE(document["log"].size() == 2);
  CHECK(document["log"][0] ==
        "2026-11-23T08:15:00.000Z INFO sync: delivered row 7 as 440300-20261123-000042");
  CHECK(document["log"][1] ==
        "2026-11-23T08:15:01.000Z WARN session: a careless line with 1101**********1234 and "
        "card 6222********7890");
  CHECK(document["scrubbed"]["id_numbers"] == 1);
  CHECK(document["scrubbed"]["phone_numbers"] == 2);
  CHECK(document["scrubbed"]["card_numbers"] == 1);
  CheckNoPersonalData(document.dump());
}

TEST_CASE("a bundle is a named directory with the JSON and the log", "[diagnostics][bundle]") {
  testing::TempDir usb("kiosk-usb");
  auto bundle = ExportDiagnostics(Inputs(), usb.Path().string());
  REQUIRE(bundle);
  CHECK(*bundle == usb.File("kiosk-ZS-24H-HALL1-T03-20261123-161502"));
  const std::string json = ReadAll(*bundle + "/diagnostics.json");
  const std::string log = ReadAll(*bundle + "/kiosk.log");
  CHECK(nlohmann::json::parse(json) == DiagnosticsJson(Inputs()));
  CHECK(log ==
        "2026-11-23T08:15:00.000Z INFO sync: delivered row 7 as 440300-20261123-000042\n"
        "2026-11-23T08:15:01.000Z WARN session: a careless line with 1101**********1234 and "
        "card 6222********7890\n");
  CheckNoPersonalData(json);
  CheckNoPersonalData(log);
  // Only the finished bundle is left: no .partial beside it.
  int entries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(usb.Path())) {
    CHECK(entry.path().extension() != ".partial");
    ++entries;
  }
  CHECK(entries == 1);

  // A second export in the same second gets a name of its own.
  auto again = ExportDiagnostics(Inputs(), usb.Path().string());
  REQUIRE(again);
  CHECK(*again == usb.File("kiosk-ZS-24H-HALL1-T03-20261123-161502-2"));
}

TEST_CASE("a kiosk id unfit for a file name is made safe", "[diagnostics][bundle]") {
  testing::TempDir usb("kiosk-usb");
  DiagnosticsInputs inputs = Inputs();
  inputs.kiosk_id = "../hall 1";
  auto bundle = ExportDiagnostics(inputs, usb.Path().string());
  REQUIRE(bundle);
  CHECK(*bundle == usb.File("kiosk-___hall_1-20261123-161502"));
}

TEST_CASE("a .partial bundle left by a pulled drive is replaced", "[diagnostics][bundle]") {
  testing::TempDir usb("kiosk-usb");
  const std::string partial = usb.File("kiosk-ZS-24H-HALL1-T03-20261123-161502.partial");
  std::filesystem::create_directory(partial);
  std::ofstream(partial + "/diagnostics.json") << "{\"half";
  auto bundle = ExportDiagnostics(Inputs(), usb.Path().string());
  REQUIRE(bundle);
  CHECK_FALSE(std::filesystem::exists(partial));
  CHECK(nlohmann::json::parse(ReadAll(*bundle + "/diagnostics.json"))["kiosk_id"] ==
        "ZS-24H-HALL1-T03");
}

TEST_CASE("a missing or non-directory target is refused", "[diagnostics][bundle]") {
  testing::TempDir dir("kiosk-usb");
  auto missing = ExportDiagnostics(Inputs(), dir.File("not-mounted"));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::kNotFound);
  CHECK(missing.error().detail == "no export target " + dir.File("not-mounted"));
  std::ofstream(dir.File("file")) << "x";
  auto file = ExportDiagnostics(Inputs(), dir.File("file"));
  REQUIRE_FALSE(file);
  CHECK(file.error().code == ErrorCode::kInvalidArgument);
}

TEST_CASE("a read-only target is a precise error", "[diagnostics][bundle]") {
  testing::TempDir dir("kiosk-usb");
  const std::string target = dir.File("readonly");
  REQUIRE(::chmod(dir.Path().c_str(), 0755) == 0);
  REQUIRE(::mkdir(target.c_str(), 0555) == 0);
  // root writes anywhere: the export then runs in a child that gave root up.
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    if (::geteuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(3);
    auto exported = ExportDiagnostics(Inputs(), target);
    const std::string answer =
        exported ? "ok " + *exported
                 : std::string(ToString(exported.error().code)) + " " + exported.error().detail;
    const bool sent =
        ::write(pipe_fds[1], answer.data(), answer.size()) == static_cast<ssize_t>(answer.size());
    ::_exit(sent ? 0 : 4);
  }
  ::close(pipe_fds[1]);
  std::string answer;
  char buffer[512];
  ssize_t count = 0;
  while ((count = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0) answer.append(buffer, count);
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  REQUIRE(WIFEXITED(status));
  REQUIRE(WEXITSTATUS(status) == 0);
  CHECK(answer == "io cannot create " + target +
                      "/kiosk-ZS-24H-HALL1-T03-20261123-161502.partial: " + "Permission denied");
  CHECK(std::filesystem::is_empty(target));
}

TEST_CASE("a full drive is a capacity error", "[diagnostics][bundle]") {
  // /dev/full answers every write with ENOSPC, as a full USB drive does.
  auto written = durable::WriteFile("/dev/full", "diagnostics");
  REQUIRE_FALSE(written);
  CHECK(written.error().code == ErrorCode::kCapacity);
  CHECK(written.error().detail ==
        "cannot write /dev/full: the disk is full (No space left on device)");
  CHECK(durable::FileError("cannot create", "/media/usb/x", EROFS).code == ErrorCode::kIo);
  CHECK(durable::FileError("cannot create", "/media/usb/x", EROFS).detail ==
        "cannot create /media/usb/x: Read-only file system");
}

}  // namespace kiosk
