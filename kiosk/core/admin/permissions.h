#pragma once

// What each operator role may do in admin mode. An operator keeps the
// terminal running (diagnostics, the queue, restarts); only an
// administrator may lose data or change what the terminal is (discard a
// dead letter, roll the configuration back, change its region), and those
// actions need a reason, which goes into the audit log.

#include <string_view>

#include "kiosk/core/admin/operators.h"

namespace kiosk::admin {

enum class AdminAction {
  kViewStatus,
  kTestDevice,
  kViewQueue,
  kRetryDeadLetter,
  kDiscardDeadLetter,
  kForceSync,
  kViewConfig,
  kRollbackConfig,
  kViewLogs,
  kExportLogs,
  kSetOutOfService,  // Out of service and back in service.
  kRestartProgram,
  kChangeRegion,
};

// "view_status", "discard_dead_letter", …: the name in audit records.
std::string_view ActionName(AdminAction action);

bool Allowed(Role role, AdminAction action);

// Discard, rollback and region change: the operator must give a reason.
bool NeedsReason(AdminAction action);

}  // namespace kiosk::admin
