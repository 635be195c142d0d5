#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {

void DrawTakeCardScreen(UiContext& ui) {
  BeginContent(ui, "take_card");
  ImGui::Dummy(ImVec2(0, 40));
  TextCentered(ui.fonts.title, ui.texts.Get("take_card.title"), theme::Colors().warning);
  ImGui::Dummy(ImVec2(0, 12));
  TextCentered(ui.fonts.body, ui.texts.Get("take_card.instruction"), theme::Colors().muted_text);
  const ImVec2 origin = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  DrawCardIllustration(ImVec2(origin.x + size.x / 2, origin.y + size.y * 0.62f), 420, false,
                       static_cast<float>(ImGui::GetTime() / 1.2));
  EndContent();
  DrawBottomBar(ui, NavButtons::kNone);
}

}  // namespace kiosk::ui
