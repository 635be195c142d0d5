#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {

void DrawIdentifyScreen(UiContext& ui) {
  BeginContent("identify");
  ImGui::Dummy(ImVec2(0, 40));
  TextCentered(ui.fonts.title, ui.texts.Get("identify.title"), theme::kText);
  ImGui::Dummy(ImVec2(0, 12));
  if (ui.view.card_left_behind) {
    TextCentered(ui.fonts.body, ui.texts.Get("identify.remove_old_card"), theme::kWarning);
  } else {
    TextCentered(ui.fonts.body, ui.texts.Get("identify.instruction"), theme::kMutedText);
  }
  const ImVec2 origin = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  DrawCardIllustration(ImVec2(origin.x + size.x / 2, origin.y + size.y * 0.62f), 420, true,
                       static_cast<float>(ImGui::GetTime() / 1.6));
  EndContent();
  DrawBottomBar(ui, NavButtons::kHomeAndBack);
}

}  // namespace kiosk::ui
