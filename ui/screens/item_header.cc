#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {

void DrawItemHeader(UiContext& ui, const std::string& title, const std::string& lead) {
  TextCentered(ui.fonts.title, title, theme::Colors().text);
  std::string line = lead;
  if (const std::string region = HandlingRegionText(ui); !region.empty()) {
    line += (line.empty() ? "" : "    ") + region;
  }
  const ServiceItem* step_item = ui.view.step_item;
  if (step_item != nullptr && step_item != ui.view.item) {
    // 一件事一次办: say which of the bundle's items this screen belongs to.
    line += (line.empty() ? "" : "    ") +
            ui.texts.Format("bundle.current",
                            {{"item", Localized(ui, step_item->name_zh, step_item->name_en)}});
  }
  if (ui.view.step_count > 1) {
    line += (line.empty() ? "" : "    ") +
            ui.texts.Format("flow.step", {{"number", std::to_string(ui.view.step_number)},
                                          {"count", std::to_string(ui.view.step_count)}});
  }
  if (!line.empty()) {
    TextCentered(ui.fonts.small, line,
                 ui.view.other_region ? theme::Colors().accent_dark : theme::Colors().muted_text);
  }
}

}  // namespace kiosk::ui
