#include <ctime>

#include "kiosk/core/admin/admin_console.h"
#include "ui/admin/admin_screens.h"
#include "ui/admin/admin_ui_state.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {
namespace {

constexpr auto kRefreshEvery = std::chrono::seconds(2);

struct Tab {
  admin::AdminPage page;
  const char* text_key;
};
constexpr Tab kTabs[] = {
    {admin::AdminPage::kDevices, "admin.tab.devices"},
    {admin::AdminPage::kQueue, "admin.tab.queue"},
    {admin::AdminPage::kSync, "admin.tab.sync"},
    {admin::AdminPage::kConfig, "admin.tab.config"},
    {admin::AdminPage::kLogs, "admin.tab.logs"},
    {admin::AdminPage::kTerminal, "admin.tab.terminal"},
};

// Reads what the page shows from the services when the page changed, an
// action finished, or the last read is 2 s old.
void Refresh(UiContext& ui) {
  admin::AdminConsole& console = *ui.admin;
  AdminUiState& state = *ui.admin_ui;
  const auto now = std::chrono::steady_clock::now();
  if (state.fetched_page == console.Page() && state.fetched_revision == console.Revision() &&
      now - state.fetched_at < kRefreshEvery) {
    return;
  }
  if (state.fetched_page != console.Page()) state.choice = {};
  state.fetched_page = console.Page();
  state.fetched_revision = console.Revision();
  state.fetched_at = now;
  admin::AdminServices& services = console.Services();
  switch (console.Page()) {
    case admin::AdminPage::kDevices:
      state.devices = services.Devices();
      state.failed_receipt = services.HasFailedReceipt();
      break;
    case admin::AdminPage::kQueue: state.queue = services.Queue(); break;
    case admin::AdminPage::kSync: state.sync = services.Sync(); break;
    case admin::AdminPage::kConfig: state.config = services.Config(); break;
    case admin::AdminPage::kLogs: state.log = services.RecentLog(); break;
    case admin::AdminPage::kTerminal: state.terminal = services.Terminal(); break;
    default: break;
  }
}

void DrawHeader(UiContext& ui) {
  admin::AdminConsole& console = *ui.admin;
  const theme::Metrics& sizes = theme::Sizes();
  ImGui::SetCursorPos(ImVec2(sizes.margin, sizes.status_bar_height + 16));
  ImGui::PushFont(ui.fonts.title);
  ImGui::TextUnformatted(ui.texts.Get("admin.title").c_str());
  ImGui::PopFont();
  ImGui::SameLine(0, 40);
  ImGui::PushFont(ui.fonts.body);
  ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 10);
  if (const auto& op = console.Operator()) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::Colors().muted_text), "%s",
                       ui.texts
                           .Format("admin.operator",
                                   {{"name", op->name},
                                    {"id", op->id},
                                    {"role", ui.texts.Get(std::string("admin.role.") +
                                                          std::string(admin::RoleName(op->role)))}})
                           .c_str());
  }
  const float logout_width = 220;
  std::string countdown;
  if (auto left = console.SecondsLeft()) {
    countdown = ui.texts.Format("countdown", {{"seconds", std::to_string(*left)}});
  }
  const float countdown_width = countdown.empty() ? 0 : ImGui::CalcTextSize(countdown.c_str()).x;
  if (!countdown.empty()) {
    ImGui::SameLine(ui.screen_size.x - sizes.margin - logout_width - 30 - countdown_width);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::Colors().warning), "%s",
                       countdown.c_str());
  }
  ImGui::SetCursorPos(
      ImVec2(ui.screen_size.x - sizes.margin - logout_width, sizes.status_bar_height + 12));
  if (Button(ui, "admin.logout", ui.texts.Get("admin.logout"), ImVec2(logout_width, 80),
             ButtonKind::kSecondary)) {
    console.Logout();
  }
  ImGui::PopFont();
}

void DrawTabs(UiContext& ui) {
  admin::AdminConsole& console = *ui.admin;
  const theme::Metrics& sizes = theme::Sizes();
  ImGui::SetCursorPos(ImVec2(sizes.margin, sizes.status_bar_height + 110));
  ImGui::PushFont(ui.fonts.body);
  const float width = (ui.screen_size.x - 2 * sizes.margin - 5 * 12) / 6;
  bool first = true;
  for (const Tab& tab : kTabs) {
    if (!first) ImGui::SameLine(0, 12);
    first = false;
    const bool current = console.Page() == tab.page;
    if (Button(ui, std::string("admin.tab.") + admin::ToString(tab.page),
               ui.texts.Get(tab.text_key), ImVec2(width, 84),
               current ? ButtonKind::kPrimary : ButtonKind::kSecondary)) {
      console.Show(tab.page);
    }
  }
  ImGui::PopFont();
}

