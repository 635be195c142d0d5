#include <algorithm>

#include "ui/item_regions.h"
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {
namespace {

// The offered items of the open list, most used first: a category, or
// the items only another region handles (跨域通办).
std::vector<const ServiceItem*> ListedItems(const UiContext& ui) {
  const HomeNavigation& home = ui.state.home;
  std::vector<const ServiceItem*> items;
  for (const ServiceItem& item : ui.catalog.Items()) {
    if (!IsOffered(ui.config, item)) continue;
    const bool listed = home.page == HomeNavigation::Page::kCrossRegion
                            ? IsCrossRegion(ui.config, item)
                            : item.category == home.category;
    if (listed) items.push_back(&item);
  }
  std::stable_sort(items.begin(), items.end(), [](const ServiceItem* a, const ServiceItem* b) {
    return a->usage_weight > b->usage_weight;
  });
  return items;
}

}  // namespace

void DrawItemListScreen(UiContext& ui) {
  HomeNavigation& home = ui.state.home;
  const bool cross_region = home.page == HomeNavigation::Page::kCrossRegion;
  std::string title = ui.texts.Get("home.cross_region");
  if (!cross_region) {
    const Category* category = ui.catalog.FindCategory(home.category);
    title =
        category != nullptr ? Localized(ui, category->name_zh, category->name_en) : home.category;
  }
  const std::vector<const ServiceItem*> items = ListedItems(ui);

  BeginContent(ui, "item_list");
  const float row_y = ImGui::GetCursorPosY();
  ImGui::PushFont(ui.fonts.body);
  bool back = Button(ui, "category.back", ui.texts.Get("home.list_back"),
                     ImVec2(240, theme::Sizes().touch_height), ButtonKind::kSecondary);
  ImGui::PopFont();
  // Placed, not SameLine(): that would add the button's text baseline
  // offset and push the title below the button's centre.
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float title_x = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + 2 * spacing;
  ImGui::SetCursorPos(
      ImVec2(title_x, row_y + (theme::Sizes().touch_height - ui.fonts.title->FontSize) / 2));
  ImGui::PushFont(ui.fonts.title);
  ImGui::TextUnformatted(title.c_str());
  const float count_x = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + 2 * spacing;
  ImGui::PopFont();
  ImGui::PushFont(ui.fonts.body);
  ImGui::SetCursorPos(
      ImVec2(count_x, row_y + (theme::Sizes().touch_height - ui.fonts.body->FontSize) / 2));
  const std::string count =
      ui.texts.Format("home.list_count", {{"count", std::to_string(items.size())}});
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::Colors().muted_text), "%s",
                     count.c_str());
  ImGui::PopFont();
  ImGui::SetCursorPosY(row_y + theme::Sizes().touch_height + ImGui::GetStyle().ItemSpacing.y);
  if (cross_region) {
    TextWrapped(ui.fonts.small, ui.texts.Get("home.cross_region_explain"),
                theme::Colors().muted_text);
  }

  ImGui::PushFont(ui.fonts.body);
  ImGui::BeginChild("list_tiles", ImVec2(0, ImGui::GetContentRegionAvail().y), false,
                    ImGuiWindowFlags_NoBackground);
  if (home.ListChanged(cross_region ? "cross_region" : "category:" + home.category)) {
    ImGui::SetScrollY(0);
  }
  if (items.empty()) {
    TextCentered(ui.fonts.body, ui.texts.Get("home.list_empty"), theme::Colors().muted_text);
  } else {
    DrawItemTiles(ui, items, theme::Sizes().tile_columns, theme::Sizes().tile_height);
  }
  DragToScroll();
  ImGui::EndChild();
  ImGui::PopFont();
  EndContent();
  DrawBottomBar(ui, NavButtons::kNone);
  DrawBottomBarMessage(ui, ui.texts.Get("home.hint"), theme::Colors().muted_text);
  if (back) {
    home.page = HomeNavigation::Page::kMain;
    home.category.clear();
  }
}

}  // namespace kiosk::ui
