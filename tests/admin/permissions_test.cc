// Which role may do what in admin mode.

#include "kiosk/core/admin/permissions.h"

#include <catch2/catch.hpp>
#include <set>

namespace kiosk::testing {
namespace {

using admin::AdminAction;
using admin::Allowed;
using admin::Role;

constexpr AdminAction kAll[] = {
    AdminAction::kViewStatus,      AdminAction::kTestDevice,        AdminAction::kViewQueue,
    AdminAction::kRetryDeadLetter, AdminAction::kDiscardDeadLetter, AdminAction::kForceSync,
    AdminAction::kViewConfig,      AdminAction::kRollbackConfig,    AdminAction::kViewLogs,
    AdminAction::kExportLogs,      AdminAction::kSetOutOfService,   AdminAction::kRestartProgram,
    AdminAction::kChangeRegion};

TEST_CASE("An operator keeps the terminal running, an administrator may do all", "[admin][roles]") {
  const std::set<AdminAction> administrator_only = {
      AdminAction::kDiscardDeadLetter, AdminAction::kRollbackConfig, AdminAction::kChangeRegion};
  for (AdminAction action : kAll) {
    INFO(admin::ActionName(action));
    CHECK(Allowed(Role::kAdministrator, action));
    CHECK(Allowed(Role::kOperator, action) == !administrator_only.contains(action));
    CHECK(admin::NeedsReason(action) == administrator_only.contains(action));
  }
}

TEST_CASE("Action and role names are distinct", "[admin][roles]") {
  std::set<std::string_view> names;
  for (AdminAction action : kAll) names.insert(admin::ActionName(action));
  CHECK(names.size() == std::size(kAll));
  CHECK(names.contains("discard_dead_letter"));
  CHECK(names.contains("set_out_of_service"));
  CHECK(admin::RoleName(Role::kOperator) == "operator");
  CHECK(admin::RoleName(Role::kAdministrator) == "administrator");
}

}  // namespace
}  // namespace kiosk::testing
