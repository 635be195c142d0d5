#include <cmath>

#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {

void DrawProgressScreen(UiContext& ui) {
  std::string title_key = "querying.title";
  std::string instruction_key = "querying.instruction";
  if (ui.view.screen == Screen::kReadingCard) {
    title_key = ui.view.reading_id_card ? "reading_id_card.title" : "reading_card.title";
    instruction_key =
        ui.view.reading_id_card ? "reading_id_card.instruction" : "reading_card.instruction";
  } else if (ui.view.screen == Screen::kSubmitting) {
    title_key = "submitting.title";
    instruction_key = "submitting.instruction";
  } else if (ui.view.screen == Screen::kPrinting) {
    title_key = "printing.title";
    instruction_key = "printing.instruction";
  }
  BeginContent(ui, "progress");
  ImGui::Dummy(ImVec2(0, 180));
  TextCentered(ui.fonts.title, ui.texts.Get(title_key), theme::Colors().text);
  ImGui::Dummy(ImVec2(0, 12));
  TextCentered(ui.fonts.body, ui.texts.Get(instruction_key), theme::Colors().muted_text);
  // A spinner: twelve dots, the bright one turning.
  const ImVec2 origin = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  const ImVec2 center(origin.x + size.x / 2, origin.y + size.y * 0.7f);
  const int lit = static_cast<int>(ImGui::GetTime() * 12) % 12;
  for (int i = 0; i < 12; ++i) {
    const float angle = static_cast<float>(i) / 12.0f * 6.2831853f;
    const ImU32 color = i == lit ? theme::Colors().brand : IM_COL32(190, 200, 215, 255);
    ImGui::GetWindowDrawList()->AddCircleFilled(
        ImVec2(center.x + std::cos(angle) * 70, center.y + std::sin(angle) * 70), 12, color);
  }
  EndContent();
  DrawBottomBar(ui, NavButtons::kNone);
  // Waiting on a card or the service may be given up (the session drops a
  // late answer); a submission or a print is never offered a way out.
  if (ui.view.can_cancel) {
    const theme::Metrics& sizes = theme::Sizes();
    const ImVec2 button(520, sizes.button_height);
    const float top = ui.screen_size.y - sizes.bottom_bar_height;
    ImGui::SetCursorPos(
        ImVec2((ui.screen_size.x - button.x) / 2, top + (sizes.bottom_bar_height - button.y) / 2));
    ImGui::PushFont(ui.fonts.body);
    if (Button(ui, "progress.cancel", ui.texts.Get("progress.cancel"), button,
               ButtonKind::kSecondary)) {
      ui.session.GoHome();
    }
    ImGui::PopFont();
  }
}

}  // namespace kiosk::ui
