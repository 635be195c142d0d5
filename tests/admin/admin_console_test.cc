// Admin mode's console over a fake set of services, with the real login,
// lockout and audit log: role checks, the audit record each action leaves,
// the timeout, and the operator card.
#include "kiosk/core/admin/admin_console.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "kiosk/core/admin/pin_hash.h"
#include "tests/unit/temp_path.h"

using namespace kiosk;
using namespace kiosk::admin;

namespace {

class FakeServices final : public AdminServices {
 public:
  std::vector<std::string> calls;
  bool receipt_fails = false;

  std::vector<devices::DeviceReport> Devices() override { return {}; }
  DeviceTestResult RunDeviceTest(DeviceTest test) override {
    calls.push_back(std::string("test ") + ToString(test));
    if (test == DeviceTest::kReceipt && receipt_fails) return {false, "paper out"};
    return {true, "ok"};
  }
  bool HasFailedReceipt() override { return false; }
  Result<void> ReprintFailedReceipt() override { return {}; }
  Result<QueueOverview> Queue() override { return QueueOverview{}; }
  Result<void> RetryDeadLetter(std::int64_t id) override {
    calls.push_back("retry " + std::to_string(id));
    return {};
  }
  Result<void> DiscardDeadLetter(std::int64_t id) override {
    calls.push_back("discard " + std::to_string(id));
    return {};
  }
  void SyncNow() override { calls.push_back("sync"); }
  SyncOverview Sync() override { return {}; }
  ConfigOverview Config() override { return {}; }
  Result<void> RollBackConfig(const std::string& reason) override {
    calls.push_back("rollback " + reason);
    return Fail(ErrorCode::kSequence, "the installed configuration runs: nothing to roll back");
  }
  std::vector<log::LogLine> RecentLog() override { return {}; }
  Result<std::string> ExportToUsb() override {
    calls.push_back("usb");
    return std::string("/media/usb/kiosk-T03");
  }
  Result<void> SendToHeadquarters() override {
    calls.push_back("headquarters");
    return {};
  }
  TerminalOverview Terminal() override { return {}; }
  Result<void> SetInService(bool in_service, const std::string&) override {
    calls.push_back(in_service ? "in service" : "out of service");
    return {};
  }
  Result<void> ChangeRegion(const std::string& region) override {
    calls.push_back("region " + region);
    return {};
  }
  void RestartProgram() override { calls.push_back("restart"); }
};

OperatorEntry Operator(std::string id, Role role, std::string card, const char* pin) {
  auto hash = HashPin(pin, 1000);
  REQUIRE(hash);
  return {std::move(id), "测试员", role, std::move(card), *hash};
}

struct Fixture {
  testing::TempPath dir{"admin_console"};
  ManualClock clock;
  std::int64_t now_ms = 1'764'900'000'000;
  FakeServices services;
  TaskRunner tasks;
  OperatorDirectory directory;
  std::unique_ptr<AuditLog> audit;
  std::unique_ptr<AdminLogin> login;
  std::unique_ptr<AdminConsole> console;
  std::string card_in_reader;

  explicit Fixture(bool pin_only = true) {
    std::filesystem::create_directories(dir.str());
    directory.operators.push_back(Operator("1001", Role::kOperator, "OPS000001", "246810"));
    directory.operators.push_back(Operator("9001", Role::kAdministrator, "ADM000001", "135790"));
    directory.policy.pin_only_allowed = pin_only;
    directory.policy.session_timeout = std::chrono::seconds(120);
    auto unix_ms = [this] { return now_ms; };
    auto opened = AuditLog::Open(dir.str() + "/audit.log", "T03", unix_ms);
    REQUIRE(opened);
    audit = std::move(*opened);
    auto opened_login = AdminLogin::Open(directory, dir.str() + "/login.json", *audit, unix_ms);
    REQUIRE(opened_login);
    login = std::move(*opened_login);
    AdminConsoleDependencies deps;
    deps.services = &services;
    deps.audit = audit.get();
    deps.login = login.get();
    deps.operators = &directory;
    deps.tasks = &tasks;
    deps.clock = &clock;
    deps.read_operator_card = [this]() -> Result<std::string> {
      if (card_in_reader.empty()) return Fail(ErrorCode::kNotFound, "no card");
      return card_in_reader;
    };
    console = std::make_unique<AdminConsole>(std::move(deps));
  }

