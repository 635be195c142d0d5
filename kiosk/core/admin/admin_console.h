#pragma once

// Admin mode's state and actions, for the screens in ui/admin: the login
// (operator card + PIN, or PIN alone where allowed; lockout and its audit
// are AdminLogin's), the pages, each action checked against the
// operator's role and recorded in the audit log, and the inactivity
// timeout. Runs on the UI thread; slow work (device tests, exports) goes to
// the task runner and comes back as a completion.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "kiosk/core/admin/admin_login.h"
#include "kiosk/core/admin/admin_services.h"
#include "kiosk/core/admin/audit_log.h"
#include "kiosk/core/admin/operators.h"
#include "kiosk/core/admin/permissions.h"
#include "kiosk/core/util/clock.h"
#include "kiosk/core/util/task_runner.h"

namespace kiosk::admin {

enum class AdminPage { kClosed, kLogin, kDevices, kQueue, kSync, kConfig, kLogs, kTerminal };
// "login", "devices", …: button ids and the script's expect-admin.
const char* ToString(AdminPage page);

// The outcome of the last action, shown until the next one: a text key
// (admin.notice.*) and the precise detail (an error's description).
struct AdminNotice {
  bool ok = false;
  std::string key;
  std::string detail;
};

struct AdminConsoleDependencies {
  AdminServices* services = nullptr;
  AuditLog* audit = nullptr;
  AdminLogin* login = nullptr;
  const OperatorDirectory* operators = nullptr;
  TaskRunner* tasks = nullptr;
  const Clock* clock = nullptr;
  // Reads the operator card in the reader (blocking): its card number.
  std::function<Result<std::string>()> read_operator_card;
};

class AdminConsole {
 public:
  explicit AdminConsole(AdminConsoleDependencies deps);
  ~AdminConsole();
  AdminConsole(const AdminConsole&) = delete;
  AdminConsole& operator=(const AdminConsole&) = delete;

  // The hidden gesture was completed: the login page.
  void Open();
  bool IsOpen() const { return page_ != AdminPage::kClosed; }
  AdminPage Page() const { return page_; }
  const std::optional<LoggedInOperator>& Operator() const { return operator_; }
  bool May(AdminAction action) const;

  // Login page. The card is read when one is inserted while it shows.
  void OnCardInserted();
  void OnCardRemoved();
  bool CardRead() const { return !card_number_.empty(); }
  const std::string& MaskedCard() const { return masked_card_; }
  bool ReadingCard() const { return reading_card_; }
  void PinKey(char digit);  // '0'..'9'
  void PinBackspace();
  std::size_t PinLength() const { return pin_.size(); }
  // PIN alone: the operator's number typed first.
  void OperatorIdKey(char digit);
  void OperatorIdBackspace();
  const std::string& OperatorId() const { return operator_id_; }
  bool PinOnlyAllowed() const;
  void SubmitLogin();
  const std::optional<LoginResult>& LastLogin() const { return last_login_; }
  bool Locked() const;
  std::int64_t LockedUntilUnixMs() const;

  void Show(AdminPage page);
  void Logout();  // The operator's own, or the timeout's.
  void Touch();   // Any input: resets the inactivity timer.
  // Ends admin mode after the policy's inactivity timeout; true when it did.
  bool Tick();
  std::optional<int> SecondsLeft() const;  // In the last 15 s before the timeout.
  std::optional<Clock::TimePoint> NextDeadline() const;

  // Actions. Each is checked against the role and audited; the outcome is
  // Notice(). Device tests and exports run in the background.
  void RunDeviceTest(DeviceTest test);
  bool TestRunning(DeviceTest test) const { return running_.contains(test); }
  const std::map<DeviceTest, DeviceTestResult>& TestResults() const { return results_; }
  void ReprintFailedReceipt();
  void RetryDeadLetter(std::int64_t id);
  void DiscardDeadLetter(std::int64_t id, const std::string& reason);
  void SyncNow();
  void RollBackConfig(const std::string& reason);
  void ExportToUsb();
  void SendToHeadquarters();
  void SetInService(bool in_service, const std::string& reason);
  void ChangeRegion(const std::string& region, const std::string& reason);
  void Restart();
  bool Busy() const { return !running_.empty() || background_ > 0; }

  const std::optional<AdminNotice>& Notice() const { return notice_; }
  // Changes with every outcome: the screens read the services again.
  std::uint64_t Revision() const { return revision_; }
  AdminServices& Services() { return *deps_.services; }

 private:
  // Checks the role; audits a refusal and sets the notice. True when allowed.
  bool Permit(AdminAction action, const nlohmann::json& detail);
  void Record(AdminAction action, const Result<void>& outcome, nlohmann::json detail);
  void Audit(const std::string& action, const std::string& outcome, nlohmann::json detail);
  void Close();
  void ClearLoginInput();
  void SetNotice(bool ok, std::string key, std::string detail = "");
  std::chrono::seconds Timeout() const;

  AdminConsoleDependencies deps_;
  AdminPage page_ = AdminPage::kClosed;
  std::optional<LoggedInOperator> operator_;
  std::string pin_;
  std::string operator_id_;
  std::string card_number_;
  std::string masked_card_;
  bool reading_card_ = false;
  std::optional<LoginResult> last_login_;
  Clock::TimePoint last_input_{};
  std::set<DeviceTest> running_;
  int background_ = 0;
  std::map<DeviceTest, DeviceTestResult> results_;
  std::optional<AdminNotice> notice_;
  std::uint64_t revision_ = 0;
  // Completions check it: a result that arrives after admin mode closed is dropped.
  std::shared_ptr<int> generation_ = std::make_shared<int>(0);
};

}  // namespace kiosk::admin
