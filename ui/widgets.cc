#include "ui/widgets.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "kiosk/core/admin/admin_console.h"
#include "ui/theme.h"

namespace kiosk::ui {
namespace {

// How far a finger may wander during a tap (px; ~6 mm on the panel).
constexpr float kTapSlop = 24.0f;

}  // namespace

std::optional<ImVec2> ButtonRegistry::Center(const std::string& id) const {
  auto found = rects_.find(id);
  if (found == rects_.end()) return std::nullopt;
  return ImVec2((found->second.min.x + found->second.max.x) / 2,
                (found->second.min.y + found->second.max.y) / 2);
}

std::vector<std::string> ButtonRegistry::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, rect] : rects_) names.push_back(name);
  return names;
}

bool Button(UiContext& ui, const std::string& id, const std::string& label, ImVec2 size,
            ButtonKind kind) {
  ImU32 fill = theme::Colors().brand;
  ImU32 text = IM_COL32_WHITE;
  if (kind == ButtonKind::kSecondary) {
    fill = theme::Colors().panel;
    text = theme::Colors().brand;
  } else if (kind == ButtonKind::kTile) {
    fill = theme::Colors().panel;
    text = theme::Colors().text;
  } else if (kind == ButtonKind::kAccent) {
    fill = theme::Colors().accent;
  }
  ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(fill));
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::ColorConvertU32ToFloat4(fill));
  ImGui::PushStyleColor(
      ImGuiCol_ButtonActive,
      ImGui::ColorConvertU32ToFloat4(kind == ButtonKind::kPrimary  ? theme::Colors().brand_dark
                                     : kind == ButtonKind::kAccent ? theme::Colors().accent_dark
                                                                   : theme::Colors().pressed));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(text));
  ImGui::PushStyleColor(ImGuiCol_Border, ImGui::ColorConvertU32ToFloat4(theme::Colors().brand));
  const bool filled = kind == ButtonKind::kPrimary || kind == ButtonKind::kAccent;
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, filled ? 0.0f : 3.0f);
  const std::string imgui_label = label + "##" + id;
  bool pressed = ImGui::Button(imgui_label.c_str(), size);
  if (pressed && ImGui::IsMouseDragPastThreshold(ImGuiMouseButton_Left, kTapSlop)) pressed = false;
  ImGui::PopStyleVar();
  ImGui::PopStyleColor(5);
  ui.buttons.Add(id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  if (pressed) {
    ui.session.Touch();
    if (ui.admin != nullptr && ui.admin->IsOpen()) ui.admin->Touch();
  }
  return pressed;
}

void TextCentered(ImFont* font, const std::string& text, ImU32 color) {
  ImGui::PushFont(font);
  const float width = ImGui::GetContentRegionAvail().x;
  const float text_width = ImGui::CalcTextSize(text.c_str()).x;
  if (text_width < width) {
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (width - text_width) / 2);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
  } else {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  ImGui::PopFont();
}

void TextWrapped(ImFont* font, const std::string& text, ImU32 color) {
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(color));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

void WarningBand(ImFont* font, const std::string& text) {
  constexpr float kPadding = 18.0f;
  ImGui::PushFont(font);
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 text_size = ImGui::CalcTextSize(text.c_str(), nullptr, false, width - 2 * kPadding);
  const ImVec2 top_left = ImGui::GetCursorScreenPos();
  const ImVec2 bottom_right(top_left.x + width, top_left.y + text_size.y + 2 * kPadding);
  ImGui::GetWindowDrawList()->AddRectFilled(
      top_left, bottom_right, theme::Colors().warning_background, theme::Sizes().rounding);
  ImGui::SetCursorScreenPos(ImVec2(top_left.x + kPadding, top_left.y + kPadding));
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::Colors().warning));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * kPadding);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::SetCursorScreenPos(ImVec2(top_left.x, bottom_right.y));
  ImGui::Dummy(ImVec2(width, ImGui::GetStyle().ItemSpacing.y));
}

void LabelValue(UiContext& /*ui*/, const std::string& label, const std::string& value,
                float label_width) {
  const float x = ImGui::GetCursorPosX();
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(theme::Colors().muted_text));
  ImGui::TextUnformatted(label.c_str());
  ImGui::PopStyleColor();
  ImGui::SameLine(x + label_width);
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(value.c_str());
  ImGui::PopTextWrapPos();
}

