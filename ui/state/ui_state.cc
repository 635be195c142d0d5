#include "ui/state/ui_state.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstring>

namespace kiosk::ui {
namespace {

template <typename T>
void Overwrite(ImVector<T>& vector) {
  if (vector.Data != nullptr) {
    volatile unsigned char* bytes = reinterpret_cast<volatile unsigned char*>(vector.Data);
    for (std::size_t i = 0; i < static_cast<std::size_t>(vector.Capacity) * sizeof(T); ++i) {
      bytes[i] = 0;
    }
  }
  vector.clear();
}

}  // namespace

void WipeImGuiTextState() {
  if (ImGui::GetCurrentContext() == nullptr) return;
  ImGui::ClearActiveID();
  ImGuiInputTextState& state = ImGui::GetCurrentContext()->InputTextState;
  Overwrite(state.TextW);
  Overwrite(state.TextA);
  Overwrite(state.InitialTextA);
  state.CurLenW = 0;
  state.CurLenA = 0;
  state.TextAIsValid = false;
  state.ID = 0;
  // The undo history keeps deleted characters.
  std::memset(static_cast<void*>(&state.Stb), 0, sizeof state.Stb);
}

bool UiState::Follow(const SessionView& view, TimePoint now, std::chrono::seconds home_idle,
                     std::chrono::seconds attract_after) {
  bool changed = false;
  const bool had_form = !form.Empty();
  if (last_screen_ == Screen::kHome && view.screen != Screen::kHome) {
    // A session started: the next citizen must not find this one's search.
    home.Reset();
    WipeImGuiTextState();
    attract = false;
    changed = true;
  }
  if (last_screen_ != Screen::kHome && view.screen == Screen::kHome) {
    // A session ended: the next citizen starts from the standard terminal.
    preferences = CitizenPreferences{};
    last_input_ = now;
    changed = true;
  }
  if (last_screen_ != view.screen) entry.Clear();  // The field it typed into is gone.
  last_screen_ = view.screen;
  if (form.Follow(view)) form_from_top = true;
  if (had_form && form.Empty()) {
    WipeImGuiTextState();
    changed = true;
  }
  if (auto reset = NextReset(home_idle); reset && view.screen == Screen::kHome && now >= *reset) {
    home.Reset();
    entry.Clear();
    preferences = CitizenPreferences{};
    WipeImGuiTextState();
    changed = true;
  }
  if (auto show = NextAttract(attract_after);
      show && view.screen == Screen::kHome && now >= *show) {
    attract = true;
    changed = true;
  }
  return changed;
}

std::optional<UiState::TimePoint> UiState::NextReset(std::chrono::seconds home_idle) const {
  if (last_screen_ != Screen::kHome || (home.IsDefault() && preferences.IsDefault())) {
    return std::nullopt;
  }
  return last_input_ + home_idle;
}

std::optional<UiState::TimePoint> UiState::NextAttract(std::chrono::seconds attract_after) const {
  if (attract || attract_after.count() == 0 || last_screen_ != Screen::kHome) return std::nullopt;
  return last_input_ + attract_after;
}

}  // namespace kiosk::ui
