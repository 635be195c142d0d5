#include <cfloat>

#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {

void DrawAcceptedScreen(UiContext& ui) {
  BeginContent(ui, "accepted");
  DrawItemHeader(ui, Localized(ui, ui.view.item->name_zh, ui.view.item->name_en));
  ImGui::Dummy(ImVec2(0, 24));
  // Honest about where the application is: confirmed by the server, or
  // safe on this terminal until the network is back.
  TextCentered(
      ui.fonts.title,
      ui.texts.Get(ui.view.submission_confirmed ? "accepted.title" : "accepted.title_queued"),
      ui.view.submission_confirmed ? theme::Colors().ok : theme::Colors().warning);
  ImGui::Dummy(ImVec2(0, 16));

  // The acceptance number, large, on a panel of its own: the citizen may
  // copy it down or read it out at a counter.
  const float panel_width = 1100;
  const float panel_height = 220;
  const float x = (ImGui::GetContentRegionAvail().x - panel_width) / 2;
  ImGui::SetCursorPosX(x);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(at, ImVec2(at.x + panel_width, at.y + panel_height), theme::Colors().panel,
                      theme::Sizes().rounding);
  draw->AddRect(at, ImVec2(at.x + panel_width, at.y + panel_height), theme::Colors().ok,
                theme::Sizes().rounding, 0, 3.0f);
  const std::string& label = ui.texts.Get("accepted.number");
  const ImVec2 label_size =
      ui.fonts.body->CalcTextSizeA(ui.fonts.body->FontSize, FLT_MAX, 0, label.c_str());
  draw->AddText(ui.fonts.body, ui.fonts.body->FontSize,
                ImVec2(at.x + (panel_width - label_size.x) / 2, at.y + 32),
                theme::Colors().muted_text, label.c_str());
  ImFont* font = ui.fonts.number;
  const std::string& number = ui.view.acceptance_number;
  const ImVec2 number_extent = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, number.c_str());
  draw->AddText(font, font->FontSize,
                ImVec2(at.x + (panel_width - number_extent.x) / 2, at.y + 32 + label_size.y + 24),
                theme::Colors().brand, number.c_str());
  ImGui::Dummy(ImVec2(panel_width, panel_height));
  ImGui::Dummy(ImVec2(0, 12));
  TextCentered(ui.fonts.body, HandlingRegionText(ui), theme::Colors().text);
  if (ui.view.submission_confirmed) {
    TextCentered(ui.fonts.small,
                 ui.texts.Format("accepted.tracking", {{"tracking", ui.view.tracking_number}}),
                 theme::Colors().muted_text);
  } else {
    TextCentered(ui.fonts.small, ui.texts.Get("accepted.queued_note"), theme::Colors().muted_text);
  }
  TextCentered(ui.fonts.small, ui.texts.Get("accepted.note"), theme::Colors().muted_text);

  const float button_width = 420;
  const ImGuiStyle& style = ImGui::GetStyle();
  const bool prints = NextStepPrints(ui);
  const int buttons = prints ? 2 : 1;
  ImGui::SetCursorPosY(ImGui::GetWindowHeight() - theme::Sizes().button_height);
  ImGui::SetCursorPosX((ImGui::GetContentRegionAvail().x - buttons * button_width -
                        (buttons - 1) * style.ItemSpacing.x) /
                       2);
  ImGui::PushFont(ui.fonts.body);
  bool print = false;
  if (prints) {
    print = Button(ui, "accepted.print", ui.texts.Get("accepted.print"),
                   ImVec2(button_width, theme::Sizes().button_height));
    ImGui::SameLine();
  }
  const bool finish = Button(ui, "accepted.finish", ui.texts.Get("accepted.finish"),
                             ImVec2(button_width, theme::Sizes().button_height),
                             prints ? ButtonKind::kSecondary : ButtonKind::kPrimary);
  ImGui::PopFont();
  EndContent();
  DrawBottomBar(ui, NavButtons::kHome);
  if (print) ui.session.Print();
  if (finish) ui.session.Continue();
}

}  // namespace kiosk::ui
