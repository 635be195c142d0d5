// The audit log's hash chain: intact after appends and reopening; every
// kind of tampering found and the first bad record named; a torn tail cut
// off and noted; a broken chain set aside; personal data refused.

#include "kiosk/core/admin/audit_log.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <thread>

#include "tests/admin/audit_test_support.h"
#include "tests/support/temp_dir.h"

namespace kiosk::testing {
namespace {

using admin::AuditLog;
using admin::VerifyAuditLog;
using nlohmann::json;

std::unique_ptr<AuditLog> OpenLog(const std::string& path, FakeClock& clock) {
  auto log = AuditLog::Open(path, "ZS-TEST-T01", clock.Fn());
  INFO((log ? "" : log.error().Describe()));
  REQUIRE(log);
  return std::move(*log);
}

// Four records: a login, two actions, a logout.
void WriteFour(const std::string& path, FakeClock& clock) {
  auto log = OpenLog(path, clock);
  REQUIRE(log->Append("op001", "login", "ok", {{"method", "card"}}));
  clock.now += 1000;
  REQUIRE(log->Append("op001", "force_sync", "ok"));
  clock.now += 1000;
  REQUIRE(log->Append("op001", "retry_dead_letter", "ok", {{"row", 17}}));
  clock.now += 1000;
  REQUIRE(log->Append("op001", "logout", "ok", {{"why", "operator"}}));
}

admin::AuditVerification Verify(const std::string& path) {
  auto verification = VerifyAuditLog(path);
  REQUIRE(verification);
  return *verification;
}

TEST_CASE("The canonical form is the documented one", "[admin][audit]") {
  admin::AuditRecord record;
  record.seq = 1;
  record.unix_ms = 5;
  record.kiosk_id = "K1";
  record.actor = "op001";
  record.action = "login";
  record.outcome = "ok";
  record.detail = {{"b", "x"}, {"a", 1}};
  record.prev_hash = admin::kGenesisHash;
  record.hash = "not covered";
  CHECK(admin::CanonicalAuditForm(record) ==
        R"({"action":"login","actor":"op001","detail":{"a":1,"b":"x"},"kiosk_id":"K1",)"
        R"("outcome":"ok","prev_hash":")" +
            std::string(admin::kGenesisHash) + R"(","seq":1,"unix_ms":5})");
  // sha256sum of the text above.
  CHECK(admin::AuditRecordHash(record) ==
        "c682597647fd7e542aa44f4b343b8ec0e5afd13622e5d170061922c6a3439820");
}

TEST_CASE("The chain is intact after appends and a reopen", "[admin][audit]") {
  TempDir dir("admin-audit");
  const std::string path = dir.File("audit.jsonl");
  FakeClock clock;
  {
    auto log = OpenLog(path, clock);
    CHECK(log->Head().seq == 0);
    CHECK(log->Head().hash == admin::kGenesisHash);
    auto first = log->Append("op001", "login", "ok", {{"method", "card"}});
    REQUIRE(first);
    CHECK(first->seq == 1);
    CHECK(first->prev_hash == admin::kGenesisHash);
    CHECK(first->unix_ms == clock.now);
    CHECK(first->kiosk_id == "ZS-TEST-T01");
    clock.now += 5;
    auto second = log->Append("op001", "force_sync", "ok");
    REQUIRE(second);
    CHECK(second->prev_hash == first->hash);
    CHECK(log->Head().seq == 2);
    CHECK(log->Head().hash == second->hash);
  }
  auto log = OpenLog(path, clock);
  CHECK(log->Head().seq == 2);
  auto third = log->Append("adm001", "discard_dead_letter", "ok", {{"reason", "duplicate"}});
  REQUIRE(third);
  CHECK(third->seq == 3);

  const auto verification = Verify(path);
  CHECK(verification.intact);
  CHECK(verification.records == 3);
  CHECK(verification.first_bad_line == 0);
  CHECK(verification.head.seq == 3);
  CHECK(verification.head.hash == third->hash);
  CHECK(ReadLines(path).size() == 3);

  auto recent = log->Recent(2);
  REQUIRE(recent);
  REQUIRE(recent->size() == 2);
  CHECK((*recent)[0].seq == 2);
  CHECK((*recent)[1].action == "discard_dead_letter");
  CHECK((*recent)[1].detail["reason"] == "duplicate");
  auto all = log->Recent(100);
  REQUIRE(all);
  CHECK(all->size() == 3);
}

