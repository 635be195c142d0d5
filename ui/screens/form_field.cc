#include "ui/screens/form_field.h"

#include <imgui_internal.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/secure_wipe.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {
namespace {

using validation::FieldType;

// Hands a field's typed text to the session; the copy is wiped after.
void SubmitTyped(UiContext& ui, const std::string& field_id) {
  std::string text = ui.state.form.Text(field_id);
  ui.session.SetField(field_id, text);
  SecureWipe(text);
}

bool IsChoice(const FormFieldView& field) {
  return field.rule != nullptr && field.rule->type == FieldType::kChoice;
}

ImGuiInputTextFlags FlagsFor(FieldType type) {
  // No undo: its history would keep what the citizen deleted.
  ImGuiInputTextFlags flags = ImGuiInputTextFlags_NoUndoRedo;
  if (type == FieldType::kIdNumber || type == FieldType::kCreditCode) {
    flags |= ImGuiInputTextFlags_CharsUppercase;  // A typed x is the check digit X.
  }
  return flags;
}

void DrawTextInput(UiContext& ui, const FormFieldView& field, float width) {
  char* buffer = ui.state.form.Data(field.id);
  if (buffer == nullptr) return;
  const FieldType type = field.rule != nullptr ? field.rule->type : FieldType::kText;
  const std::string placeholder =
      ui.texts.Get(std::string("form.placeholder.") + validation::ToString(type));
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                      ImVec2(24, (theme::Sizes().touch_height - ui.fonts.body->FontSize) / 2));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 3.0f);
  const bool refused = !field.error_key.empty();
  const std::string target = "field:" + field.id;
  const bool typing_here = ui.state.entry.target == target;
  ImGui::PushStyleColor(ImGuiCol_Border,
                        ImGui::ColorConvertU32ToFloat4(refused       ? theme::Colors().warning
                                                       : typing_here ? theme::Colors().accent
                                                                     : theme::Colors().brand));
  ImGui::PushStyleColor(ImGuiCol_FrameBg, ImGui::ColorConvertU32ToFloat4(theme::Colors().panel));
  ImGui::SetNextItemWidth(width);
  const std::string id = "##field:" + field.id;
  ImGui::InputTextWithHint(id.c_str(), placeholder.c_str(), buffer,
                           ui.state.form.Capacity(field.id), FlagsFor(type));
  ImGui::PopStyleColor(2);
  ImGui::PopStyleVar(2);
  ui.buttons.Add("field:" + field.id, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
  if (typing_here) {
    // Kept in sight above the keyboard, which shrinks the list.
    const ImRect visible = ImGui::GetCurrentWindow()->InnerClipRect;
    if (ImGui::GetItemRectMin().y < visible.Min.y || ImGui::GetItemRectMax().y > visible.Max.y) {
      ImGui::SetScrollHereY(0.2f);
    }
  }
  if (ImGui::IsItemActivated()) {
    // The on-screen keyboard opens for it; the field scrolls above it.
    ui.state.entry.Open(
        target, LayoutFor(type),
        type == FieldType::kText && field.rule != nullptr ? field.rule->max_length : 0);
    ImGui::SetScrollHereY(0.25f);
  }
  if (ImGui::IsItemDeactivatedAfterEdit()) SubmitTyped(ui, field.id);
}

// Big buttons, one per option: of equal width on one row when they fit,
// else as wide as their text, wrapping onto as many rows as they need.
void DrawChoice(UiContext& ui, const FormFieldView& field, float width) {
  const auto& options = field.rule->options;
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float padding = 48;
  float widest = 0;
  for (const auto& option : options) {
    widest = std::max(widest,
                      ImGui::CalcTextSize(Localized(ui, option.name_zh, option.name_en).c_str()).x);
  }
  const auto count = static_cast<float>(options.size());
  const float uniform = std::max(widest + padding, 200.0f);
  const bool one_row = uniform * count + spacing * (count - 1) <= width;
  const float start_x = ImGui::GetCursorPosX();
  float used = 0;
  std::string chosen;
  for (const auto& option : options) {
    const std::string& option_name = Localized(ui, option.name_zh, option.name_en);
    const float text_width = ImGui::CalcTextSize(option_name.c_str()).x;
    const float button_width = one_row ? uniform : std::clamp(text_width + padding, 200.0f, width);
    if (used > 0 && used + spacing + button_width <= width) {
      ImGui::SameLine(0, spacing);
      used += spacing;
    } else {
      ImGui::SetCursorPosX(start_x);
      used = 0;
    }
    const bool selected = field.value == option.id;
    if (Button(ui, "field:" + field.id + ":" + option.id, option_name,
               ImVec2(button_width, theme::Sizes().touch_height),
               selected ? ButtonKind::kPrimary : ButtonKind::kSecondary)) {
      chosen = option.id;
    }
    used += button_width;
  }
  if (!chosen.empty()) ui.session.SetField(field.id, chosen);
}