const std::string& Localized(const UiContext& ui, const std::string& zh, const std::string& en) {
  return ui.english && !en.empty() ? en : zh;
}

void DrawStatusBar(UiContext& ui) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetWindowPos();
  draw->AddRectFilled(
      origin, ImVec2(origin.x + ui.screen_size.x, origin.y + theme::Sizes().status_bar_height),
      theme::Colors().brand);
  ImGui::PushFont(ui.fonts.small);
  const float text_y = origin.y + (theme::Sizes().status_bar_height - ui.fonts.small->FontSize) / 2;
  const std::string& title = ui.texts.Get("app.title");
  draw->AddText(ImVec2(origin.x + theme::Sizes().margin, text_y), IM_COL32_WHITE, title.c_str());

  const RegionConfig* home = ui.config.FindRegion(ui.config.home_region);
  std::string right = ui.texts.Format(
      "status.region", {{"region", home ? home->DisplayName(ui.english) : ui.config.home_region},
                        {"kiosk", ui.config.kiosk_id}});
  if (ui.network == NetworkState::kOnline) right += "   " + ui.texts.Get("status.network_online");
  if (ui.network == NetworkState::kOffline) {
    right += "   " + ui.texts.Get("status.network_offline");
  }
  if (ui.printer.paper == devices::PaperState::kOut ||
      ui.printer.device != devices::DeviceState::kOnline) {
    right += "   " + ui.texts.Get("status.printer_unavailable");
  } else if (ui.printer.paper == devices::PaperState::kLow) {
    right += "   " + ui.texts.Get("status.paper_low");
  } else {
    right += "   " + ui.texts.Get("status.paper_ok");
  }
  right += "   " + ui.clock_text;
  const float right_width = ImGui::CalcTextSize(right.c_str()).x;
  draw->AddText(ImVec2(origin.x + ui.screen_size.x - theme::Sizes().margin - right_width, text_y),
                IM_COL32_WHITE, right.c_str());
  ImGui::PopFont();
  ImGui::SetCursorPosY(theme::Sizes().status_bar_height);
}

namespace {

// Inertia: after the finger lifts, the list keeps its speed and slows as
// on a phone (speed halves in about 0.23 s); it stops below the minimum,
// at either end, or when a finger touches it again.
constexpr float kInertiaDecaySeconds = 0.325f;
constexpr float kInertiaMinSpeed = 40.0f;     // px/s
constexpr double kFlingMaxRestSeconds = 0.1;  // Held still longer: no fling.
bool g_scroll_animating = false;

}  // namespace

void DragToScroll() {
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID velocity_id = ImGui::GetID("##scroll_velocity");
  const ImGuiID moved_at_id = ImGui::GetID("##scroll_moved_at");
  const ImGuiID dragging_id = ImGui::GetID("##scroll_dragging");
  const ImGuiIO& io = ImGui::GetIO();
  float velocity = storage->GetFloat(velocity_id, 0.0f);  // Scroll px/s.
  const bool finger_down = ImGui::IsMouseDown(ImGuiMouseButton_Left);
  const bool hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows |
                                              ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  // A drag that began over this list follows the finger until it lifts,
  // wherever it goes.
  bool dragging = finger_down && storage->GetBool(dragging_id, false);
  if (!dragging && finger_down && hovered &&
      ImGui::IsMouseDragging(ImGuiMouseButton_Left, kTapSlop)) {
    dragging = true;
  }
  storage->SetBool(dragging_id, dragging);
  if (dragging) {
    const float moved = -io.MouseDelta.y;
    ImGui::SetScrollY(ImGui::GetScrollY() + moved);
    if (moved != 0.0f && io.DeltaTime > 0.0f) {
      // Smoothed over the last few events: one jittery event does not fling.
      velocity = 0.5f * velocity + 0.5f * (moved / io.DeltaTime);
      storage->SetFloat(moved_at_id, static_cast<float>(ImGui::GetTime()));
    }
    storage->SetFloat(velocity_id, velocity);
    return;
  }
  if (velocity == 0.0f) return;
  if (finger_down && hovered) {
    storage->SetFloat(velocity_id, 0.0f);  // A finger stops a gliding list.
    return;
  }
  if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) &&
      ImGui::GetTime() - storage->GetFloat(moved_at_id, 0.0f) > kFlingMaxRestSeconds) {
    storage->SetFloat(velocity_id, 0.0f);  // Held still, then lifted: no fling.
    return;
  }
  // Frames are drawn on demand: a long pause must not jump the list.
  const float dt = std::clamp(io.DeltaTime, 0.0f, 0.05f);
  const float target = ImGui::GetScrollY() + velocity * dt;
  const float clamped = std::clamp(target, 0.0f, ImGui::GetScrollMaxY());
  ImGui::SetScrollY(clamped);
  velocity = clamped != target ? 0.0f : velocity * std::exp(-dt / kInertiaDecaySeconds);
  if (std::abs(velocity) < kInertiaMinSpeed) velocity = 0.0f;
  storage->SetFloat(velocity_id, velocity);
  if (velocity != 0.0f) g_scroll_animating = true;
}

