#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {
namespace {

// A row in the catalog's English wording when the citizen chose English:
// the field's label, and a choice's option (the session words rows in
// Chinese, as they are submitted and printed).
std::pair<std::string, std::string> Shown(const UiContext& ui, const std::string& label,
                                          const std::string& value) {
  if (!ui.english || ui.view.item == nullptr) return {label, value};
  for (const FieldDefinition& field : ui.view.item->fields) {
    if (field.label.zh != label) continue;
    std::string shown_value = value;
    for (const auto& option : field.rule.options) {
      if (option.name_zh == value) shown_value = Localized(ui, option.name_zh, option.name_en);
    }
    return {Localized(ui, field.label.zh, field.label.en), shown_value};
  }
  return {label, value};
}

}  // namespace

void DrawConfirmScreen(UiContext& ui) {
  BeginContent(ui, "confirm");
  DrawItemHeader(ui, Localized(ui, ui.view.item->name_zh, ui.view.item->name_en));
  TextCentered(ui.fonts.body, ui.texts.Get("confirm.instruction"), theme::Colors().text);

  const ImGuiStyle& style = ImGui::GetStyle();
  const float panel_height =
      ImGui::GetContentRegionAvail().y - theme::Sizes().button_height - style.ItemSpacing.y;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(40, 28));
  ImGui::BeginChild("confirm_rows", ImVec2(0, panel_height), false,
                    ImGuiWindowFlags_AlwaysUseWindowPadding);
  ImGui::PushFont(ui.fonts.body);
  // The values come masked from the session: enough to recognise, never a
  // whole ID or card number on a screen others may see.
  for (const auto& [label, value] : ui.view.confirm_rows) {
    const auto [shown_label, shown_value] = Shown(ui, label, value);
    LabelValue(ui, shown_label, shown_value, 400);
  }
  ImGui::PopFont();
  DragToScroll();
  ImGui::EndChild();
  ImGui::PopStyleVar();

  const float button_width = 420;
  ImGui::SetCursorPosX((ImGui::GetContentRegionAvail().x - 2 * button_width - style.ItemSpacing.x) /
                       2);
  ImGui::PushFont(ui.fonts.body);
  const bool back =
      Button(ui, "confirm.back", ui.texts.Get("confirm.back"),
             ImVec2(button_width, theme::Sizes().button_height), ButtonKind::kSecondary);
  ImGui::SameLine();
  const bool submit = Button(ui, "confirm.submit", ui.texts.Get("confirm.submit"),
                             ImVec2(button_width, theme::Sizes().button_height));
  ImGui::PopFont();
  EndContent();
  DrawBottomBar(ui, NavButtons::kHome);
  if (back) ui.session.Back();
  if (submit) ui.session.Continue();
}

}  // namespace kiosk::ui
