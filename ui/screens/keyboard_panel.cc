#include <algorithm>
#include <cfloat>

#include "common/log.h"
#include "common/secure_wipe.h"
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {
namespace {

input::KeyboardLayout ToInputLayout(KeyboardLayout layout) {
  switch (layout) {
    case KeyboardLayout::kText: return input::KeyboardLayout::kText;
    case KeyboardLayout::kDigits: return input::KeyboardLayout::kDigits;
    case KeyboardLayout::kIdNumber: return input::KeyboardLayout::kIdNumber;
    case KeyboardLayout::kCode: return input::KeyboardLayout::kCode;
    case KeyboardLayout::kDate: return input::KeyboardLayout::kDate;
    case KeyboardLayout::kMoney: return input::KeyboardLayout::kMoney;
    case KeyboardLayout::kSearch: return input::KeyboardLayout::kSearch;
  }
  return input::KeyboardLayout::kText;
}

// The field the keyboard types into, if it is on screen now.
std::optional<std::string> FieldText(const UiContext& ui, const std::string& target) {
  if (target == "search") {
    if (ui.view.screen != Screen::kHome || ui.state.home.page != HomeNavigation::Page::kMain) {
      return std::nullopt;
    }
    return ui.state.home.SearchText();
  }
  if (target.starts_with("field:") && ui.view.screen == Screen::kForm) {
    const std::string id = target.substr(6);
    if (ui.state.form.Capacity(id) == 0) return std::nullopt;
    return ui.state.form.Text(id);
  }
  return std::nullopt;
}

void StoreText(UiContext& ui, const std::string& target, const std::string& text) {
  if (target == "search") {
    ui.state.home.SetSearch(text);
  } else {
    ui.state.form.Set(target.substr(6), text);
  }
}

void Close(UiContext& ui) {
  ui.state.entry.Clear();
  ui.state.keyboard_height = 0;
  ui.keyboard->Wipe();
}

}  // namespace

void DrawKeyboardPanel(UiContext& ui) {
  TextEntryFocus& entry = ui.state.entry;
  if (ui.keyboard == nullptr || !entry.Active()) {
    ui.state.keyboard_height = 0;
    return;
  }
  std::optional<std::string> text = FieldText(ui, entry.target);
  if (!text) {
    Close(ui);
    return;
  }
  input::KeyboardModel& keyboard = *ui.keyboard;
  // Bound when the field opens it, and again when a USB keyboard changed
  // the field meanwhile.
  if (!entry.bound || keyboard.Text() != *text) {
    if (auto bound = keyboard.Bind(ToInputLayout(entry.layout), *text, entry.max_chars); !bound) {
      // Text the keyboard could not have typed (a USB keyboard's): start empty.
      log::Warning("ui", "keyboard: {}", bound.error().detail);
      (void)keyboard.Bind(ToInputLayout(entry.layout), "", entry.max_chars);
    }
    entry.bound = true;
  }
  SecureWipe(*text);

  const theme::Metrics& sizes = theme::Sizes();
  const std::vector<input::KeyRow> rows = keyboard.Rows();
  // Smaller than other buttons (still above 44 px, 60 px in 长辈模式) so
  // the field and its neighbours stay visible above the keys.
  const float key_height = sizes.touch_height - 16;
  const float gap = 12.0f;
  const float padding = 20.0f;
  const float hint_height = ui.fonts.small->FontSize + 12;
  const float height = padding * 2 + hint_height + rows.size() * key_height +
                       (rows.empty() ? 0 : (rows.size() - 1) * gap);
  const float top = ui.screen_size.y - height;
  ui.state.keyboard_height = height;
  // A window of its own, above the screen: a key must never also press a
  // button of the screen drawn beneath it (ImGui gives a touch to the
  // first item under it in a window, and to the topmost window).
  ImGui::SetNextWindowPos(ImVec2(0, top));
  ImGui::SetNextWindowSize(ImVec2(ui.screen_size.x, height));
  ImGui::PushStyleColor(ImGuiCol_WindowBg,
                        ImGui::ColorConvertU32ToFloat4(theme::Colors().bottom_bar));
  ImGui::Begin("##keyboard", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleColor();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddLine(ImVec2(0, top), ImVec2(ui.screen_size.x, top), theme::Colors().brand, 3.0f);

  // What is being composed, and what the keyboard refused last.
  std::string hint =
      keyboard.Composing().empty()
          ? ui.texts.Get(keyboard.ChineseMode() && (entry.layout == KeyboardLayout::kText ||
                                                    entry.layout == KeyboardLayout::kSearch)
                             ? "keyboard.hint_pinyin"
                             : "keyboard.hint")
          : keyboard.Composing();
  draw->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(sizes.margin, top + padding),
                theme::Colors().text, hint.c_str());
  if (!ui.state.keyboard_refusal.empty()) {
    const std::string& refusal = ui.texts.Get(ui.state.keyboard_refusal);
    const float width =
        ui.fonts.small->CalcTextSizeA(ui.fonts.small->FontSize, FLT_MAX, 0, refusal.c_str()).x;
    draw->AddText(ui.fonts.small, ui.fonts.small->FontSize,
                  ImVec2(ui.screen_size.x - sizes.margin - width, top + padding),
                  theme::Colors().warning, refusal.c_str());
  }

  float widest_units = 0;
  for (const auto& row : rows) {
    float units = 0;
    for (const auto& key : row) units += key.width;
    widest_units = std::max(widest_units, units + (row.size() - 1) * 0.12f);
  }
  const float available = ui.screen_size.x - 2 * sizes.margin;
  const float unit = std::min(available / std::max(widest_units, 1.0f), key_height * 1.4f);

  std::optional<std::string> pressed;
  ImGui::PushFont(ui.fonts.body);
  float y = top + padding + hint_height;
  for (const auto& row : rows) {
    // A key is as wide as its words need (a candidate, 上一页).
    auto key_width = [&](const input::Key& key) {
      const std::string& label = key.label_is_text_key ? ui.texts.Get(key.label) : key.label;
      return std::max(key.width * unit, ImGui::CalcTextSize(label.c_str()).x + 48);
    };
    float row_width = 0;
    for (const auto& key : row) row_width += key_width(key);
    row_width += (row.size() - 1) * gap;
    float x = (ui.screen_size.x - row_width) / 2;
    for (const auto& key : row) {
      const ImVec2 size(key_width(key), key_height);
      ImGui::SetCursorPos(ImVec2(x, y - top));  // In the keyboard window.
      const std::string label = key.label_is_text_key ? ui.texts.Get(key.label) : key.label;
      const bool special = key.label_is_text_key;
      ImGui::BeginDisabled(!key.enabled);
      const bool candidate = key.id.starts_with("candidate:");
      if (Button(ui, "key:" + key.id, label, size,
                 key.id == "done" ? ButtonKind::kPrimary
                 : special        ? ButtonKind::kSecondary
                                  : ButtonKind::kTile)) {
        pressed = key.id;
      }
      // Scripts may name a candidate by its text ("candidate:张三").
      if (candidate)
        ui.buttons.Add("candidate:" + key.label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
      ImGui::EndDisabled();
      x += size.x + gap;
    }
    y += key_height + gap;
  }
  ImGui::PopFont();
  ImGui::End();
  if (!pressed) return;

  auto result = keyboard.Press(*pressed);
  if (!result) {
    log::Warning("ui", "keyboard: {}", result.error().detail);
    return;
  }
  ui.state.keyboard_refusal =
      result->outcome == input::PressOutcome::kRefused ? result->reason : std::string();
  const std::string target = entry.target;
  StoreText(ui, target, keyboard.Text());
  if (result->outcome == input::PressOutcome::kDone) {
    // As when a field is left: the session checks what was typed.
    if (target.starts_with("field:")) {
      const std::string id = target.substr(6);
      const bool accepted = ui.session.SetField(id, keyboard.Text());
      log::Info("ui", "keyboard: field {} {}", id, accepted ? "accepted" : "refused");
    }
    Close(ui);
  }
}

}  // namespace kiosk::ui
