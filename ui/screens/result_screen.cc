#include "kiosk/core/records/receipt_builder.h"
#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {
namespace {

// The built-in 参保信息 view of the insurance_record query.
void DrawInsuranceRecord(UiContext& ui, const InsuranceRecord& record) {
  TextCentered(ui.fonts.title, ui.texts.Get("result.title"), theme::Colors().text);
  if (!ui.view.cached_record_note.empty()) WarningBand(ui.fonts.body, ui.view.cached_record_note);
  const std::string who = ui.texts.Get("record.name") + "：" + record.name + "      " +
                          ui.texts.Get("record.ssn") + "：" + MaskSsn(record.ssn) + "      " +
                          (record.region_name.empty() ? record.region : record.region_name);
  TextCentered(ui.fonts.body, who, theme::Colors().text);

  const float table_height = ImGui::GetContentRegionAvail().y - theme::Sizes().button_height - 70;
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_PadOuterX;
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(16, 14));
  if (ImGui::BeginTable("insurances", 5, flags, ImVec2(0, table_height))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(ui.texts.Get("record.insurance").c_str(),
                            ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn(ui.texts.Get("record.status").c_str(),
                            ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ui.texts.Get("record.since").c_str(),
                            ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ui.texts.Get("record.months").c_str(),
                            ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(ui.texts.Get("record.last_payment").c_str(),
                            ImGuiTableColumnFlags_WidthStretch, 1.8f);
    ImGui::PushFont(ui.fonts.small);
    ImGui::TableHeadersRow();
    ImGui::PopFont();
    for (const Insurance& insurance : record.insurances) {
      ImGui::TableNextRow(ImGuiTableRowFlags_None, 72);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(insurance.type.c_str());
      ImGui::TableNextColumn();
      const bool paying = insurance.status == "参保缴费";
      ImGui::TextColored(
          ImGui::ColorConvertU32ToFloat4(paying ? theme::Colors().ok : theme::Colors().accent),
          "%s", insurance.status.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(insurance.since.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(
          ui.texts
              .Format("record.months_value",
                      {{"months", std::to_string(insurance.contribution_months)}})
              .c_str());
      ImGui::TableNextColumn();
      if (insurance.has_last_payment) {
        const std::string paid = insurance.last_payment.period + "  ¥" +
                                 FormatYuan(insurance.last_payment.personal_cents +
                                            insurance.last_payment.employer_cents);
        ImGui::TextUnformatted(paid.c_str());
      } else {
        ImGui::TextUnformatted("—");
      }
    }
    ImGui::EndTable();
  }
  ImGui::PopStyleVar();
  if (record.insurances.empty()) {
    TextCentered(ui.fonts.body, ui.texts.Get("record.none"), theme::Colors().muted_text);
  }
  TextCentered(ui.fonts.small,
               ui.texts.Format("record.as_of", {{"time", IsoUtcToChinaTime(record.as_of)}}),
               theme::Colors().muted_text);
}

}  // namespace

void DrawResultScreen(UiContext& ui) {
  const InsuranceRecord* record = ui.view.record;
  const DisplayedRecord* displayed = ui.view.displayed;
  BeginContent(ui, "result");
  if (record == nullptr && displayed == nullptr) {
    TextCentered(ui.fonts.title, ui.texts.Get("result.title"), theme::Colors().text);
    EndContent();
    DrawBottomBar(ui, NavButtons::kHome);
    return;
  }
  ImGui::PushFont(ui.fonts.body);
  const ImGuiStyle& style = ImGui::GetStyle();
  const float body_height =
      ImGui::GetWindowHeight() - theme::Sizes().button_height - style.ItemSpacing.y;
  if (displayed != nullptr) {
    DrawItemHeader(ui, displayed->title.empty()
                           ? Localized(ui, ui.view.item->name_zh, ui.view.item->name_en)
                           : displayed->title);
    if (!ui.view.cached_record_note.empty()) WarningBand(ui.fonts.body, ui.view.cached_record_note);
    const float panel_height = body_height - ImGui::GetCursorPosY();
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(40, 28));
    ImGui::BeginChild("displayed", ImVec2(0, panel_height), false,
                      ImGuiWindowFlags_AlwaysUseWindowPadding);
    DrawDisplayedRecord(ui, *displayed);
    DragToScroll();
    ImGui::EndChild();
    ImGui::PopStyleVar();
  } else {
    DrawInsuranceRecord(ui, *record);
  }

  // The record is drawn; only now may a tap end the session and wipe it.
  const float button_width = 420;
  const bool prints = NextStepPrints(ui);
  const int buttons = prints ? 2 : 1;
  ImGui::SetCursorPosY(ImGui::GetWindowHeight() - theme::Sizes().button_height);
  ImGui::SetCursorPosX((ImGui::GetContentRegionAvail().x - buttons * button_width -
                        (buttons - 1) * style.ItemSpacing.x) /
                       2);
  bool print = false;
  bool finish = false;
  if (prints) {
    print = Button(ui, "result.print", ui.texts.Get("result.print"),
                   ImVec2(button_width, theme::Sizes().button_height));
    ImGui::SameLine();
    finish = Button(ui, "result.finish", ui.texts.Get("result.finish"),
                    ImVec2(button_width, theme::Sizes().button_height), ButtonKind::kSecondary);
  } else {
    // Shown before a form or a confirmation: the flow goes on.
    finish = Button(ui, "result.next", ui.texts.Get("result.next"),
                    ImVec2(button_width, theme::Sizes().button_height));
  }
  ImGui::PopFont();
  EndContent();
  DrawBottomBar(ui, NavButtons::kHome);
  if (print) ui.session.Print();
  if (finish) ui.session.Continue();
}

}  // namespace kiosk::ui