bool TakeScrollAnimating() { return std::exchange(g_scroll_animating, false); }

std::string HandlingRegionText(const UiContext& ui) {
  std::string name = ui.view.region_name.empty() ? ui.view.region : ui.view.region_name;
  if (name.empty()) return {};
  if (const RegionConfig* region = ui.config.FindRegion(ui.view.region)) {
    name = region->DisplayName(ui.english);
  }
  return ui.texts.Format(ui.view.other_region ? "region.handled_by_other" : "region.handled_by",
                         {{"region", name}});
}

void DrawBottomBarMessage(UiContext& ui, const std::string& text, ImU32 color, ImU32 background) {
  const float top = ui.screen_size.y - theme::Sizes().bottom_bar_height;
  if (background != 0) {
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, top), ui.screen_size, background);
  }
  ImGui::PushFont(ui.fonts.body);
  const ImVec2 size = ImGui::CalcTextSize(text.c_str());
  ImGui::GetWindowDrawList()->AddText(ImVec2((ui.screen_size.x - size.x) / 2,
                                             top + (theme::Sizes().bottom_bar_height - size.y) / 2),
                                      color, text.c_str());
  ImGui::PopFont();
}

void DrawBottomBar(UiContext& ui, NavButtons nav) {
  const float top = ui.screen_size.y - theme::Sizes().bottom_bar_height;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(ImVec2(0, top), ui.screen_size, theme::Colors().bottom_bar);
  const float button_y =
      top + (theme::Sizes().bottom_bar_height - theme::Sizes().button_height) / 2;
  const ImVec2 size(300, theme::Sizes().button_height);
  if (nav != NavButtons::kNone) {
    ImGui::SetCursorPos(ImVec2(theme::Sizes().margin, button_y));
    ImGui::PushFont(ui.fonts.body);
    if (Button(ui, "nav.home", ui.texts.Get("button.home"), size, ButtonKind::kSecondary)) {
      ui.session.GoHome();
    }
    if (nav == NavButtons::kHomeAndBack) {
      ImGui::SameLine();
      if (Button(ui, "nav.back", ui.texts.Get("button.back"), size, ButtonKind::kSecondary)) {
        ui.session.Back();
      }
    }
    ImGui::PopFont();
  }
  if (ui.view.seconds_left) {
    const std::string text =
        ui.texts.Format("countdown", {{"seconds", std::to_string(*ui.view.seconds_left)}});
    ImGui::PushFont(ui.fonts.body);
    const ImVec2 text_size = ImGui::CalcTextSize(text.c_str());
    draw->AddText(ImVec2(ui.screen_size.x - theme::Sizes().margin - text_size.x,
                         top + (theme::Sizes().bottom_bar_height - text_size.y) / 2),
                  theme::Colors().warning, text.c_str());
    ImGui::PopFont();
  }
}

void BeginContent(UiContext& ui, const char* name) {
  const ImVec2 screen = ImGui::GetIO().DisplaySize;
  const theme::Metrics& sizes = theme::Sizes();
  // The on-screen keyboard covers the bottom bar and more while it is open.
  const float bottom =
      ui.state.keyboard_height > 0 ? ui.state.keyboard_height - 32 : sizes.bottom_bar_height;
  ImGui::SetCursorPos(ImVec2(sizes.margin, sizes.status_bar_height + 32));
  ImGui::BeginChild(
      name, ImVec2(screen.x - 2 * sizes.margin, screen.y - sizes.status_bar_height - bottom - 56),
      false,
      ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar |
          ImGuiWindowFlags_NoScrollWithMouse);
}

void EndContent() { ImGui::EndChild(); }

}  // namespace kiosk::ui
