// The sync, configuration and terminal pages: what staff read, with the
// few actions each offers.
#include "kiosk/core/admin/admin_console.h"
#include "ui/admin/admin_screens.h"
#include "ui/admin/admin_ui_state.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {

void DrawAdminSync(UiContext& ui) {
  admin::AdminConsole& console = *ui.admin;
  const admin::SyncOverview& sync = ui.admin_ui->sync;
  AdminRow(ui, ui.texts.Get("admin.sync.network"),
           ui.texts.Get(sync.online ? "status.network_online" : "status.network_offline"),
           sync.online ? theme::Colors().ok : theme::Colors().warning);
  if (Button(ui, "admin.sync.now", ui.texts.Get("admin.sync.now"), ImVec2(380, 84))) {
    console.SyncNow();
  }
  ImGui::Dummy(ImVec2(0, 16));
  ImGui::TextUnformatted(ui.texts.Get("admin.sync.contacts").c_str());
  for (const admin::RegionContactLine& line : sync.regions) {
    const RegionConfig* region = ui.config.FindRegion(line.region);
    std::string value = line.last_success_unix_ms > 0 ? AdminTime(line.last_success_unix_ms)
                                                      : ui.texts.Get("admin.sync.never");
    if (!line.last_error.empty()) value += "  " + line.last_error;
    AdminRow(ui, region ? region->name + " " + line.region : line.region, value,
             line.last_error.empty() ? 0 : theme::Colors().warning);
  }
  ImGui::Dummy(ImVec2(0, 16));
  ImGui::TextUnformatted(ui.texts.Get("admin.sync.certificates").c_str());
  if (sync.certificates.empty()) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::Colors().muted_text), "%s",
                       ui.texts.Get("admin.sync.no_tls").c_str());
  }
  for (const admin::CertificateLine& cert : sync.certificates) {
    if (!cert.error.empty()) {
      AdminRow(ui, cert.role, cert.error, theme::Colors().warning);
      continue;
    }
    const bool soon = cert.days_left < 30;
    AdminRow(ui, cert.role,
             ui.texts.Format("admin.sync.expires", {{"date", AdminTime(cert.not_after_unix * 1000)},
                                                    {"days", std::to_string(cert.days_left)}}) +
                 "  " + cert.subject,
             soon ? theme::Colors().warning : 0);
  }
}

void DrawAdminConfig(UiContext& ui) {
  admin::AdminConsole& console = *ui.admin;
  AdminUiState& state = *ui.admin_ui;
  const admin::ConfigOverview& config = state.config;
  auto version = [&](std::int64_t v) {
    return v > 0 ? ui.texts.Format("admin.config.version", {{"version", std::to_string(v)}})
                 : ui.texts.Get("admin.config.installed");
  };
  AdminRow(ui, ui.texts.Get("admin.config.applied"), version(config.applied));
  AdminRow(ui, ui.texts.Get("admin.config.previous"),
           config.can_roll_back ? version(config.previous) : ui.texts.Get("admin.config.none"));
  AdminRow(ui, ui.texts.Get("admin.config.pending"),
           config.pending > 0 ? version(config.pending) : ui.texts.Get("admin.config.none"));
  AdminRow(ui, ui.texts.Get("admin.config.refused"),
           config.last_refused > 0 ? version(config.last_refused) + "  " + config.last_refusal
                                   : ui.texts.Get("admin.config.none"),
           config.last_refused > 0 ? theme::Colors().warning : 0);
  ImGui::Dummy(ImVec2(0, 20));
  if (!console.May(admin::AdminAction::kRollbackConfig)) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::Colors().muted_text), "%s",
                       ui.texts.Get("admin.config.administrator_only").c_str());
    return;
  }
  if (!config.can_roll_back) return;
  if (Button(ui, "admin.config.rollback", ui.texts.Get("admin.config.rollback"), ImVec2(480, 84),
             ButtonKind::kSecondary)) {
    state.choice = {AdminChoice::Kind::kRollback, 0, ""};
  }
  if (state.choice.kind == AdminChoice::Kind::kRollback) {
    std::string reason;
    if (DrawReasonPicker(ui, reason)) {
      console.RollBackConfig(reason);
      state.choice = {};
    }
  }
}

void DrawAdminTerminal(UiContext& ui) {
  admin::AdminConsole& console = *ui.admin;
  AdminUiState& state = *ui.admin_ui;
  const admin::TerminalOverview& terminal = state.terminal;
  const RegionConfig* home = ui.config.FindRegion(terminal.region);
  AdminRow(ui, ui.texts.Get("admin.terminal.id"), terminal.kiosk_id);
  AdminRow(ui, ui.texts.Get("admin.terminal.region"),
           home ? home->name + " " + terminal.region : terminal.region);
  AdminRow(ui, ui.texts.Get("admin.terminal.software"), terminal.software_version);
  AdminRow(ui, ui.texts.Get("admin.terminal.uptime"),
           ui.texts.Format("admin.terminal.uptime_value",
                           {{"hours", std::to_string(terminal.uptime_s / 3600)},
                            {"minutes", std::to_string(terminal.uptime_s / 60 % 60)}}));
  AdminRow(ui, ui.texts.Get("admin.terminal.service"),
           terminal.in_service ? ui.texts.Get("admin.terminal.in_service")
                               : ui.texts.Get("admin.terminal.out_of_service") + "  " +
                                     terminal.out_of_service_reason,
           terminal.in_service ? theme::Colors().ok : theme::Colors().warning);
  ImGui::Dummy(ImVec2(0, 20));
  if (terminal.in_service) {
    if (Button(ui, "admin.terminal.suspend", ui.texts.Get("admin.terminal.suspend"),
               ImVec2(380, 84), ButtonKind::kSecondary)) {
      state.choice = {AdminChoice::Kind::kOutOfService, 0, ""};
    }
  } else if (Button(ui, "admin.terminal.resume", ui.texts.Get("admin.terminal.resume"),
                    ImVec2(380, 84))) {
    console.SetInService(true, "");
  }
  ImGui::SameLine();
  if (Button(ui, "admin.terminal.restart", ui.texts.Get("admin.terminal.restart"), ImVec2(380, 84),
             ButtonKind::kSecondary)) {
    console.Restart();
  }
  if (state.choice.kind == AdminChoice::Kind::kOutOfService) {
    std::string reason;
    if (DrawReasonPicker(ui, reason)) {
      console.SetInService(false, reason);
      state.choice = {};
    }
  }
  if (!console.May(admin::AdminAction::kChangeRegion) || terminal.regions.size() < 2) return;
  ImGui::Dummy(ImVec2(0, 20));
  ImGui::TextUnformatted(ui.texts.Get("admin.terminal.change_region").c_str());
  for (const std::string& code : terminal.regions) {
    if (code == terminal.region) continue;
    const RegionConfig* region = ui.config.FindRegion(code);
    if (Button(ui, "admin.terminal.region." + code, region ? region->name : code, ImVec2(320, 84),
               ButtonKind::kSecondary)) {
      state.choice = {AdminChoice::Kind::kRegion, 0, code};
    }
    ImGui::SameLine();
  }
  ImGui::NewLine();
  if (state.choice.kind == AdminChoice::Kind::kRegion) {
    std::string reason;
    if (DrawReasonPicker(ui, reason)) {
      console.ChangeRegion(state.choice.region, reason);
      state.choice = {};
    }
  }
}

}  // namespace kiosk::ui
