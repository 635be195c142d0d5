#include "kiosk/core/admin/permissions.h"

namespace kiosk::admin {

std::string_view ActionName(AdminAction action) {
  switch (action) {
    case AdminAction::kViewStatus: return "view_status";
    case AdminAction::kTestDevice: return "test_device";
    case AdminAction::kViewQueue: return "view_queue";
    case AdminAction::kRetryDeadLetter: return "retry_dead_letter";
    case AdminAction::kDiscardDeadLetter: return "discard_dead_letter";
    case AdminAction::kForceSync: return "force_sync";
    case AdminAction::kViewConfig: return "view_config";
    case AdminAction::kRollbackConfig: return "rollback_config";
    case AdminAction::kViewLogs: return "view_logs";
    case AdminAction::kExportLogs: return "export_logs";
    case AdminAction::kSetOutOfService: return "set_out_of_service";
    case AdminAction::kRestartProgram: return "restart_program";
    case AdminAction::kChangeRegion: return "change_region";
  }
  return "unknown";
}

bool NeedsReason(AdminAction action) {
  return action == AdminAction::kDiscardDeadLetter || action == AdminAction::kRollbackConfig ||
         action == AdminAction::kChangeRegion;
}

bool Allowed(Role role, AdminAction action) {
  if (role == Role::kAdministrator) return true;
  // An operator keeps the terminal running; nothing it may do loses a
  // citizen's submission or changes the terminal's configuration.
  switch (action) {
    case AdminAction::kViewStatus:
    case AdminAction::kTestDevice:
    case AdminAction::kViewQueue:
    case AdminAction::kRetryDeadLetter:
    case AdminAction::kForceSync:
    case AdminAction::kViewConfig:
    case AdminAction::kViewLogs:
    case AdminAction::kExportLogs:
    case AdminAction::kSetOutOfService:
    case AdminAction::kRestartProgram: return true;
    case AdminAction::kDiscardDeadLetter:
    case AdminAction::kRollbackConfig:
    case AdminAction::kChangeRegion: return false;
  }
  return false;
}

}  // namespace kiosk::admin
