#include <algorithm>
#include <cfloat>

#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {
namespace {

// The label column fits the longest label, within limits.
float LabelWidth(const DisplayedRecord& record) {
  float widest = 0;
  for (const auto& [label, value] : record.rows) {
    widest = std::max(widest, ImGui::CalcTextSize(label.c_str()).x);
  }
  return std::clamp(widest + 48, 240.0f, 560.0f);
}

void DrawTable(UiContext& ui, const DisplayedTable& table, int index) {
  ImGui::Dummy(ImVec2(0, 8));
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::Colors().brand), "%s",
                     table.title.c_str());
  if (table.rows.empty() || table.headers.empty()) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::Colors().muted_text), "%s",
                       ui.texts.Get("result.table_empty").c_str());
    return;
  }
  const int columns = static_cast<int>(table.headers.size());
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                ImGuiTableFlags_BordersOuterH | ImGuiTableFlags_PadOuterX;
  ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(16, 12));
  const std::string id = "table" + std::to_string(index);
  if (ImGui::BeginTable(id.c_str(), columns, flags)) {
    for (const auto& header : table.headers) {
      ImGui::TableSetupColumn(header.c_str(), ImGuiTableColumnFlags_WidthStretch);
    }
    ImGui::PushFont(ui.fonts.small);
    ImGui::TableHeadersRow();
    ImGui::PopFont();
    for (const auto& row : table.rows) {
      ImGui::TableNextRow(ImGuiTableRowFlags_None, 64);
      for (int column = 0; column < columns; ++column) {
        ImGui::TableNextColumn();
        const auto cell = static_cast<std::size_t>(column);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(cell < row.size() ? row[cell].c_str() : "—");
        ImGui::PopTextWrapPos();
      }
    }
    ImGui::EndTable();
  }
  ImGui::PopStyleVar();
}

}  // namespace

void DrawDisplayedRecord(UiContext& ui, const DisplayedRecord& record) {
  const float label_width = LabelWidth(record);
  for (const auto& [label, value] : record.rows) LabelValue(ui, label, value, label_width);
  int index = 0;
  for (const DisplayedTable& table : record.tables) DrawTable(ui, table, index++);
}

}  // namespace kiosk::ui