// The most specific wording the text table has for a refusal: for the
// field's type and, when the validator named one bound only, for that
// bound ("field.error.out_of_range.date.max": 日期不能晚于 {max}); then for
// the type ("field.error.required.choice": 请选择一项); then the reason's.
std::string ErrorText(const UiContext& ui, const FormFieldView& field) {
  std::vector<std::string> keys;
  if (field.rule != nullptr) {
    const std::string typed = field.error_key + "." + validation::ToString(field.rule->type);
    if (field.error_values.size() == 1)
      keys.push_back(typed + "." + field.error_values.begin()->first);
    keys.push_back(typed);
  }
  for (const auto& key : keys) {
    if (ui.texts.Has(key)) return ui.texts.Format(key, field.error_values);
  }
  return ui.texts.Format(field.error_key, field.error_values);
}

}  // namespace

void DrawFormField(UiContext& ui, const FormFieldView& field, bool* reveal_error) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float row_x = ImGui::GetCursorPosX();
  const float row_y = ImGui::GetCursorPosY();
  const float input_x = row_x + theme::Sizes().form_label_width + style.ItemSpacing.x;
  const float input_width =
      ImGui::GetContentRegionAvail().x - theme::Sizes().form_label_width - style.ItemSpacing.x;

  // Left: the label (required ones marked) and the hint.
  ImGui::PushTextWrapPos(row_x + theme::Sizes().form_label_width);
  ImGui::SetCursorPosY(row_y + (theme::Sizes().touch_height - ui.fonts.body->FontSize) / 2);
  if (field.rule != nullptr && field.rule->required) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::Colors().warning), "%s",
                       ui.texts.Get("form.required_mark").c_str());
    ImGui::SameLine(0, 6);
  }
  // The catalog's English wording when the citizen chose English.
  const FieldDefinition* definition = nullptr;
  if (ui.english && ui.view.item != nullptr) {
    for (const auto& candidate : ui.view.item->fields) {
      if (candidate.id == field.id) definition = &candidate;
    }
  }
  const std::string& label =
      definition ? Localized(ui, field.label, definition->label.en) : field.label;
  const std::string& hint = definition && !field.hint.empty()
                                ? Localized(ui, field.hint, definition->hint.en)
                                : field.hint;
  ImGui::TextUnformatted(label.c_str());
  if (!hint.empty()) {
    ImGui::PushFont(ui.fonts.small);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::Colors().muted_text), "%s",
                       hint.c_str());
    ImGui::PopFont();
  }
  ImGui::PopTextWrapPos();
  const float label_bottom = ImGui::GetCursorPosY();

  // Right: the input, then the refusal.
  ImGui::SetCursorPos(ImVec2(input_x, row_y));
  if (IsChoice(field)) {
    DrawChoice(ui, field, input_width);
  } else {
    DrawTextInput(ui, field, input_width);
  }
  if (!field.error_key.empty()) {
    if (*reveal_error) {
      ImGui::SetScrollHereY(0.2f);
      *reveal_error = false;
    }
    ImGui::SetCursorPosX(input_x);
    ImGui::PushTextWrapPos(input_x + input_width);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::Colors().warning), "%s",
                       ErrorText(ui, field).c_str());
    ImGui::PopTextWrapPos();
  }
  ImGui::SetCursorPos(ImVec2(row_x, std::max(label_bottom, ImGui::GetCursorPosY())));
}

void ApplyTypedFields(UiContext& ui) {
  for (const FormFieldView& field : ui.view.form) {
    if (IsChoice(field)) continue;
    if (ui.state.form.Data(field.id) != nullptr) SubmitTyped(ui, field.id);
  }
}

}  // namespace kiosk::ui
