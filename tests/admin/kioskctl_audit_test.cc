// `kioskctl audit verify|show` and `kioskctl admin hash-pin` through the
// real binary: exit codes and the record named, as maintenance staff see it.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "kiosk/core/admin/audit_log.h"
#include "kiosk/core/admin/pin_hash.h"
#include "tests/admin/audit_test_support.h"
#include "tests/support/run_program.h"
#include "tests/support/temp_dir.h"

namespace kiosk::testing {
namespace {

ProgramOutcome Kioskctl(std::vector<std::string> args) {
  args.insert(args.begin(), KIOSKCTL_PATH);
  return RunProgram(args);
}

// A PIN on standard input, as `echo PIN | kioskctl admin hash-pin` gets it.
ProgramOutcome HashPin(const std::string& pin) {
  return RunProgram(
      {"/bin/sh", "-c",
       "printf '%s\\n' '" + pin + "' | '" KIOSKCTL_PATH "' admin hash-pin --iterations 1000"});
}

std::string WriteLog(const TempDir& dir, FakeClock& clock) {
  const std::string path = dir.File("audit.jsonl");
  auto log = admin::AuditLog::Open(path, "ZS-TEST-T01", clock.Fn());
  REQUIRE(log);
  for (const char* action : {"login", "force_sync", "logout"}) {
    clock.now += 1000;
    REQUIRE((*log)->Append("op001", action, "ok"));
  }
  return path;
}

TEST_CASE("kioskctl audit verify on an intact and a tampered log", "[admin][kioskctl]") {
  TempDir dir("admin-kioskctl");
  FakeClock clock;
  const std::string path = WriteLog(dir, clock);
  const std::string head = admin::VerifyAuditLog(path)->head.hash;

  auto intact = Kioskctl({"audit", "verify", path});
  INFO(intact.err);
  CHECK(intact.status == 0);
  CHECK(intact.out == "intact: 3 records, head seq 3 hash " + head + "\n");

  auto lines = ReadLines(path);
  SECTION("changed") {
    auto record = nlohmann::json::parse(lines[1]);
    record["outcome"] = "failed";
    lines[1] = record.dump();
    WriteLines(path, lines);
    auto changed = Kioskctl({"audit", "verify", path});
    CHECK(changed.status == 1);
    CHECK(changed.out.starts_with("record 2 (line 2): hash mismatch"));
  }
  SECTION("removed") {
    lines.erase(lines.begin());
    WriteLines(path, lines);
    auto removed = Kioskctl({"audit", "verify", path});
    CHECK(removed.status == 1);
    CHECK(removed.out.starts_with("record 2 (line 1): seq 2 where 1 was expected"));
  }
  SECTION("reordered") {
    std::swap(lines[1], lines[2]);
    WriteLines(path, lines);
    auto reordered = Kioskctl({"audit", "verify", path});
    CHECK(reordered.status == 1);
    CHECK(reordered.out.starts_with("record 3 (line 2): "));
  }
  SECTION("torn") {
    const std::string text = ReadText(path);
    WriteText(path, text.substr(0, text.size() - 5));
    auto torn = Kioskctl({"audit", "verify", path});
    CHECK(torn.status == 1);
    CHECK(torn.out.starts_with("record 3 (line 3): the last line has no newline"));
  }
}

TEST_CASE("kioskctl audit usage and unreadable files", "[admin][kioskctl]") {
  TempDir dir("admin-kioskctl");
  CHECK(Kioskctl({"audit", "verify", dir.File("none.jsonl")}).status == 2);
  CHECK(Kioskctl({"audit", "verify"}).status == 2);
  CHECK(Kioskctl({"audit"}).status == 2);
  CHECK(Kioskctl({"audit", "show", dir.File("none.jsonl")}).status == 2);
  CHECK(Kioskctl({"audit", "show", dir.File("none.jsonl"), "--last", "x"}).status == 2);
  auto help = Kioskctl({"help"});
  CHECK(help.out.find("audit verify FILE") != std::string::npos);
  CHECK(help.out.find("admin hash-pin") != std::string::npos);
}

TEST_CASE("kioskctl audit show prints the records", "[admin][kioskctl]") {
  TempDir dir("admin-kioskctl");
  FakeClock clock;
  const std::string path = WriteLog(dir, clock);
  auto all = Kioskctl({"audit", "show", path});
  CHECK(all.status == 0);
  CHECK(ReadLines(path).size() == 3);
  auto last = Kioskctl({"audit", "show", path, "--last", "2"});
  INFO(last.err);
  CHECK(last.status == 0);
  CHECK(last.out == "2 " + admin::FormatUnixMsUtc(clock.now - 1000) +
                        " op001 force_sync ok {}\n3 " + admin::FormatUnixMsUtc(clock.now) +
                        " op001 logout ok {}\n");
}

TEST_CASE("kioskctl admin hash-pin prints a pin object that verifies", "[admin][kioskctl]") {
  auto hashed = HashPin("246810");
  INFO(hashed.err);
  REQUIRE(hashed.status == 0);
  const auto object = nlohmann::json::parse(hashed.out);
  const admin::PinHash pin{object.at("salt").get<std::string>(), object.at("iterations").get<int>(),
                           object.at("hash").get<std::string>()};
  CHECK(pin.iterations == 1000);
  CHECK(admin::PinMatches(pin, "246810"));
  CHECK_FALSE(admin::PinMatches(pin, "246811"));

  auto short_pin = HashPin("1234");
  CHECK(short_pin.status == 1);
  CHECK(short_pin.out.empty());
  CHECK(Kioskctl({"admin", "hash-pin", "--iterations", "ten"}).status == 2);
  CHECK(Kioskctl({"admin"}).status == 2);
}

}  // namespace
}  // namespace kiosk::testing