TEST_CASE("Tampering is found and the first bad record named", "[admin][audit]") {
  TempDir dir("admin-audit");
  const std::string path = dir.File("audit.jsonl");
  FakeClock clock;
  WriteFour(path, clock);
  REQUIRE(Verify(path).intact);
  const auto lines = ReadLines(path);
  REQUIRE(lines.size() == 4);
  auto edited = lines;

  SECTION("a changed record") {
    json record = json::parse(lines[1]);
    record["action"] = "view_status";
    edited[1] = record.dump();
    WriteLines(path, edited);
    const auto result = Verify(path);
    CHECK_FALSE(result.intact);
    CHECK(result.first_bad_line == 2);
    CHECK(result.first_bad_seq == 2);
    CHECK(result.records == 1);
    CHECK(result.reason.find("hash mismatch") != std::string::npos);
    CHECK_FALSE(result.torn_tail);
  }
  SECTION("a changed record whose own hash was recomputed") {
    auto record = admin::ParseAuditLine(lines[1]);
    REQUIRE(record);
    record->actor = "adm001";
    record->hash = admin::AuditRecordHash(*record);
    json object = json::parse(lines[1]);
    object["actor"] = "adm001";
    object["hash"] = record->hash;
    edited[1] = object.dump();
    WriteLines(path, edited);
    const auto result = Verify(path);
    CHECK(result.first_bad_line == 3);
    CHECK(result.first_bad_seq == 3);
    CHECK(result.reason.find("prev_hash") != std::string::npos);
  }
  SECTION("a removed record") {
    edited.erase(edited.begin() + 1);
    WriteLines(path, edited);
    const auto result = Verify(path);
    CHECK(result.first_bad_line == 2);
    CHECK(result.first_bad_seq == 3);
    CHECK(result.reason.find("seq 3 where 2 was expected") != std::string::npos);
  }
  SECTION("the last record removed is invisible to the chain, but not to its head") {
    edited.pop_back();
    WriteLines(path, edited);
    const auto result = Verify(path);
    CHECK(result.intact);
    CHECK(result.head.seq == 3);  // The head reported elsewhere said 4.
  }
  SECTION("reordered records") {
    std::swap(edited[1], edited[2]);
    WriteLines(path, edited);
    const auto result = Verify(path);
    CHECK(result.first_bad_line == 2);
    CHECK(result.first_bad_seq == 3);
  }
  SECTION("a copied record inserted") {
    edited.insert(edited.begin() + 2, lines[1]);
    WriteLines(path, edited);
    const auto result = Verify(path);
    CHECK(result.first_bad_line == 3);
    CHECK(result.first_bad_seq == 2);
  }
  SECTION("a forged record inserted with a correct seq, prev_hash and hash") {
    auto before = admin::ParseAuditLine(lines[1]);
    REQUIRE(before);
    admin::AuditRecord forged = *before;
    forged.seq = 3;
    forged.action = "discard_dead_letter";
    forged.prev_hash = before->hash;
    forged.hash = admin::AuditRecordHash(forged);
    json object = json::parse(lines[1]);
    object["seq"] = 3;
    object["action"] = forged.action;
    object["prev_hash"] = forged.prev_hash;
    object["hash"] = forged.hash;
    edited.insert(edited.begin() + 2, object.dump());
    WriteLines(path, edited);
    const auto result = Verify(path);
    CHECK(result.first_bad_line == 4);  // The old record 3, now after the forged one.
    CHECK(result.first_bad_seq == 3);
    CHECK(result.records == 3);
  }
  SECTION("a member the hash does not cover added") {
    json record = json::parse(lines[2]);
    record["note"] = "fine";
    edited[2] = record.dump();
    WriteLines(path, edited);
    const auto result = Verify(path);
    CHECK(result.first_bad_line == 3);
    CHECK(result.first_bad_seq == 3);
    CHECK(result.reason.find("note") != std::string::npos);
  }
  SECTION("a garbage line in the middle") {
    edited[1] = "{\"seq\":";
    WriteLines(path, edited);
    const auto result = Verify(path);
    CHECK(result.first_bad_line == 2);
    CHECK(result.first_bad_seq == 2);  // The seq expected there.
    CHECK_FALSE(result.torn_tail);
  }
  SECTION("a torn last line") {
    const std::string text = ReadText(path);
    WriteText(path, text.substr(0, text.size() - 20));
    const auto result = Verify(path);
    CHECK_FALSE(result.intact);
    CHECK(result.torn_tail);
    CHECK(result.first_bad_line == 4);
    CHECK(result.first_bad_seq == 4);
    CHECK(result.records == 3);
  }
  SECTION("a whole last record without its newline") {
    const std::string text = ReadText(path);
    WriteText(path, text.substr(0, text.size() - 1));
    const auto result = Verify(path);
    CHECK(result.torn_tail);
    CHECK(result.first_bad_line == 4);
  }
}

