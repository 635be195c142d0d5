#include <algorithm>
#include <cctype>

#include "kiosk/core/admin/admin_console.h"
#include "ui/admin/admin_screens.h"
#include "ui/admin/admin_ui_state.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {
namespace {

constexpr std::size_t kShownLines = 300;  // The newest; the export has them all.

const char* LevelText(log::Level level) {
  switch (level) {
    case log::Level::kDebug: return "DEBUG";
    case log::Level::kInfo: return "INFO";
    case log::Level::kWarning: return "WARN";
    case log::Level::kError: return "ERROR";
  }
  return "INFO";
}

}  // namespace

void DrawAdminLogs(UiContext& ui) {
  admin::AdminConsole& console = *ui.admin;
  AdminUiState& state = *ui.admin_ui;
  if (Button(ui, "admin.logs.usb", ui.texts.Get("admin.logs.export_usb"), ImVec2(420, 84))) {
    console.ExportToUsb();
  }
  ImGui::SameLine();
  if (Button(ui, "admin.logs.headquarters", ui.texts.Get("admin.logs.send_headquarters"),
             ImVec2(420, 84), ButtonKind::kSecondary)) {
    console.SendToHeadquarters();
  }
  ImGui::Dummy(ImVec2(0, 8));
  const char* levels[] = {"admin.logs.all", "admin.logs.warnings", "admin.logs.errors"};
  for (int index = 0; index < 3; ++index) {
    if (index > 0) ImGui::SameLine();
    if (Button(ui, std::string("admin.logs.level.") + std::to_string(index),
               ui.texts.Get(levels[index]), ImVec2(240, 72),
               state.log_minimum == index ? ButtonKind::kPrimary : ButtonKind::kSecondary)) {
      state.log_minimum = index;
      console.Touch();
    }
  }
  // The components that wrote lately, as filter buttons.
  std::vector<std::string> components;
  for (const log::LogLine& line : state.log) {
    if (std::find(components.begin(), components.end(), line.component) == components.end()) {
      components.push_back(line.component);
    }
  }
  std::sort(components.begin(), components.end());
  ImGui::PushFont(ui.fonts.small);
  if (Button(ui, "admin.logs.component.all", ui.texts.Get("admin.logs.all_components"),
             ImVec2(0, 60),
             state.log_component.empty() ? ButtonKind::kPrimary : ButtonKind::kSecondary)) {
    state.log_component.clear();
  }
  for (const std::string& component : components) {
    ImGui::SameLine();
    if (ImGui::GetCursorPosX() + ImGui::CalcTextSize(component.c_str()).x + 40 >
        ImGui::GetContentRegionAvail().x + ImGui::GetCursorPosX()) {
      ImGui::NewLine();
    }
    if (Button(ui, "admin.logs.component." + component, component, ImVec2(0, 60),
               state.log_component == component ? ButtonKind::kPrimary : ButtonKind::kSecondary)) {
      state.log_component = state.log_component == component ? "" : component;
    }
  }
  ImGui::Separator();
  std::size_t shown = 0;
  for (auto line = state.log.rbegin(); line != state.log.rend() && shown < kShownLines; ++line) {
    const int level = line->level == log::Level::kError     ? 2
                      : line->level == log::Level::kWarning ? 1
                                                            : 0;
    if (level < state.log_minimum) continue;
    if (!state.log_component.empty() && line->component != state.log_component) continue;
    ++shown;
    const ImU32 color = level == 2   ? theme::Colors().warning
                        : level == 1 ? theme::Colors().warning
                                     : theme::Colors().text;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color), "%s %s %s: %s",
                       AdminTime(line->unix_ms).c_str(), LevelText(line->level),
                       line->component.c_str(), line->message.c_str());
    ImGui::PopTextWrapPos();
  }
  if (shown == 0) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::Colors().muted_text), "%s",
                       ui.texts.Get("admin.logs.empty").c_str());
  }
  ImGui::PopFont();
}

}  // namespace kiosk::ui
