#include "kiosk/core/admin/admin_console.h"
#include "ui/admin/admin_screens.h"
#include "ui/admin/admin_ui_state.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {

void DrawAdminQueue(UiContext& ui) {
  admin::AdminConsole& console = *ui.admin;
  AdminUiState& state = *ui.admin_ui;
  if (!state.queue) return;
  if (!*state.queue) {
    WarningBand(ui.fonts.body,
                ui.texts.Get("admin.queue.unreadable") + "：" + state.queue->error().Describe());
    return;
  }
  const admin::QueueOverview& queue = **state.queue;
  if (queue.full || queue.near_full) {
    WarningBand(ui.fonts.body,
                ui.texts.Get(queue.full ? "admin.queue.full" : "admin.queue.near_full"));
  }
  AdminRow(ui, ui.texts.Get("admin.queue.capacity"),
           ui.texts.Format("admin.queue.capacity_value",
                           {{"rows", std::to_string(queue.rows)},
                            {"max_rows", std::to_string(queue.max_rows)},
                            {"mb", std::to_string(queue.bytes / (1024 * 1024))},
                            {"max_mb", std::to_string(queue.max_bytes / (1024 * 1024))}}));
  AdminRow(ui, ui.texts.Get("admin.queue.oldest"),
           queue.oldest_pending_age_s > 0
               ? ui.texts.Format("admin.queue.age",
                                 {{"minutes", std::to_string(queue.oldest_pending_age_s / 60)}})
               : ui.texts.Get("admin.queue.none_pending"));
  ImGui::Dummy(ImVec2(0, 12));
  // Counts by region and state.
  const float columns[] = {0, 420, 680, 940, 1200};
  const char* heads[] = {"admin.queue.region", "admin.queue.pending", "admin.queue.in_flight",
                         "admin.queue.delivered", "admin.queue.dead"};
  for (int i = 0; i < 5; ++i) {
    if (i > 0) ImGui::SameLine(columns[i]);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::Colors().muted_text), "%s",
                       ui.texts.Get(heads[i]).c_str());
  }
  for (const admin::QueueRegionCounts& counts : queue.regions) {
    const RegionConfig* region = ui.config.FindRegion(counts.region);
    ImGui::TextUnformatted((region ? region->name + " " + counts.region : counts.region).c_str());
    const int values[] = {counts.pending, counts.in_flight, counts.delivered, counts.dead};
    for (int i = 0; i < 4; ++i) {
      ImGui::SameLine(columns[i + 1]);
      ImGui::TextUnformatted(std::to_string(values[i]).c_str());
    }
  }
  ImGui::Dummy(ImVec2(0, 20));
  ImGui::TextUnformatted(ui.texts
                             .Format("admin.queue.dead_heading",
                                     {{"count", std::to_string(queue.dead_letters.size())}})
                             .c_str());
  ImGui::PushFont(ui.fonts.small);
  for (const admin::DeadLetter& letter : queue.dead_letters) {
    ImGui::Separator();
    ImGui::TextUnformatted(
        ui.texts
            .Format("admin.queue.dead_line", {{"id", std::to_string(letter.id)},
                                              {"region", letter.region},
                                              {"item", letter.item_id},
                                              {"attempts", std::to_string(letter.attempts)},
                                              {"time", AdminTime(letter.created_unix_ms)}})
            .c_str());
    ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - 560);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(theme::Colors().warning), "%s",
                       letter.reason.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PushFont(ui.fonts.body);
    ImGui::SameLine(ImGui::GetContentRegionAvail().x - 540);
    if (Button(ui, "admin.queue.retry." + std::to_string(letter.id),
               ui.texts.Get("admin.queue.retry"), ImVec2(250, 72), ButtonKind::kSecondary)) {
      console.RetryDeadLetter(letter.id);
    }
    if (console.May(admin::AdminAction::kDiscardDeadLetter)) {
      ImGui::SameLine();
      if (Button(ui, "admin.queue.discard." + std::to_string(letter.id),
                 ui.texts.Get("admin.queue.discard"), ImVec2(250, 72), ButtonKind::kSecondary)) {
        state.choice = {AdminChoice::Kind::kDiscard, letter.id, ""};
      }
    }
    if (state.choice.kind == AdminChoice::Kind::kDiscard && state.choice.id == letter.id) {
      std::string reason;
      if (DrawReasonPicker(ui, reason)) {
        console.DiscardDeadLetter(letter.id, reason);
        state.choice = {};
      }
    }
    ImGui::PopFont();
  }
  ImGui::PopFont();
}

}  // namespace kiosk::ui
