#include "ui/admin/admin_screens.h"
#include "ui/admin/admin_ui_state.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {

void DrawOutOfServiceScreen(UiContext& ui) {
  DrawStatusBar(ui);
  BeginContent(ui, "out_of_service");
  ImGui::Dummy(ImVec2(0, 200));
  TextCentered(ui.fonts.title, ui.texts.Get("out_of_service.title"), theme::Colors().warning);
  ImGui::Dummy(ImVec2(0, 30));
  TextCentered(ui.fonts.body, ui.texts.Get("out_of_service.apology"), theme::Colors().text);
  if (!ui.nearest_alternative.empty()) {
    ImGui::Dummy(ImVec2(0, 30));
    TextCentered(ui.fonts.body,
                 ui.texts.Format("out_of_service.alternative", {{"place", ui.nearest_alternative}}),
                 theme::Colors().brand);
  }
  EndContent();
  DrawBottomBar(ui, NavButtons::kNone);
}

}  // namespace kiosk::ui
