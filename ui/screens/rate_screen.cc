#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {

void DrawRateScreen(UiContext& ui) {
  BeginContent(ui, "rate");
  ImGui::Dummy(ImVec2(0, 60));
  if (ui.view.printed) {
    TextCentered(ui.fonts.body, ui.texts.Get("rate.printed_hint"), theme::Colors().ok);
    ImGui::Dummy(ImVec2(0, 12));
  }
  TextCentered(ui.fonts.title, ui.texts.Get("rate.title"), theme::Colors().text);
  TextCentered(ui.fonts.body, ui.texts.Get("rate.subtitle"), theme::Colors().muted_text);
  ImGui::Dummy(ImVec2(0, 60));

  const int levels = 5;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float width = (ImGui::GetContentRegionAvail().x - spacing * (levels - 1)) / levels;
  ImGui::PushFont(ui.fonts.body);
  // Best first: the citizen reads left to right.
  for (int level = levels; level >= 1; --level) {
    if (level != levels) ImGui::SameLine();
    const std::string label = ui.texts.Get("rate.level." + std::to_string(level));
    if (Button(ui, "rate:" + std::to_string(level), label, ImVec2(width, 160),
               level >= 4 ? ButtonKind::kPrimary : ButtonKind::kSecondary)) {
      ui.session.Rate(level);
    }
  }
  ImGui::Dummy(ImVec2(0, 40));
  const float skip_width = 360;
  ImGui::SetCursorPosX((ImGui::GetContentRegionAvail().x - skip_width) / 2);
  if (Button(ui, "rate.skip", ui.texts.Get("rate.skip"),
             ImVec2(skip_width, theme::Sizes().button_height), ButtonKind::kSecondary)) {
    ui.session.SkipRating();
  }
  ImGui::PopFont();
  EndContent();
  DrawBottomBar(ui, NavButtons::kNone);
}

}  // namespace kiosk::ui
