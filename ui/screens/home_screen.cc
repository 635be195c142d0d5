#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {

void DrawHomeScreen(UiContext& ui) {
  BeginContent("home");
  TextCentered(ui.fonts.title, ui.texts.Get("home.welcome"), theme::kText);
  ImGui::Dummy(ImVec2(0, 8));
  if (ui.view.card_left_behind) {
    TextCentered(ui.fonts.body, ui.texts.Get("home.card_left_behind"), theme::kWarning);
  }
  ImGui::PushFont(ui.fonts.small);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::kMutedText), "%s",
                     ui.texts.Get("home.common_items").c_str());
  ImGui::PopFont();

  // Tiles: four to a row, each large enough for a two-line name.
  const float width = ImGui::GetContentRegionAvail().x;
  const int columns = 4;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const ImVec2 tile((width - spacing * (columns - 1)) / columns, 200);
  int index = 0;
  for (const ServiceItem& item : ui.catalog.Items()) {
    if (index % columns != 0) ImGui::SameLine();
    std::string regions;
    for (const auto& code : item.regions) {
      const RegionConfig* region = ui.config.FindRegion(code);
      if (!regions.empty()) regions += " / ";
      regions += region ? region->name : code;
    }
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::PushFont(ui.fonts.body);
    if (Button(ui, "item:" + item.id, "", tile, ButtonKind::kTile)) ui.session.SelectItem(item.id);
    ImGui::PopFont();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(at, ImVec2(at.x + 12, at.y + tile.y), theme::kBrand, theme::kRounding,
                        ImDrawFlags_RoundCornersLeft);
    draw->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(at.x + 36, at.y + 40),
                  theme::kText, item.name_zh.c_str(), nullptr, tile.x - 60);
    const std::string region_text = ui.texts.Format("item.region", {{"region", regions}});
    draw->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(at.x + 36, at.y + tile.y - 56),
                  theme::kMutedText, region_text.c_str());
    ++index;
  }
  ImGui::Dummy(ImVec2(0, 24));
  TextCentered(ui.fonts.small, ui.texts.Get("home.hint"), theme::kMutedText);
  EndContent();
  DrawBottomBar(ui, NavButtons::kNone);
}

}  // namespace kiosk::ui
