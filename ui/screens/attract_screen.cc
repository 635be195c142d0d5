#include <cfloat>

#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {

// Over the idle home screen: what the terminal is for, in large type, and
// an invitation to touch. The whole screen is one button, so the touch
// that wakes the terminal never presses anything on the home screen
// beneath it.
void DrawAttractScreen(UiContext& ui) {
  const theme::Palette& colors = theme::Colors();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 size = ui.screen_size;
  draw->AddRectFilled(ImVec2(0, 0), size, colors.brand);
  auto centered = [&](ImFont* font, float font_size, const std::string& text, float y,
                      ImU32 color) {
    const float width = font->CalcTextSizeA(font_size, FLT_MAX, 0, text.c_str()).x;
    draw->AddText(font, font_size, ImVec2((size.x - width) / 2, y), color, text.c_str());
  };
  ImFont* title = ui.fonts.title;
  centered(title, title->FontSize * 1.4f, ui.texts.Get("app.title"), size.y * 0.24f,
           IM_COL32_WHITE);
  centered(ui.fonts.body, ui.fonts.body->FontSize, ui.texts.Get("attract.subtitle"),
           size.y * 0.24f + title->FontSize * 1.4f + 40, IM_COL32_WHITE);
  const RegionConfig* home = ui.config.FindRegion(ui.config.home_region);
  centered(ui.fonts.body, ui.fonts.body->FontSize,
           ui.texts.Format("attract.region", {{"region", home ? home->DisplayName(ui.english)
                                                              : ui.config.home_region}}),
           size.y * 0.24f + title->FontSize * 1.4f + 40 + ui.fonts.body->FontSize * 1.6f,
           IM_COL32_WHITE);
  // The invitation, in a rounded band: still, since frames are drawn only
  // when something changes (no animation keeps the CPU busy while idle).
  const std::string& touch = ui.texts.Get("attract.touch");
  const float band_width =
      title->CalcTextSizeA(title->FontSize, FLT_MAX, 0, touch.c_str()).x + 2 * 80;
  const ImVec2 band_min((size.x - band_width) / 2, size.y * 0.62f);
  const ImVec2 band_max(band_min.x + band_width, band_min.y + title->FontSize + 2 * 40);
  draw->AddRectFilled(band_min, band_max, IM_COL32_WHITE, 60.0f);
  centered(title, title->FontSize, touch, band_min.y + 40, colors.brand);

  ImGui::SetCursorPos(ImVec2(0, 0));
  if (ImGui::InvisibleButton("attract.start", size)) {
    ui.state.attract = false;
    ui.session.Touch();
  }
  ui.buttons.Add("attract.start", ImVec2(0, 0), size);
}

// How to use the terminal, from the texts: opened from the home screen.
void DrawHelpScreen(UiContext& ui) {
  BeginContent(ui, "help");
  TextCentered(ui.fonts.title, ui.texts.Get("help.title"), theme::Colors().text);
  ImGui::Dummy(ImVec2(0, 24));
  TextWrapped(ui.fonts.body, ui.texts.Get("help.body"), theme::Colors().text);
  DragToScroll();
  EndContent();
  const theme::Metrics& sizes = theme::Sizes();
  const float top = ui.screen_size.y - sizes.bottom_bar_height;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, top), ui.screen_size,
                                            theme::Colors().bottom_bar);
  ImGui::SetCursorPos(
      ImVec2(sizes.margin, top + (sizes.bottom_bar_height - sizes.button_height) / 2));
  ImGui::PushFont(ui.fonts.body);
  if (Button(ui, "help.close", ui.texts.Get("help.close"),
             ImVec2(sizes.nav_button_width, sizes.button_height), ButtonKind::kSecondary)) {
    ui.state.home.page = HomeNavigation::Page::kMain;
  }
  ImGui::PopFont();
}

}  // namespace kiosk::ui
