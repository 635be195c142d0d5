#include "kiosk/core/admin/admin_console.h"

#include <algorithm>

#include "common/log.h"
#include "common/secure_wipe.h"
#include "kiosk/core/validation/mask.h"

namespace kiosk::admin {
namespace {

constexpr std::size_t kMaxPinLength = 12;
constexpr std::size_t kMaxOperatorIdLength = 16;
constexpr std::chrono::seconds kCountdown{15};

const char* LoginRefusalKey(LoginRefusal refusal) {
  switch (refusal) {
    case LoginRefusal::kWrongPin: return "admin.login.wrong_pin";
    case LoginRefusal::kUnknownCard: return "admin.login.unknown_card";
    case LoginRefusal::kUnknownOperator: return "admin.login.unknown_operator";
    case LoginRefusal::kPinOnlyNotAllowed: return "admin.login.card_required";
    case LoginRefusal::kLocked: return "admin.login.locked";
    case LoginRefusal::kBadPinFormat: return "admin.login.bad_pin";
  }
  return "admin.login.wrong_pin";
}

}  // namespace

const char* ToString(DeviceTest test) {
  switch (test) {
    case DeviceTest::kReceipt: return "receipt";
    case DeviceTest::kA4Page: return "a4";
    case DeviceTest::kCard: return "card";
    case DeviceTest::kIdCard: return "idcard";
    case DeviceTest::kScan: return "scan";
  }
  return "receipt";
}

const char* ToString(AdminPage page) {
  switch (page) {
    case AdminPage::kClosed: return "closed";
    case AdminPage::kLogin: return "login";
    case AdminPage::kDevices: return "devices";
    case AdminPage::kQueue: return "queue";
    case AdminPage::kSync: return "sync";
    case AdminPage::kConfig: return "config";
    case AdminPage::kLogs: return "logs";
    case AdminPage::kTerminal: return "terminal";
  }
  return "closed";
}

AdminConsole::AdminConsole(AdminConsoleDependencies deps) : deps_(std::move(deps)) {}

AdminConsole::~AdminConsole() { ClearLoginInput(); }

void AdminConsole::Open() {
  if (IsOpen()) return;
  Audit("admin_gesture", "ok", nlohmann::json::object());
  page_ = AdminPage::kLogin;
  last_login_.reset();
  notice_.reset();
  Touch();
  log::Info("admin", "admin login opened");
}

bool AdminConsole::May(AdminAction action) const {
  return operator_ && Allowed(operator_->role, action);
}

bool AdminConsole::PinOnlyAllowed() const {
  return deps_.operators != nullptr && deps_.operators->policy.pin_only_allowed;
}

bool AdminConsole::Locked() const { return deps_.login->Locked(); }
std::int64_t AdminConsole::LockedUntilUnixMs() const { return deps_.login->LockedUntilUnixMs(); }

void AdminConsole::OnCardInserted() {
  if (page_ != AdminPage::kLogin || reading_card_ || !deps_.read_operator_card) return;
  Touch();
  reading_card_ = true;
  std::weak_ptr<int> alive = generation_;
  deps_.tasks->Post([this, alive, read = deps_.read_operator_card] {
    auto number = std::make_shared<Result<std::string>>(read());
    return [this, alive, number] {
      if (alive.expired()) return;
      reading_card_ = false;
      if (page_ != AdminPage::kLogin) return;
      if (!*number) {
        SetNotice(false, "admin.login.card_unreadable", number->error().Describe());
        return;
      }
      card_number_ = std::move(**number);
      masked_card_ = validation::MaskMiddle(card_number_, 2, 2);
      notice_.reset();
    };
  });
}

void AdminConsole::OnCardRemoved() {
  if (page_ == AdminPage::kLogin) {
    SecureWipe(card_number_);
    card_number_.clear();
    masked_card_.clear();
  }
}

void AdminConsole::PinKey(char digit) {
  Touch();
  if (digit >= '0' && digit <= '9' && pin_.size() < kMaxPinLength) pin_.push_back(digit);
}

void AdminConsole::PinBackspace() {
  Touch();
  if (!pin_.empty()) pin_.pop_back();
}

void AdminConsole::OperatorIdKey(char digit) {
  Touch();
  if (digit >= '0' && digit <= '9' && operator_id_.size() < kMaxOperatorIdLength) {
    operator_id_.push_back(digit);
  }
}

void AdminConsole::OperatorIdBackspace() {
  Touch();
  if (!operator_id_.empty()) operator_id_.pop_back();
}

void AdminConsole::SubmitLogin() {
  if (page_ != AdminPage::kLogin) return;
  Touch();
  LoginResult result = !card_number_.empty() ? deps_.login->WithCard(card_number_, pin_)
                                             : deps_.login->WithPin(operator_id_, pin_);
  SecureWipe(pin_);
  pin_.clear();
  if (result.op) {
    operator_ = result.op;
    ClearLoginInput();
    last_login_.reset();
    notice_.reset();
    page_ = AdminPage::kDevices;
    log::Info("admin", "operator {} ({}) logged in", operator_->id, RoleName(operator_->role));
    return;
  }
  // The number goes with the PIN: both are typed again.
  operator_id_.clear();
  SetNotice(false, LoginRefusalKey(result.refusal));
  last_login_ = std::move(result);
}

void AdminConsole::Show(AdminPage page) {
  Touch();
  if (!operator_ || page == AdminPage::kClosed || page == AdminPage::kLogin) return;
  page_ = page;
  notice_.reset();
}

void AdminConsole::Logout() {
  if (operator_) deps_.login->Logout(*operator_, "operator");
  Close();
}

void AdminConsole::Close() {
  if (!IsOpen()) return;
  page_ = AdminPage::kClosed;
  operator_.reset();
  ClearLoginInput();
  last_login_.reset();
  notice_.reset();
  results_.clear();
  // Work still running finishes; its completion finds a new generation.
  generation_ = std::make_shared<int>(*generation_ + 1);
  running_.clear();
  background_ = 0;
  reading_card_ = false;
  log::Info("admin", "admin mode closed");
}

void AdminConsole::ClearLoginInput() {
  SecureWipe(pin_);
  SecureWipe(card_number_);
  pin_.clear();
  card_number_.clear();
  masked_card_.clear();
  operator_id_.clear();
}

void AdminConsole::Touch() { last_input_ = deps_.clock->Now(); }

std::chrono::seconds AdminConsole::Timeout() const {
  return deps_.operators != nullptr ? deps_.operators->policy.session_timeout
                                    : std::chrono::seconds(120);
}

std::optional<Clock::TimePoint> AdminConsole::NextDeadline() const {
  if (!IsOpen()) return std::nullopt;
  const Clock::TimePoint end = last_input_ + Timeout();
  const Clock::TimePoint countdown = end - kCountdown;
  return deps_.clock->Now() < countdown ? countdown : end;
}

std::optional<int> AdminConsole::SecondsLeft() const {
  if (!IsOpen()) return std::nullopt;
  const auto left = last_input_ + Timeout() - deps_.clock->Now();
  if (left > kCountdown) return std::nullopt;
  return static_cast<int>(
      std::max<std::int64_t>(0, std::chrono::ceil<std::chrono::seconds>(left).count()));
}

bool AdminConsole::Tick() {
  if (!IsOpen() || Busy()) return false;  // A test under way is not inactivity.
  if (deps_.clock->Now() - last_input_ < Timeout()) return false;
  if (operator_) {
    deps_.login->Logout(*operator_, "timeout");
  } else {
    Audit("admin_login_abandoned", "ok", nlohmann::json::object());
  }
  Close();
  return true;
}

void AdminConsole::SetNotice(bool ok, std::string key, std::string detail) {
  notice_ = AdminNotice{ok, std::move(key), std::move(detail)};
  ++revision_;
}

void AdminConsole::Audit(const std::string& action, const std::string& outcome,
                         nlohmann::json detail) {
  const std::string actor = operator_ ? operator_->id : "unknown";
  if (auto recorded = deps_.audit->Append(actor, action, outcome, std::move(detail)); !recorded) {
    log::Error("admin", "audit record for {} not written: {}", action, recorded.error().Describe());
  }
}

bool AdminConsole::Permit(AdminAction action, const nlohmann::json& detail) {
  Touch();
  if (May(action)) return true;
  Audit(std::string(ActionName(action)), "refused", detail);
  SetNotice(false, "admin.notice.not_permitted");
  log::Warning("admin", "{} refused: role {} may not", ActionName(action),
               operator_ ? RoleName(operator_->role) : "none");
  return false;
}

void AdminConsole::Record(AdminAction action, const Result<void>& outcome, nlohmann::json detail) {
  if (!outcome) detail["error"] = outcome.error().Describe();
  Audit(std::string(ActionName(action)), outcome ? "ok" : "failed", std::move(detail));
  if (outcome) {
    SetNotice(true, "admin.notice.done");
  } else {
    SetNotice(false, "admin.notice.failed", outcome.error().Describe());
  }
}

void AdminConsole::RunDeviceTest(DeviceTest test) {
  const nlohmann::json detail = {{"device_test", ToString(test)}};
  if (running_.contains(test) || !Permit(AdminAction::kTestDevice, detail)) return;
  running_.insert(test);
  results_.erase(test);
  std::weak_ptr<int> alive = generation_;
  deps_.tasks->Post([this, alive, test, services = deps_.services] {
    auto result = std::make_shared<DeviceTestResult>(services->RunDeviceTest(test));
    return [this, alive, test, result] {
      if (alive.expired()) return;
      running_.erase(test);
      Audit(std::string(ActionName(AdminAction::kTestDevice)), result->passed ? "ok" : "failed",
            {{"device_test", ToString(test)}, {"result", result->detail}});
      results_[test] = *result;
      ++revision_;
    };
  });
}

void AdminConsole::ReprintFailedReceipt() {
  const nlohmann::json detail = {{"reprint", "failed_receipt"}};
  if (!Permit(AdminAction::kTestDevice, detail)) return;
  ++background_;
  std::weak_ptr<int> alive = generation_;
  deps_.tasks->Post([this, alive, services = deps_.services, detail] {
    auto printed = std::make_shared<Result<void>>(services->ReprintFailedReceipt());
    return [this, alive, printed, detail] {
      if (alive.expired()) return;
      --background_;
      Record(AdminAction::kTestDevice, *printed, detail);
    };
  });
}

void AdminConsole::RetryDeadLetter(std::int64_t id) {
  const nlohmann::json detail = {{"outbox_row", id}};
  if (!Permit(AdminAction::kRetryDeadLetter, detail)) return;
  Record(AdminAction::kRetryDeadLetter, deps_.services->RetryDeadLetter(id), detail);
}

void AdminConsole::DiscardDeadLetter(std::int64_t id, const std::string& reason) {
  const nlohmann::json detail = {{"outbox_row", id}, {"reason", reason}};
  if (!Permit(AdminAction::kDiscardDeadLetter, detail)) return;
  if (reason.empty()) {
    SetNotice(false, "admin.notice.reason_needed");
    return;
  }
  Record(AdminAction::kDiscardDeadLetter, deps_.services->DiscardDeadLetter(id), detail);
}

void AdminConsole::SyncNow() {
  if (!Permit(AdminAction::kForceSync, nlohmann::json::object())) return;
  deps_.services->SyncNow();
  Record(AdminAction::kForceSync, {}, nlohmann::json::object());
}

void AdminConsole::RollBackConfig(const std::string& reason) {
  const nlohmann::json detail = {{"reason", reason}};
  if (!Permit(AdminAction::kRollbackConfig, detail)) return;
  if (reason.empty()) {
    SetNotice(false, "admin.notice.reason_needed");
    return;
  }
  Record(AdminAction::kRollbackConfig, deps_.services->RollBackConfig(reason), detail);
}

void AdminConsole::ExportToUsb() {
  if (!Permit(AdminAction::kExportLogs, {{"to", "usb"}})) return;
  ++background_;
  std::weak_ptr<int> alive = generation_;
  deps_.tasks->Post([this, alive, services = deps_.services] {
    auto written = std::make_shared<Result<std::string>>(services->ExportToUsb());
    return [this, alive, written] {
      if (alive.expired()) return;
      --background_;
      if (*written) {
        Audit(std::string(ActionName(AdminAction::kExportLogs)), "ok",
              {{"to", "usb"}, {"path", **written}});
        SetNotice(true, "admin.notice.exported", **written);
      } else {
        Record(AdminAction::kExportLogs, std::unexpected(written->error()), {{"to", "usb"}});
      }
    };
  });
}

void AdminConsole::SendToHeadquarters() {
  if (!Permit(AdminAction::kExportLogs, {{"to", "headquarters"}})) return;
  ++background_;
  std::weak_ptr<int> alive = generation_;
  deps_.tasks->Post([this, alive, services = deps_.services] {
    auto sent = std::make_shared<Result<void>>(services->SendToHeadquarters());
    return [this, alive, sent] {
      if (alive.expired()) return;
      --background_;
      Record(AdminAction::kExportLogs, *sent, {{"to", "headquarters"}});
    };
  });
}

void AdminConsole::SetInService(bool in_service, const std::string& reason) {
  const nlohmann::json detail = {{"in_service", in_service}, {"reason", reason}};
  if (!Permit(AdminAction::kSetOutOfService, detail)) return;
  Record(AdminAction::kSetOutOfService, deps_.services->SetInService(in_service, reason), detail);
}

void AdminConsole::ChangeRegion(const std::string& region, const std::string& reason) {
  const nlohmann::json detail = {{"region", region}, {"reason", reason}};
  if (!Permit(AdminAction::kChangeRegion, detail)) return;
  if (reason.empty()) {
    SetNotice(false, "admin.notice.reason_needed");
    return;
  }
  Record(AdminAction::kChangeRegion, deps_.services->ChangeRegion(region), detail);
  if (notice_ && notice_->ok) notice_->key = "admin.notice.after_restart";
}

void AdminConsole::Restart() {
  if (!Permit(AdminAction::kRestartProgram, nlohmann::json::object())) return;
  Record(AdminAction::kRestartProgram, {}, nlohmann::json::object());
  if (operator_) deps_.login->Logout(*operator_, "restart");
  Close();
  deps_.services->RestartProgram();
}

}  // namespace kiosk::admin