TEST_CASE("An unreadable log is an error, an empty one intact", "[admin][audit]") {
  TempDir dir("admin-audit");
  auto missing = VerifyAuditLog(dir.File("none.jsonl"));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::kIo);
  WriteText(dir.File("empty.jsonl"), "");
  const auto empty = Verify(dir.File("empty.jsonl"));
  CHECK(empty.intact);
  CHECK(empty.records == 0);
  CHECK(empty.head.hash == admin::kGenesisHash);
}

TEST_CASE("Open cuts a torn tail off and says so", "[admin][audit]") {
  TempDir dir("admin-audit");
  const std::string path = dir.File("audit.jsonl");
  FakeClock clock;
  WriteFour(path, clock);
  const std::string text = ReadText(path);

  std::string torn;
  std::size_t dropped = 0;
  SECTION("no newline") {
    torn = text + R"({"seq":5,"unix_ms":17)";
    dropped = torn.size() - text.size();
  }
  SECTION("zeros where the last line should be") {
    torn = text + std::string(30, '\0') + "\n";
    dropped = 31;
  }
  WriteText(path, torn);
  clock.now += 60'000;
  auto log = OpenLog(path, clock);
  CHECK(log->Head().seq == 5);
  auto recent = log->Recent(1);
  REQUIRE(recent);
  REQUIRE(recent->size() == 1);
  CHECK((*recent)[0].action == "audit_tail_repaired");
  CHECK((*recent)[0].actor == "system");
  CHECK((*recent)[0].detail["dropped_bytes"] == dropped);
  CHECK((*recent)[0].detail["line"] == 5);
  const auto result = Verify(path);
  CHECK(result.intact);
  CHECK(result.records == 5);
  CHECK(ReadText(path).starts_with(text));
}