  void Type(const std::string& digits, bool id = false) {
    for (char digit : digits) id ? console->OperatorIdKey(digit) : console->PinKey(digit);
  }
  void LogIn(const std::string& id, const std::string& pin) {
    console->Open();
    Type(id, true);
    Type(pin);
    console->SubmitLogin();
  }
  void Settle() {
    tasks.WaitIdle();
    tasks.RunCompletions();
  }
  std::vector<AuditRecord> Records() {
    auto records = audit->Recent(1000);
    REQUIRE(records);
    return *records;
  }
  const AuditRecord& Last() {
    static std::vector<AuditRecord> records;
    records = Records();
    REQUIRE(!records.empty());
    return records.back();
  }
};

}  // namespace

TEST_CASE("the console opens on the login page and an operator logs in with a PIN") {
  Fixture f;
  CHECK_FALSE(f.console->IsOpen());
  f.LogIn("1001", "246810");
  CHECK(f.console->Page() == AdminPage::kDevices);
  REQUIRE(f.console->Operator());
  CHECK(f.console->Operator()->role == Role::kOperator);
  const auto records = f.Records();
  REQUIRE(records.size() >= 2);
  CHECK(records[records.size() - 2].action == "admin_gesture");
  CHECK(records.back().action == "login");
  CHECK(records.back().actor == "1001");
}

TEST_CASE("an operator card and its PIN log in; the card number is never audited whole") {
  Fixture f(/*pin_only=*/false);
  f.console->Open();
  f.card_in_reader = "ADM000001";
  f.console->OnCardInserted();
  f.Settle();
  REQUIRE(f.console->CardRead());
  CHECK(f.console->MaskedCard().find("ADM000001") == std::string::npos);
  f.Type("135790");
  f.console->SubmitLogin();
  REQUIRE(f.console->Operator());
  CHECK(f.console->Operator()->role == Role::kAdministrator);
  for (const AuditRecord& record : f.Records()) {
    CHECK(record.detail.dump().find("ADM000001") == std::string::npos);
  }
}

TEST_CASE("a wrong PIN is refused on the login page and audited") {
  Fixture f;
  f.LogIn("1001", "000000");
  CHECK(f.console->Page() == AdminPage::kLogin);
  CHECK_FALSE(f.console->Operator());
  REQUIRE(f.console->Notice());
  CHECK(f.console->Notice()->key == "admin.login.wrong_pin");
  REQUIRE(f.console->LastLogin());
  CHECK(f.console->LastLogin()->failures_left == 4);
  CHECK(f.Last().action == "login_failed");
  CHECK(f.console->PinLength() == 0);  // The PIN typed is gone.
}

TEST_CASE("role checks: an operator may not discard, roll back or change the region") {
  Fixture f;
  f.LogIn("1001", "246810");
  f.console->DiscardDeadLetter(7, "群众已到窗口办理");
  CHECK(f.Last().action == std::string(ActionName(AdminAction::kDiscardDeadLetter)));
  CHECK(f.Last().outcome == "refused");
  f.console->RollBackConfig("总部通知");
  CHECK(f.Last().outcome == "refused");
  f.console->ChangeRegion("440300", "总部通知");
  CHECK(f.Last().outcome == "refused");
  CHECK(f.services.calls.empty());  // Nothing reached the services.
  REQUIRE(f.console->Notice());
  CHECK(f.console->Notice()->key == "admin.notice.not_permitted");

  // What the operator role is for works.
  f.console->RetryDeadLetter(7);
  CHECK(f.Last().outcome == "ok");
  CHECK(f.services.calls == std::vector<std::string>{"retry 7"});
}

