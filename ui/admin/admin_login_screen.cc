#include "kiosk/core/admin/admin_console.h"
#include "ui/admin/admin_screens.h"
#include "ui/admin/admin_ui_state.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {
namespace {

// A 3×4 pad of 120 px keys (well above the 60 px minimum): digits, 清除, 0, ←.
void DrawPad(UiContext& ui, const char* prefix, void (*digit)(admin::AdminConsole&, char),
             void (*back)(admin::AdminConsole&)) {
  admin::AdminConsole& console = *ui.admin;
  const ImVec2 key(150, 110);
  const char* labels[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", ""};
  for (int index = 0; index < 12; ++index) {
    if (index % 3 != 0) ImGui::SameLine();
    const std::string id = std::string(prefix) + "." + std::to_string(index);
    if (index == 9) {
      if (Button(ui, std::string(prefix) + ".clear", ui.texts.Get("admin.login.clear"), key,
                 ButtonKind::kSecondary)) {
        for (int i = 0; i < 16; ++i) back(console);
      }
    } else if (index == 11) {
      if (Button(ui, std::string(prefix) + ".back", ui.texts.Get("admin.login.backspace"), key,
                 ButtonKind::kSecondary)) {
        back(console);
      }
    } else if (Button(ui, std::string(prefix) + "." + labels[index], labels[index], key,
                      ButtonKind::kTile)) {
      digit(console, labels[index][0]);
    }
  }
}

}  // namespace

void DrawAdminLogin(UiContext& ui) {
  admin::AdminConsole& console = *ui.admin;
  BeginContent(ui, "admin_login");
  ImGui::Dummy(ImVec2(0, 20));
  TextCentered(ui.fonts.title, ui.texts.Get("admin.login.title"), theme::Colors().text);
  ImGui::Dummy(ImVec2(0, 30));

  const float column = 760;
  const float left = (ImGui::GetContentRegionAvail().x - 2 * column - 80) / 2;
  ImGui::SetCursorPosX(left);
  ImGui::BeginGroup();
  ImGui::PushFont(ui.fonts.body);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column);
  if (console.Locked()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::Colors().warning));
    ImGui::TextWrapped("%s", ui.texts
                                 .Format("admin.login.locked_until",
                                         {{"time", AdminTime(console.LockedUntilUnixMs())}})
                                 .c_str());
    ImGui::PopStyleColor();
  } else {
    ImGui::TextWrapped("%s", ui.texts
                                 .Get(console.PinOnlyAllowed() ? "admin.login.instruction_pin_only"
                                                               : "admin.login.instruction")
                                 .c_str());
  }
  ImGui::Dummy(ImVec2(0, 20));
  const ImU32 muted = theme::Colors().muted_text;
  std::string card_line;
  if (console.ReadingCard()) {
    card_line = ui.texts.Get("admin.login.reading_card");
  } else if (console.CardRead()) {
    card_line = ui.texts.Format("admin.login.card", {{"card", console.MaskedCard()}});
  } else {
    card_line = ui.texts.Get("admin.login.no_card");
  }
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(muted), "%s", card_line.c_str());
  if (console.PinOnlyAllowed() && !console.CardRead()) {
    ImGui::Dummy(ImVec2(0, 10));
    ImGui::TextUnformatted(
        ui.texts.Format("admin.login.operator_id", {{"id", console.OperatorId()}}).c_str());
  }
  ImGui::Dummy(ImVec2(0, 10));
  std::string shown;
  for (std::size_t i = 0; i < console.PinLength(); ++i) shown += "●";
  ImGui::TextUnformatted(ui.texts.Format("admin.login.pin", {{"pin", shown}}).c_str());
  ImGui::Dummy(ImVec2(0, 20));
  if (const auto& notice = console.Notice(); notice && !notice->ok) {
    std::string text = ui.texts.Get(notice->key);
    if (const auto& login = console.LastLogin();
        login && login->refusal == admin::LoginRefusal::kWrongPin && login->failures_left > 0) {
      text += " " + ui.texts.Format("admin.login.failures_left",
                                    {{"count", std::to_string(login->failures_left)}});
    }
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::Colors().warning), "%s", text.c_str());
  }
  ImGui::PopTextWrapPos();
  ImGui::PopFont();
  ImGui::EndGroup();

  ImGui::SameLine(left + column + 80);
  ImGui::BeginGroup();
  ImGui::PushFont(ui.fonts.title);
  const bool typing_id =
      console.PinOnlyAllowed() && !console.CardRead() && ui.admin_ui->typing_operator_id;
  if (typing_id) {
    DrawPad(
        ui, "admin.id", [](admin::AdminConsole& c, char d) { c.OperatorIdKey(d); },
        [](admin::AdminConsole& c) { c.OperatorIdBackspace(); });
  } else {
    DrawPad(
        ui, "admin.pin", [](admin::AdminConsole& c, char d) { c.PinKey(d); },
        [](admin::AdminConsole& c) { c.PinBackspace(); });
  }
  ImGui::PopFont();
  ImGui::Dummy(ImVec2(0, 20));
  ImGui::PushFont(ui.fonts.body);
  if (console.PinOnlyAllowed() && !console.CardRead()) {
    if (Button(ui, "admin.login.switch",
               ui.texts.Get(typing_id ? "admin.login.enter_pin" : "admin.login.enter_id"),
               ImVec2(474, 90), ButtonKind::kSecondary)) {
      ui.admin_ui->typing_operator_id = !typing_id;
    }
  }
  if (Button(ui, "admin.login.submit", ui.texts.Get("admin.login.submit"), ImVec2(230, 100))) {
    console.SubmitLogin();
    ui.admin_ui->typing_operator_id = true;
  }
  ImGui::SameLine();
  if (Button(ui, "admin.login.cancel", ui.texts.Get("admin.login.cancel"), ImVec2(230, 100),
             ButtonKind::kSecondary)) {
    console.Logout();
  }
  ImGui::PopFont();
  ImGui::EndGroup();
  EndContent();
}

}  // namespace kiosk::ui
