#include <algorithm>
#include <string>

#include "ui/item_regions.h"
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {
namespace {

std::string RegionLine(const UiContext& ui, const ServiceItem& item, bool* other) {
  std::string names;
  for (const auto& name : ServedRegionNames(ui.config, item, ui.english)) {
    names += (names.empty() ? "" : " / ") + name;
  }
  *other = IsCrossRegion(ui.config, item);
  return ui.texts.Format(*other ? "item.region_other" : "item.region", {{"region", names}});
}

// Why the item cannot be done now, as a text key; empty when it can. Only
// the items that need what is missing are greyed; a tap still opens the
// guide, which says the same.
std::string UnavailableReason(const UiContext& ui, const ServiceItem& item) {
  if (!ui.session.Devices().ItemUsable(item)) return "item.unavailable.device";
  if (ui.network == NetworkState::kOffline && ItemNeedsNetwork(item)) {
    // A query alone may still be answered from the record cache (marked
    // with its age); one that leads to a submission cannot go on.
    const bool submits = std::any_of(item.flow.begin(), item.flow.end(), [](const FlowStep& step) {
      return step.type == StepType::kSubmit;
    });
    return submits ? "item.unavailable.network" : "item.unavailable.network_cached";
  }
  return "";
}

}  // namespace

void DrawItemTiles(UiContext& ui, const std::vector<const ServiceItem*>& items, int columns,
                   float tile_height) {
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 tile(
      (width - spacing * static_cast<float>(columns - 1)) / static_cast<float>(columns),
      tile_height);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  // Acted on after the loop: selecting starts a session, and the rest of
  // this frame should still draw the home screen it began with.
  const ServiceItem* chosen = nullptr;
  int index = 0;
  for (const ServiceItem* item : items) {
    if (index++ % columns != 0) ImGui::SameLine();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    if (Button(ui, "item:" + item->id, "", tile, ButtonKind::kTile)) chosen = item;
    const ImVec2 end(at.x + tile.x, at.y + tile.y);
    const std::string unavailable = UnavailableReason(ui, *item);
    if (!unavailable.empty()) {
      draw->AddRectFilled(at, end, theme::Colors().unavailable_panel, theme::Sizes().rounding);
    }
    draw->AddRectFilled(at, ImVec2(at.x + 12, end.y), theme::Colors().brand,
                        theme::Sizes().rounding, ImDrawFlags_RoundCornersLeft);
    // Two lines of name fit; the clip keeps a longer one inside its tile.
    const ImVec4 clip(at.x, at.y, end.x - 20, end.y - 48);
    draw->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(at.x + 36, at.y + 22),
                  theme::Colors().text, Localized(ui, item->name_zh, item->name_en).c_str(),
                  nullptr, tile.x - 60, &clip);
    bool other = false;
    const std::string region =
        unavailable.empty() ? RegionLine(ui, *item, &other) : ui.texts.Get(unavailable);
    const ImVec4 region_clip(at.x, at.y, end.x - 20, end.y);
    draw->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(at.x + 36, end.y - 46),
                  !unavailable.empty() ? theme::Colors().warning
                  : other              ? theme::Colors().accent_dark
                                       : theme::Colors().muted_text,
                  region.c_str(), nullptr, 0.0f, &region_clip);
  }
  if (chosen != nullptr) {
    ui.search.CountUse(chosen->id);
    ui.session.SelectItem(chosen->id);
  }
}

}  // namespace kiosk::ui