void DrawNoticeBar(UiContext& ui) {
  const auto& notice = ui.admin->Notice();
  const float top = ui.screen_size.y - theme::Sizes().bottom_bar_height;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(
      ImVec2(0, top), ui.screen_size,
      notice && !notice->ok ? theme::Colors().warning_background : theme::Colors().bottom_bar);
  if (!notice) return;
  std::string text = ui.texts.Get(notice->key);
  if (!notice->detail.empty()) text += "：" + notice->detail;
  ImGui::PushFont(ui.fonts.body);
  ImGui::SetCursorPos(ImVec2(theme::Sizes().margin, top + 20));
  ImGui::PushTextWrapPos(ui.screen_size.x - theme::Sizes().margin);
  ImGui::TextColored(
      ImGui::ColorConvertU32ToFloat4(notice->ok ? theme::Colors().ok : theme::Colors().warning),
      "%s", text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
}

}  // namespace

std::string AdminTime(std::int64_t unix_ms) {
  if (unix_ms <= 0) return "—";
  // China Standard Time, as the status bar's clock and the receipts.
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000) + 8 * 3600;
  std::tm local{};
  gmtime_r(&seconds, &local);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
  return text;
}

void AdminRow(UiContext& ui, const std::string& label, const std::string& value, ImU32 color) {
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::Colors().muted_text), "%s",
                     label.c_str());
  ImGui::SameLine(360);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color != 0 ? color : theme::Colors().text),
                     "%s", value.c_str());
  ImGui::PopTextWrapPos();
  (void)ui;
}

bool DrawReasonPicker(UiContext& ui, std::string& reason) {
  ImGui::TextUnformatted(ui.texts.Get("admin.reason.prompt").c_str());
  bool chosen = false;
  for (int index = 1; index <= 4; ++index) {
    const std::string key = "admin.reason." + std::to_string(index);
    if (index > 1) ImGui::SameLine();
    if (Button(ui, key, ui.texts.Get(key), ImVec2(380, 84), ButtonKind::kSecondary)) {
      reason = ui.texts.Get(key);
      chosen = true;
    }
  }
  ImGui::SameLine();
  if (Button(ui, "admin.reason.cancel", ui.texts.Get("admin.login.cancel"), ImVec2(200, 84),
             ButtonKind::kSecondary)) {
    ui.admin_ui->choice = {};
  }
  return chosen;
}

void DrawAdminScreen(UiContext& ui) {
  DrawStatusBar(ui);
  if (ui.admin->Page() == admin::AdminPage::kLogin) {
    DrawAdminLogin(ui);
    DrawNoticeBar(ui);
    return;
  }
  Refresh(ui);
  DrawHeader(ui);
  DrawTabs(ui);
  const theme::Metrics& sizes = theme::Sizes();
  const float top = sizes.status_bar_height + 220;
  ImGui::SetCursorPos(ImVec2(sizes.margin, top));
  ImGui::BeginChild("admin_page",
                    ImVec2(ui.screen_size.x - 2 * sizes.margin,
                           ui.screen_size.y - top - sizes.bottom_bar_height - 16),
                    false,
                    ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar |
                        ImGuiWindowFlags_NoScrollWithMouse);
  DragToScroll();
  ImGui::PushFont(ui.fonts.body);
  switch (ui.admin->Page()) {
    case admin::AdminPage::kDevices: DrawAdminDevices(ui); break;
    case admin::AdminPage::kQueue: DrawAdminQueue(ui); break;
    case admin::AdminPage::kSync: DrawAdminSync(ui); break;
    case admin::AdminPage::kConfig: DrawAdminConfig(ui); break;
    case admin::AdminPage::kLogs: DrawAdminLogs(ui); break;
    case admin::AdminPage::kTerminal: DrawAdminTerminal(ui); break;
    default: break;
  }
  ImGui::PopFont();
  ImGui::EndChild();
  DrawNoticeBar(ui);
}

}  // namespace kiosk::ui
