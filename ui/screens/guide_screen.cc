#include <algorithm>

#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {

void DrawGuideScreen(UiContext& ui) {
  const ServiceItem& item = *ui.view.item;
  const ServiceGuide& guide = item.guide;
  BeginContent(ui, "guide");
  DrawItemHeader(ui, Localized(ui, item.name_zh, item.name_en), ui.texts.Get("guide.title"));

  // As wide as the longest label in the citizen's language (and font).
  float label_width = 220;
  for (const char* key : {"guide.conditions", "guide.materials", "guide.time_limit", "guide.fee",
                          "guide.trips", "guide.online_depth", "guide.department"}) {
    label_width = std::max(label_width, ImGui::CalcTextSize(ui.texts.Get(key).c_str()).x + 32);
  }
  const float warning_height =
      ui.view.receipt_warning == ReceiptWarning::kNone ? 0 : ui.fonts.small->FontSize + 12;
  const float panel_height =
      ImGui::GetContentRegionAvail().y - theme::Sizes().button_height - 64 - warning_height;
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(40, 28));
  ImGui::BeginChild("guide_panel", ImVec2(0, panel_height), false,
                    ImGuiWindowFlags_AlwaysUseWindowPadding);
  ImGui::PushFont(ui.fonts.body);
  // A no-break space after the bullet: ImGui wraps at spaces, and would
  // otherwise leave the bullet alone above a long line without any.
  const std::string bullet = "\u00B7\u00A0";
  std::string conditions;
  for (const auto& condition : guide.conditions) conditions += bullet + condition + "\n";
  if (!conditions.empty()) conditions.pop_back();
  LabelValue(ui, ui.texts.Get("guide.conditions"), conditions, label_width);
  std::string materials;
  for (const auto& material : guide.materials) {
    materials += bullet + material.name +
                 (material.read_by_terminal ? ui.texts.Get("guide.read_by_terminal") : "") + "\n";
  }
  if (!materials.empty()) materials.pop_back();
  LabelValue(ui, ui.texts.Get("guide.materials"), materials, label_width);
  LabelValue(ui, ui.texts.Get("guide.time_limit"), guide.time_limit, label_width);
  LabelValue(ui, ui.texts.Get("guide.fee"), guide.fee, label_width);
  LabelValue(ui, ui.texts.Get("guide.trips"),
             ui.texts.Format("guide.trips_value", {{"trips", std::to_string(guide.trips)}}),
             label_width);
  LabelValue(ui, ui.texts.Get("guide.online_depth"), guide.online_depth, label_width);
  LabelValue(ui, ui.texts.Get("guide.department"), item.department, label_width);
  ImGui::PushFont(ui.fonts.small);
  LabelValue(ui, ui.texts.Get("guide.legal_basis"), guide.legal_basis, label_width);
  ImGui::PopFont();
  ImGui::PopFont();
  DragToScroll();
  ImGui::EndChild();
  ImGui::PopStyleVar();

  ImGui::Dummy(ImVec2(0, 8));
  const float button_width = 480;
  ImGui::SetCursorPosX((ImGui::GetContentRegionAvail().x - button_width) / 2);
  ImGui::PushFont(ui.fonts.body);
  if (!ui.view.item_usable) {
    // Every way of identifying for this item is out of order: say so where
    // the start button would be, rather than let the citizen find out later.
    ImGui::SetCursorPosX(0);
    TextCentered(
        ui.fonts.body,
        ui.texts.Get(ui.view.submissions_paused ? "guide.submissions_paused" : "guide.unavailable"),
        theme::Colors().warning);
  } else {
    if (Button(ui, "guide.start", ui.texts.Get("guide.start"),
               ImVec2(button_width, theme::Sizes().button_height))) {
      ui.session.Continue();
    }
    // Told before starting, not after: the citizen may prefer another
    // terminal to leaving without the receipt.
    if (ui.view.receipt_warning != ReceiptWarning::kNone) {
      ImGui::PushFont(ui.fonts.small);
      TextCentered(ui.fonts.small,
                   ui.texts.Get(ui.view.receipt_warning == ReceiptWarning::kPaperLow
                                    ? "guide.receipt_paper_low"
                                    : "guide.receipt_unavailable"),
                   theme::Colors().warning);
      ImGui::PopFont();
    }
  }
  ImGui::PopFont();
  EndContent();
  DrawBottomBar(ui, NavButtons::kHomeAndBack);
}

}  // namespace kiosk::ui
