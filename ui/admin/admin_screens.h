#pragma once

// Admin mode's screens (maintenance staff): the login with its PIN pad,
// then a page per tab — devices, queue, sync, configuration, logs,
// terminal — under a header with the operator, the timeout and 退出.
// They draw from AdminConsole and call its actions; they hold nothing but
// AdminUiState.

#include "ui/ui_context.h"

namespace kiosk::ui {

void DrawAdminScreen(UiContext& ui);  // Whichever admin page is open.
void DrawAdminLogin(UiContext& ui);
void DrawAdminDevices(UiContext& ui);
void DrawAdminQueue(UiContext& ui);
void DrawAdminSync(UiContext& ui);
void DrawAdminConfig(UiContext& ui);
void DrawAdminLogs(UiContext& ui);
void DrawAdminTerminal(UiContext& ui);
// 暂停服务: what citizens see while staff have the terminal out of service.
void DrawOutOfServiceScreen(UiContext& ui);

// Shared by the pages.
// "2026-12-05 14:03" in local time; "—" for 0.
std::string AdminTime(std::int64_t unix_ms);
// The reasons an administrator picks from (admin.reason.*), and the
// buttons that offer them for the pending choice; true when one was tapped
// (its text in `reason`).
bool DrawReasonPicker(UiContext& ui, std::string& reason);
// A row of the page: label in muted colour, then value.
void AdminRow(UiContext& ui, const std::string& label, const std::string& value, ImU32 color = 0);

}  // namespace kiosk::ui
