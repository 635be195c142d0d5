#include "kiosk/core/admin/admin_console.h"
#include "ui/admin/admin_screens.h"
#include "ui/admin/admin_ui_state.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {
namespace {

struct TestButton {
  admin::DeviceTest test;
  const char* text_key;
};
constexpr TestButton kTests[] = {
    {admin::DeviceTest::kReceipt, "admin.test.receipt"},
    {admin::DeviceTest::kA4Page, "admin.test.a4"},
    {admin::DeviceTest::kCard, "admin.test.card"},
    {admin::DeviceTest::kIdCard, "admin.test.idcard"},
    {admin::DeviceTest::kScan, "admin.test.scan"},
};

ImU32 StateColor(const devices::DeviceReport& report) {
  if (!report.Usable()) return theme::Colors().warning;
  if (report.device_class == devices::DeviceClass::kReceiptPrinter && !report.CanPrint()) {
    return theme::Colors().warning;
  }
  if (report.paper == devices::PaperState::kLow) return theme::Colors().warning;
  return theme::Colors().ok;
}

}  // namespace

void DrawAdminDevices(UiContext& ui) {
  admin::AdminConsole& console = *ui.admin;
  const AdminUiState& state = *ui.admin_ui;
  for (const devices::DeviceReport& report : state.devices) {
    std::string value =
        ui.texts.Get(std::string("admin.device_state.") + devices::ToString(report.state));
    if (report.device_class == devices::DeviceClass::kReceiptPrinter &&
        report.paper != devices::PaperState::kUnknown) {
      value += "  " + ui.texts.Get(std::string("admin.paper.") + devices::ToString(report.paper));
    }
    value += "  (" + report.backend + ")";
    if (!report.detail.empty()) value += "  " + report.detail;
    AdminRow(ui,
             ui.texts.Get(std::string("admin.device.") + devices::ToString(report.device_class)),
             value, StateColor(report));
  }
  ImGui::Dummy(ImVec2(0, 12));
  ImGui::TextUnformatted(ui.texts.Get("admin.test.heading").c_str());
  // Five tests and their results on one screen.
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(16, 10));
  for (const TestButton& button : kTests) {
    const bool running = console.TestRunning(button.test);
    if (Button(ui, std::string("admin.test.") + admin::ToString(button.test),
               ui.texts.Get(running ? "admin.test.running" : button.text_key), ImVec2(380, 76),
               ButtonKind::kSecondary) &&
        !running) {
      console.RunDeviceTest(button.test);
    }
    ImGui::SameLine(0, 30);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 18);
    const auto found = console.TestResults().find(button.test);
    if (found != console.TestResults().end()) {
      const std::string verdict =
          ui.texts.Get(found->second.passed ? "admin.test.passed" : "admin.test.failed");
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(
                             found->second.passed ? theme::Colors().ok : theme::Colors().warning),
                         "%s  %s", verdict.c_str(), found->second.detail.c_str());
      ImGui::PopTextWrapPos();
    } else {
      ImGui::TextUnformatted(running ? ui.texts.Get("admin.test.wait_hint").c_str() : "");
    }
  }
  ImGui::PopStyleVar();
  if (state.failed_receipt) {
    ImGui::Dummy(ImVec2(0, 24));
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::Colors().warning), "%s",
                       ui.texts.Get("admin.reprint.waiting").c_str());
    if (Button(ui, "admin.reprint", ui.texts.Get("admin.reprint.button"), ImVec2(380, 84))) {
      console.ReprintFailedReceipt();
    }
  }
}

}  // namespace kiosk::ui
