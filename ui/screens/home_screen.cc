#include <algorithm>
#include <cfloat>

#include "ui/item_regions.h"
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {
namespace {

constexpr std::size_t kSearchResults = 24;

// A magnifying glass inside the search box's left padding.
void DrawSearchIcon(ImVec2 frame_min, float frame_height) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 center(frame_min.x + 40, frame_min.y + frame_height / 2 - 4);
  draw->AddCircle(center, 14, theme::Colors().muted_text, 24, 4.0f);
  draw->AddLine(ImVec2(center.x + 10, center.y + 10), ImVec2(center.x + 22, center.y + 22),
                theme::Colors().muted_text, 5.0f);
}

void DrawSearchRow(UiContext& ui) {
  HomeNavigation& home = ui.state.home;
  const std::string& welcome = ui.texts.Get("home.welcome");
  const float row_y = ImGui::GetCursorPosY();
  ImGui::PushFont(ui.fonts.title);
  ImGui::SetCursorPosY(row_y + (theme::Sizes().touch_height - ui.fonts.title->FontSize) / 2);
  ImGui::TextUnformatted(welcome.c_str());
  const float welcome_width = ImGui::CalcTextSize(welcome.c_str()).x;
  ImGui::PopFont();

  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const bool has_text = home.search[0] != '\0';
  const float clear_width = 180;
  const float x = welcome_width + 2 * spacing;
  float width = ImGui::GetContentRegionAvail().x - x;
  if (has_text) width -= clear_width + spacing;
  ImGui::SetCursorPos(ImVec2(x, row_y));
  ImGui::PushFont(ui.fonts.body);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                      ImVec2(72, (theme::Sizes().touch_height - ui.fonts.body->FontSize) / 2));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 3.0f);
  ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(theme::Colors().brand));
  ImGui::PushStyleColor(ImGuiCol_FrameBg, ImGui::ColorConvertU32ToFloat4(theme::Colors().panel));
  ImGui::SetNextItemWidth(width);
  const ImVec2 frame_min = ImGui::GetCursorScreenPos();
  ImGui::InputTextWithHint("##search", ui.texts.Get("home.search_hint").c_str(), home.search.data(),
                           home.search.size());
  if (ImGui::IsItemActivated()) ui.state.entry.Open("search", KeyboardLayout::kSearch, 40);
  ui.buttons.Add("search", ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  DrawSearchIcon(frame_min, theme::Sizes().touch_height);
  ImGui::PopStyleColor(2);
  ImGui::PopStyleVar(2);
  if (has_text) {
    ImGui::SameLine();
    if (Button(ui, "search.clear", ui.texts.Get("home.search_clear"),
               ImVec2(clear_width, theme::Sizes().touch_height), ButtonKind::kSecondary)) {
      home.SetSearch("");
    }
  }
  ImGui::PopFont();
  // The same place whether the clear button shows or not.
  ImGui::SetCursorPosY(row_y + theme::Sizes().touch_height + ImGui::GetStyle().ItemSpacing.y);
}

void DrawSectionLabel(UiContext& ui, const std::string& text) {
  ImGui::PushFont(ui.fonts.small);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::Colors().muted_text), "%s",
                     text.c_str());
  ImGui::PopFont();
}

// The most used items, or the search's ranked results, in two rows of
// tiles; more results scroll.
void DrawTileArea(UiContext& ui) {
  const std::string query = ui.state.home.SearchText();
  std::vector<const ServiceItem*> items;
  const auto hits = query.empty() ? ui.search.MostUsed(theme::Sizes().most_used_tiles)
                                  : ui.search.Search(query, kSearchResults);
  for (const auto& hit : hits) items.push_back(hit.item);
  DrawSectionLabel(ui, query.empty() ? ui.texts.Get("home.common_items")
                                     : ui.texts.Format("home.search_results",
                                                       {{"count", std::to_string(items.size())}}));
  const float spacing = ImGui::GetStyle().ItemSpacing.y;
  // As many rows as the most used items fill: two, or one in 长辈模式.
  const theme::Metrics& sizes = theme::Sizes();
  const int rows = static_cast<int>((sizes.most_used_tiles + sizes.tile_columns - 1) /
                                    static_cast<std::size_t>(sizes.tile_columns));
  const float height = rows * sizes.tile_height + (rows - 1) * spacing;
  ImGui::PushFont(ui.fonts.body);
  ImGui::BeginChild("tiles", ImVec2(0, height), false, ImGuiWindowFlags_NoBackground);
  if (ui.state.home.ListChanged("search:" + query)) ImGui::SetScrollY(0);
  if (items.empty()) {
    ImGui::Dummy(ImVec2(0, height / 2 - 40));
    TextCentered(ui.fonts.body, ui.texts.Get("home.no_results"), theme::Colors().muted_text);
  } else {
    DrawItemTiles(ui, items, theme::Sizes().tile_columns, theme::Sizes().tile_height);
  }
  DragToScroll();
  ImGui::EndChild();
  ImGui::PopFont();
}

