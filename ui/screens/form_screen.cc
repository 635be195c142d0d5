#include <utility>

#include "ui/screens/form_field.h"
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {

void DrawFormScreen(UiContext& ui) {
  BeginContent(ui, "form");
  DrawItemHeader(ui, Localized(ui, ui.view.item->name_zh, ui.view.item->name_en));
  TextCentered(ui.fonts.body, ui.texts.Get("form.instruction"), theme::Colors().text);

  // The fields scroll when they do not fit (seven with refusals do not);
  // the button to go on stays in view below them.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float list_height =
      ImGui::GetContentRegionAvail().y - theme::Sizes().button_height - style.ItemSpacing.y;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(32, 24));
  ImGui::BeginChild("fields", ImVec2(0, list_height), false,
                    ImGuiWindowFlags_AlwaysUseWindowPadding);
  if (std::exchange(ui.state.form_from_top, false)) ImGui::SetScrollY(0);
  ImGui::PushFont(ui.fonts.body);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(style.ItemSpacing.x, 16));
  // Set by a tap on 下一步 in the previous frame.
  bool reveal_error = std::exchange(ui.state.reveal_form_error, false);
  bool first = true;
  for (const FormFieldView& field : ui.view.form) {
    if (!first) ImGui::Separator();
    first = false;
    DrawFormField(ui, field, &reveal_error);
  }
  ImGui::PopStyleVar();
  ImGui::PopFont();
  DragToScroll();
  ImGui::EndChild();
  ImGui::PopStyleVar();

  const float button_width = 480;
  ImGui::SetCursorPosX((ImGui::GetContentRegionAvail().x - button_width) / 2);
  ImGui::PushFont(ui.fonts.body);
  const bool next = Button(ui, "form.next", ui.texts.Get("form.next"),
                           ImVec2(button_width, theme::Sizes().button_height));
  ImGui::PopFont();
  EndContent();
  DrawBottomBar(ui, NavButtons::kHome);
  if (next) {
    // Text still in a box the citizen never left counts too.
    ApplyTypedFields(ui);
    ui.session.Continue();
    ui.state.reveal_form_error = true;
  }
}

}  // namespace kiosk::ui
