// Admin login: card + PIN, PIN only where allowed, the lockout after five
// failures that a restart does not reset, and the audit record of every
// attempt.

#include "kiosk/core/admin/admin_login.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/admin/audit_test_support.h"
#include "tests/support/temp_dir.h"

namespace kiosk::testing {
namespace {

using admin::AdminLogin;
using admin::LoginRefusal;
using nlohmann::json;

constexpr std::int64_t kLockoutMs = 900'000;

admin::OperatorEntry Entry(std::string id, admin::Role role, std::string card,
                           std::string_view pin) {
  auto hash = admin::HashPin(pin, 1000);  // Few iterations: the tests run under ASan.
  REQUIRE(hash);
  return {std::move(id), "测试", role, std::move(card), *hash};
}

admin::OperatorDirectory Directory(bool pin_only_allowed = false) {
  admin::OperatorDirectory directory;
  directory.operators.push_back(Entry("op001", admin::Role::kOperator, "CARD-0001", "246810"));
  directory.operators.push_back(
      Entry("adm001", admin::Role::kAdministrator, "CARD-0002", "135790"));
  directory.policy.pin_only_allowed = pin_only_allowed;
  return directory;
}

struct Fixture {
  TempDir dir{"admin-login"};
  FakeClock clock;
  admin::OperatorDirectory directory = Directory();
  std::unique_ptr<admin::AuditLog> audit;
  std::unique_ptr<AdminLogin> login;