// Eight categories in two rows, and 跨域通办 beside them.
void DrawCategoryArea(UiContext& ui) {
  HomeNavigation& home = ui.state.home;
  DrawSectionLabel(ui, ui.texts.Get("home.categories"));
  const ImGuiStyle& style = ImGui::GetStyle();
  const float cross_width = 440;
  const float grid_width = ImGui::GetContentRegionAvail().x - cross_width - style.ItemSpacing.x;
  const int columns = 4;
  const ImVec2 size((grid_width - style.ItemSpacing.x * (columns - 1)) / columns,
                    theme::Sizes().touch_height);
  const ImVec2 origin = ImGui::GetCursorPos();
  ImGui::PushFont(ui.fonts.body);
  int index = 0;
  for (const Category& category : ui.catalog.Categories()) {
    if (index % columns != 0) ImGui::SameLine();
    if (Button(ui, "category:" + category.id, Localized(ui, category.name_zh, category.name_en),
               size, ButtonKind::kSecondary)) {
      home.page = HomeNavigation::Page::kCategory;
      home.category = category.id;
    }
    ++index;
  }
  const int rows = (index + columns - 1) / columns;
  const float height = std::max(1, rows) * size.y + (std::max(1, rows) - 1) * style.ItemSpacing.y;
  ImGui::SetCursorPos(ImVec2(origin.x + grid_width + style.ItemSpacing.x, origin.y));
  const ImVec2 at = ImGui::GetCursorScreenPos();
  if (Button(ui, "cross_region", "", ImVec2(cross_width, height), ButtonKind::kAccent)) {
    home.page = HomeNavigation::Page::kCrossRegion;
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const std::string& title = ui.texts.Get("home.cross_region");
  const std::string& hint = ui.texts.Get("home.cross_region_hint");
  const float title_width =
      ui.fonts.title->CalcTextSizeA(ui.fonts.title->FontSize, FLT_MAX, 0, title.c_str()).x;
  const float hint_width =
      ui.fonts.small->CalcTextSizeA(ui.fonts.small->FontSize, FLT_MAX, 0, hint.c_str()).x;
  const float block = ui.fonts.title->FontSize + 16 + ui.fonts.small->FontSize;
  const float top = at.y + (height - block) / 2;
  draw->AddText(ui.fonts.title, ui.fonts.title->FontSize,
                ImVec2(at.x + (cross_width - title_width) / 2, top), IM_COL32_WHITE, title.c_str());
  draw->AddText(ui.fonts.small, ui.fonts.small->FontSize,
                ImVec2(at.x + (cross_width - hint_width) / 2, top + ui.fonts.title->FontSize + 16),
                IM_COL32_WHITE, hint.c_str());
  ImGui::PopFont();
}

// The citizen's choices, in the bottom bar: 长辈模式, high contrast and
// voice guidance on the left, the language and help on the right. Each label says what a
// tap does.
void DrawPreferenceButtons(UiContext& ui) {
  CitizenPreferences& preferences = ui.state.preferences;
  const theme::Metrics& sizes = theme::Sizes();
  const float top = ui.screen_size.y - sizes.bottom_bar_height;
  const float y = top + (sizes.bottom_bar_height - sizes.button_height) / 2;
  const ImVec2 size(sizes.nav_button_width, sizes.button_height);
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  ImGui::PushFont(ui.fonts.body);
  ImGui::SetCursorPos(ImVec2(sizes.margin, y));
  if (Button(ui, "home.elder", ui.texts.Get(preferences.elder ? "home.elder_off" : "home.elder_on"),
             size, preferences.elder ? ButtonKind::kPrimary : ButtonKind::kSecondary)) {
    preferences.elder = !preferences.elder;
  }
  ImGui::SetCursorPos(ImVec2(sizes.margin + size.x + spacing, y));
  if (Button(ui, "home.contrast",
             ui.texts.Get(preferences.high_contrast ? "home.contrast_off" : "home.contrast_on"),
             size, preferences.high_contrast ? ButtonKind::kPrimary : ButtonKind::kSecondary)) {
    preferences.high_contrast = !preferences.high_contrast;
  }
  ImGui::SetCursorPos(ImVec2(sizes.margin + 2 * (size.x + spacing), y));
  if (Button(ui, "home.voice",
             ui.texts.Get(preferences.VoiceOn() ? "home.voice_off" : "home.voice_on"), size,
             preferences.VoiceOn() ? ButtonKind::kPrimary : ButtonKind::kSecondary)) {
    preferences.voice = !preferences.VoiceOn();
  }
  float right = ui.screen_size.x - sizes.margin - size.x;
  ImGui::SetCursorPos(ImVec2(right, y));
  if (Button(ui, "home.help", ui.texts.Get("home.help"), size, ButtonKind::kSecondary)) {
    ui.state.home.page = HomeNavigation::Page::kHelp;
  }
  if (ui.other_language) {
    right -= size.x + spacing;
    ImGui::SetCursorPos(ImVec2(right, y));
    if (Button(ui, "home.language", ui.other_language->label, size, ButtonKind::kSecondary)) {
      preferences.language = ui.other_language->tag;
    }
  }
  ImGui::PopFont();
}

}  // namespace

void DrawHomeScreen(UiContext& ui) {
  if (ui.state.home.page == HomeNavigation::Page::kHelp) {
    DrawHelpScreen(ui);
    return;
  }
  if (ui.state.home.page != HomeNavigation::Page::kMain) {
    DrawItemListScreen(ui);
    return;
  }
  BeginContent(ui, "home");
  DrawSearchRow(ui);
  ImGui::Dummy(ImVec2(0, 4));
  DrawTileArea(ui);
  ImGui::Dummy(ImVec2(0, 4));
  DrawCategoryArea(ui);
  EndContent();
  DrawBottomBar(ui, NavButtons::kNone);
  if (ui.view.card_left_behind) {
    DrawBottomBarMessage(ui, ui.texts.Get("home.card_left_behind"), theme::Colors().warning,
                         theme::Colors().warning_background);
  } else {
    DrawPreferenceButtons(ui);
  }
}

}  // namespace kiosk::ui
