#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {

void DrawNoticeScreen(UiContext& ui) {
  const Notice& notice = *ui.view.notice;
  BeginContent(ui, "notice");
  ImGui::Dummy(ImVec2(0, 140));
  TextCentered(ui.fonts.title, ui.texts.Get(notice.title_key), theme::Colors().warning);
  ImGui::Dummy(ImVec2(0, 16));
  // A refusal worded by the catalog ("您未达到…") replaces the generic advice.
  TextCentered(ui.fonts.body,
               notice.advice_text.empty() ? ui.texts.Get(notice.advice_key) : notice.advice_text,
               theme::Colors().text);
  ImGui::Dummy(ImVec2(0, 80));
  const float button_width = 360;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const int buttons = notice.can_retry ? 2 : 1;
  ImGui::SetCursorPosX(
      (ImGui::GetContentRegionAvail().x - buttons * button_width - (buttons - 1) * spacing) / 2);
  ImGui::PushFont(ui.fonts.body);
  if (notice.can_retry) {
    if (Button(ui, "notice.retry", ui.texts.Get("button.retry"),
               ImVec2(button_width, theme::Sizes().button_height))) {
      ui.session.Retry();
    }
    ImGui::SameLine();
  }
  if (Button(ui, "notice.continue", ui.texts.Get("button.continue"),
             ImVec2(button_width, theme::Sizes().button_height),
             notice.can_retry ? ButtonKind::kSecondary : ButtonKind::kPrimary)) {
    ui.session.Continue();
  }
  ImGui::PopFont();
  EndContent();
  DrawBottomBar(ui, NavButtons::kNone);
}

}  // namespace kiosk::ui