  Fixture() {
    auto opened = admin::AuditLog::Open(dir.File("audit.jsonl"), "ZS-TEST-T01", clock.Fn());
    REQUIRE(opened);
    audit = std::move(*opened);
    Reopen();
  }
  // As after a restart: the state comes from the file alone.
  void Reopen() {
    login.reset();
    auto opened = AdminLogin::Open(directory, StateFile(), *audit, clock.Fn());
    INFO((opened ? "" : opened.error().Describe()));
    REQUIRE(opened);
    login = std::move(*opened);
  }
  std::string StateFile() const { return dir.File("admin_login.json"); }
  // The actions audited since the record numbered `after`.
  std::vector<std::string> ActionsAfter(std::int64_t after) const {
    auto records = audit->Recent(1000);
    REQUIRE(records);
    std::vector<std::string> actions;
    for (const auto& record : *records) {
      if (record.seq > after) actions.push_back(record.action);
    }
    return actions;
  }
  admin::AuditRecord Last() const {
    auto records = audit->Recent(1);
    REQUIRE(records);
    REQUIRE(records->size() == 1);
    return records->front();
  }
  std::int64_t Seq() const { return audit->Head().seq; }
};

using Actions = std::vector<std::string>;

TEST_CASE("An operator logs in with card and PIN", "[admin][login]") {
  Fixture f;
  auto result = f.login->WithCard("CARD-0001", "246810");
  REQUIRE(result.op);
  CHECK(result.op->id == "op001");
  CHECK(result.op->role == admin::Role::kOperator);
  CHECK(result.failures_left == 5);
  CHECK(f.ActionsAfter(0) == Actions{"login"});
  const auto record = f.Last();
  CHECK(record.actor == "op001");
  CHECK(record.outcome == "ok");
  CHECK(record.detail == json{{"method", "card"}, {"role", "operator"}});

  f.login->Logout(*result.op, "timeout");
  CHECK(f.Last().action == "logout");
  CHECK(f.Last().detail == json{{"why", "timeout"}});
}

TEST_CASE("Five wrong PINs lock admin mode, even for the right PIN", "[admin][login]") {
  Fixture f;
  for (int attempt = 1; attempt <= 4; ++attempt) {
    auto result = f.login->WithCard("CARD-0001", "000000");
    CHECK_FALSE(result.op);
    CHECK(result.refusal == LoginRefusal::kWrongPin);
    CHECK(result.failures_left == 5 - attempt);
    CHECK(result.locked_until_unix_ms == 0);
    CHECK_FALSE(f.login->Locked());
  }
  const auto record = f.Last();
  CHECK(record.action == "login_failed");
  CHECK(record.actor == "op001");
  CHECK(record.outcome == "refused");
  CHECK(record.detail["refusal"] == "wrong_pin");
  CHECK(record.detail["card"] == "CA***0001");
  CHECK(record.detail["failures"] == 4);

  const std::int64_t before_fifth = f.Seq();
  auto fifth = f.login->WithCard("CARD-0001", "000000");
  CHECK(fifth.refusal == LoginRefusal::kWrongPin);
  CHECK(fifth.failures_left == 0);
  CHECK(fifth.locked_until_unix_ms == f.clock.now + kLockoutMs);
  CHECK(f.login->Locked());
  CHECK(f.login->LockedUntilUnixMs() == f.clock.now + kLockoutMs);
  CHECK(f.ActionsAfter(before_fifth) == Actions{"login_failed", "lockout"});
  CHECK(f.Last().detail["until"] == admin::FormatUnixMsUtc(f.clock.now + kLockoutMs));

  f.clock.now += kLockoutMs - 1;
  const std::int64_t before_locked = f.Seq();
  auto locked = f.login->WithCard("CARD-0001", "246810");
  CHECK_FALSE(locked.op);
  CHECK(locked.refusal == LoginRefusal::kLocked);
  CHECK(locked.locked_until_unix_ms == f.clock.now + 1);
  CHECK(f.ActionsAfter(before_locked) == Actions{"login_refused_locked"});

  // The card number is never written in full.
  CHECK(ReadText(f.dir.File("audit.jsonl")).find("CARD-0001") == std::string::npos);
  CHECK(ReadLines(f.dir.File("audit.jsonl")).size() == 7);
}

TEST_CASE("The lockout ends after its time and the count starts again", "[admin][login]") {
  Fixture f;
  for (int attempt = 0; attempt < 5; ++attempt) f.login->WithCard("CARD-0002", "111111");
  REQUIRE(f.login->Locked());
  f.clock.now += kLockoutMs;
  CHECK_FALSE(f.login->Locked());
  CHECK(f.login->LockedUntilUnixMs() == 0);

  const std::int64_t before = f.Seq();
  auto result = f.login->WithCard("CARD-0002", "135790");
  REQUIRE(result.op);
  CHECK(result.op->role == admin::Role::kAdministrator);
  CHECK(f.ActionsAfter(before) == Actions{"lockout_expired", "login"});
  CHECK(f.login->FailuresLeft() == 5);

  // Counting again from zero: one wrong PIN leaves four.
  CHECK(f.login->WithCard("CARD-0002", "111111").failures_left == 4);
}

TEST_CASE("The failure count and the lockout survive a restart", "[admin][login]") {
  Fixture f;
  for (int attempt = 0; attempt < 3; ++attempt) f.login->WithCard("CARD-0001", "000000");
  f.Reopen();
  CHECK(f.login->FailuresLeft() == 2);
  f.login->WithCard("CARD-0001", "000000");
  auto fifth = f.login->WithCard("CARD-0001", "000000");
  CHECK(fifth.locked_until_unix_ms != 0);
  f.Reopen();
  CHECK(f.login->Locked());
  CHECK(f.login->WithCard("CARD-0001", "246810").refusal == LoginRefusal::kLocked);
  CHECK_FALSE(std::filesystem::exists(f.StateFile() + ".tmp"));
}

TEST_CASE("A success resets the failure count", "[admin][login]") {
  Fixture f;
  for (int attempt = 0; attempt < 4; ++attempt) f.login->WithCard("CARD-0001", "000000");
  REQUIRE(f.login->FailuresLeft() == 1);
  REQUIRE(f.login->WithCard("CARD-0001", "246810").op);
  CHECK(f.login->FailuresLeft() == 5);
  f.Reopen();
  CHECK(f.login->FailuresLeft() == 5);
  for (int attempt = 0; attempt < 4; ++attempt) f.login->WithCard("CARD-0001", "000000");
  CHECK_FALSE(f.login->Locked());
}

TEST_CASE("Unknown cards count, malformed PINs do not", "[admin][login]") {
  Fixture f;
  auto unknown = f.login->WithCard("6222021234567890123", "246810");
  CHECK(unknown.refusal == LoginRefusal::kUnknownCard);
  CHECK(unknown.failures_left == 4);
  CHECK(f.Last().actor == "unknown");
  CHECK(f.Last().detail["card"] == "62*************0123");
  CHECK(f.Last().detail["refusal"] == "unknown_card");

  auto malformed = f.login->WithCard("CARD-0001", "12ab");
  CHECK(malformed.refusal == LoginRefusal::kBadPinFormat);
  CHECK(malformed.failures_left == 4);
  CHECK(f.Last().detail["refusal"] == "bad_pin_format");
  CHECK(f.ActionsAfter(0) == Actions{"login_failed", "login_failed"});
  CHECK(ReadText(f.dir.File("audit.jsonl")).find("1234567890") == std::string::npos);
}

TEST_CASE("PIN alone only where the policy allows it", "[admin][login]") {
  Fixture f;
  SECTION("refused by default, without counting") {
    auto refused = f.login->WithPin("adm001", "135790");
    CHECK_FALSE(refused.op);
    CHECK(refused.refusal == LoginRefusal::kPinOnlyNotAllowed);
    CHECK(refused.failures_left == 5);
    CHECK(f.Last().action == "login_failed");
    CHECK(f.Last().actor == "adm001");
    CHECK(f.Last().detail["refusal"] == "pin_only_not_allowed");
    CHECK(f.Last().detail["method"] == "pin");
  }
  SECTION("allowed") {
    f.directory = Directory(true);
    f.Reopen();
    auto ok = f.login->WithPin("adm001", "135790");
    REQUIRE(ok.op);
    CHECK(ok.op->id == "adm001");
    CHECK(f.Last().detail["method"] == "pin");
    CHECK(f.login->WithPin("adm001", "999999").refusal == LoginRefusal::kWrongPin);
    auto unknown = f.login->WithPin("someone", "135790");
    CHECK(unknown.refusal == LoginRefusal::kUnknownOperator);
    CHECK(unknown.failures_left == 3);
    CHECK(f.Last().actor == "unknown");
    CHECK(f.Last().detail["operator_id"] == "so***ne");
  }
}

TEST_CASE("A state file that cannot be read locks rather than forgets", "[admin][login]") {
  Fixture f;
  f.login->WithCard("CARD-0001", "000000");
  WriteText(f.StateFile(), "{\"format_version\": 1, \"failures\": \"none\"}");
  const std::int64_t before = f.Seq();
  f.Reopen();
  CHECK(f.login->Locked());
  CHECK(f.login->LockedUntilUnixMs() == f.clock.now + kLockoutMs);
  CHECK(f.ActionsAfter(before) == Actions{"login_state_unreadable"});
  f.clock.now += kLockoutMs;
  CHECK(f.login->WithCard("CARD-0001", "246810").op);
}

TEST_CASE("A clock set back does not lengthen the lockout", "[admin][login]") {
  Fixture f;
  for (int attempt = 0; attempt < 5; ++attempt) f.login->WithCard("CARD-0001", "000000");
  f.clock.now -= 3'600'000;  // An hour back.
  CHECK(f.login->WithCard("CARD-0001", "246810").locked_until_unix_ms == f.clock.now + kLockoutMs);
  f.clock.now += kLockoutMs;
  CHECK(f.login->WithCard("CARD-0001", "246810").op);
}

}  // namespace
}  // namespace kiosk::testing