TEST_CASE("every admin action leaves an audit record with its outcome") {
  Fixture f;
  f.services.receipt_fails = true;
  f.LogIn("9001", "135790");
  std::size_t before = f.Records().size();
  auto expect_new = [&](const std::string& action, const std::string& outcome) {
    const auto records = f.Records();
    REQUIRE(records.size() == before + 1);
    CHECK(records.back().action == action);
    CHECK(records.back().outcome == outcome);
    CHECK(records.back().actor == "9001");
    before = records.size();
  };
  f.console->RunDeviceTest(DeviceTest::kReceipt);
  f.Settle();
  expect_new(std::string(ActionName(AdminAction::kTestDevice)), "failed");
  f.console->RunDeviceTest(DeviceTest::kCard);
  f.Settle();
  expect_new(std::string(ActionName(AdminAction::kTestDevice)), "ok");
  f.console->RetryDeadLetter(3);
  expect_new(std::string(ActionName(AdminAction::kRetryDeadLetter)), "ok");
  f.console->DiscardDeadLetter(4, "数据有误，已线下处理");
  expect_new(std::string(ActionName(AdminAction::kDiscardDeadLetter)), "ok");
  CHECK(f.Records().back().detail["reason"] == "数据有误，已线下处理");
  f.console->SyncNow();
  expect_new(std::string(ActionName(AdminAction::kForceSync)), "ok");
  f.console->RollBackConfig("总部通知");
  expect_new(std::string(ActionName(AdminAction::kRollbackConfig)), "failed");
  f.console->ExportToUsb();
  f.Settle();
  expect_new(std::string(ActionName(AdminAction::kExportLogs)), "ok");
  f.console->SendToHeadquarters();
  f.Settle();
  expect_new(std::string(ActionName(AdminAction::kExportLogs)), "ok");
  f.console->SetInService(false, "设备或系统维护");
  expect_new(std::string(ActionName(AdminAction::kSetOutOfService)), "ok");
  f.console->ChangeRegion("440300", "总部通知");
  expect_new(std::string(ActionName(AdminAction::kChangeRegion)), "ok");
  f.console->Restart();
  // The restart and the logout that closes admin mode before it.
  const auto records = f.Records();
  REQUIRE(records.size() == before + 2);
  CHECK(records[before].action == std::string(ActionName(AdminAction::kRestartProgram)));
  CHECK(records[before + 1].action == "logout");
  CHECK_FALSE(f.console->IsOpen());
}

TEST_CASE("a discard or rollback without a reason is not done") {
  Fixture f;
  f.LogIn("9001", "135790");
  f.console->DiscardDeadLetter(4, "");
  CHECK(f.services.calls.empty());
  REQUIRE(f.console->Notice());
  CHECK(f.console->Notice()->key == "admin.notice.reason_needed");
}

TEST_CASE("admin mode times out like a citizen session, with a countdown, and is audited") {
  Fixture f;
  f.LogIn("1001", "246810");
  f.clock.Advance(std::chrono::seconds(100));
  CHECK_FALSE(f.console->SecondsLeft());
  CHECK_FALSE(f.console->Tick());
  f.clock.Advance(std::chrono::seconds(10));
  REQUIRE(f.console->SecondsLeft());
  CHECK(*f.console->SecondsLeft() == 10);
  f.console->Touch();  // A touch starts the time again.
  f.clock.Advance(std::chrono::seconds(119));
  CHECK_FALSE(f.console->Tick());
  f.clock.Advance(std::chrono::seconds(2));
  CHECK(f.console->Tick());
  CHECK_FALSE(f.console->IsOpen());
  CHECK(f.Last().action == "logout");
  CHECK(f.Last().detail["why"] == "timeout");
}

TEST_CASE("the login page left alone closes too") {
  Fixture f;
  f.console->Open();
  f.Type("12");
  f.clock.Advance(std::chrono::seconds(121));
  CHECK(f.console->Tick());
  CHECK_FALSE(f.console->IsOpen());
  CHECK(f.console->PinLength() == 0);
}

TEST_CASE("five wrong PINs through the console lock the login, even for the right PIN") {
  Fixture f;
  for (int attempt = 0; attempt < 5; ++attempt) f.LogIn("1001", "999999");
  CHECK(f.console->Locked());
  f.LogIn("1001", "246810");
  CHECK_FALSE(f.console->Operator());
  REQUIRE(f.console->Notice());
  CHECK(f.console->Notice()->key == "admin.login.locked");
  f.now_ms += 16 * 60 * 1000;  // Past the 15 min lockout.
  f.LogIn("1001", "246810");
  CHECK(f.console->Operator());
}