TEST_CASE("Open sets a broken chain aside and starts a new one", "[admin][audit]") {
  TempDir dir("admin-audit");
  const std::string path = dir.File("audit.jsonl");
  FakeClock clock;
  WriteFour(path, clock);
  auto lines = ReadLines(path);
  lines.erase(lines.begin() + 2);  // Record 3 goes.
  WriteLines(path, lines);
  const std::string tampered = ReadText(path);

  clock.now = 1'764'999'000'123;
  auto log = OpenLog(path, clock);
  const std::string broken = path + ".broken-1764999000123";
  REQUIRE(std::filesystem::exists(broken));
  CHECK(ReadText(broken) == tampered);  // Kept as evidence, untouched.

  CHECK(log->Head().seq == 1);
  auto recent = log->Recent(10);
  REQUIRE(recent);
  REQUIRE(recent->size() == 1);
  const auto& first = (*recent)[0];
  CHECK(first.action == "audit_chain_broken");
  CHECK(first.outcome == "failed");
  CHECK(first.prev_hash == admin::kGenesisHash);
  CHECK(first.detail["broken_file"] == "audit.jsonl.broken-1764999000123");
  CHECK(first.detail["first_bad_seq"] == 4);
  CHECK(first.detail["first_bad_line"] == 3);
  REQUIRE(log->Append("op001", "login", "ok"));
  CHECK(Verify(path).intact);
  CHECK(Verify(path).records == 2);

  // A second break in the same millisecond gets a name of its own.
  log.reset();
  WriteText(path, "not json\n" + ReadText(path));
  auto again = OpenLog(path, clock);
  CHECK(std::filesystem::exists(broken + "-2"));
  CHECK(Verify(path).intact);
}

TEST_CASE("Personal data in a detail is refused", "[admin][audit]") {
  TempDir dir("admin-audit");
  const std::string path = dir.File("audit.jsonl");
  FakeClock clock;
  auto log = OpenLog(path, clock);
  REQUIRE(log->Append("op001", "login", "ok"));
  const auto head = log->Head();

  for (const json& detail :
       {json{{"id_number", "44010619900101123X"}}, json{{"card", "6222021234567890123"}},
        json{{"note", "ID 440106199001011234 read"}},
        json{{"nested", {{"list", {"ok", "13800138000"}}}}}, json{{"123456789", "key"}}}) {
    INFO(detail.dump());
    auto refused = log->Append("op001", "view_status", "ok", detail);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::kInvalidArgument);
    // The refusal does not repeat what it refused.
    CHECK(refused.error().detail.find("1234") == std::string::npos);
  }
  CHECK(log->Head().seq == head.seq);
  CHECK(ReadLines(path).size() == 1);

  CHECK(log->Append("op001", "view_status", "ok", {{"id_number", "4401**********1234"}}));
  CHECK(log->Append("op001", "view_status", "ok", {{"card", "62********0123"}}));
  CHECK(log->Append("op001", "view_status", "ok", {{"until_unix_ms", 1764999000123}}));
  CHECK(log->Append("op001", "view_status", "ok", {{"row", "12345678"}}));
  CHECK(Verify(path).records == 5);
}

TEST_CASE("A malformed record is refused and leaves the log as it was", "[admin][audit]") {
  TempDir dir("admin-audit");
  const std::string path = dir.File("audit.jsonl");
  FakeClock clock;
  auto log = OpenLog(path, clock);
  CHECK(log->Append("op001", "login", "ok", json::array()).error().code ==
        ErrorCode::kInvalidArgument);
  CHECK(log->Append("", "login", "ok").error().code == ErrorCode::kInvalidArgument);
  CHECK(log->Append("op001", "", "ok").error().code == ErrorCode::kInvalidArgument);
  CHECK(log->Append("op001", "login", "ok", {{"why", std::string("\xff\xfe")}}).error().code ==
        ErrorCode::kInvalidArgument);
  CHECK(log->Head().seq == 0);
  CHECK(ReadText(path).empty());
}

TEST_CASE("Appends from several threads keep one chain", "[admin][audit]") {
  TempDir dir("admin-audit");
  const std::string path = dir.File("audit.jsonl");
  FakeClock clock;
  auto log = OpenLog(path, clock);
  std::atomic<int> failures{0};  // Catch's assertions are for the test's own thread.
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&log, &failures, t] {
      for (int i = 0; i < 25; ++i) {
        if (!log->Append("op00" + std::to_string(t), "view_status", "ok", {{"i", i}})) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(failures == 0);
  const auto result = Verify(path);
  CHECK(result.intact);
  CHECK(result.records == 100);
  CHECK(log->Head().seq == 100);
}

}  // namespace
}  // namespace kiosk::testing
