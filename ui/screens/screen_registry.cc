#include "kiosk/core/admin/admin_console.h"
#include "ui/admin/admin_screens.h"
#include "ui/screens/screens.h"
#include "ui/widgets.h"

namespace kiosk::ui {

void DrawScreen(UiContext& ui) {
  if (ui.admin != nullptr && ui.admin->IsOpen()) {
    DrawAdminScreen(ui);
    return;
  }
  if (ui.out_of_service && ui.view.screen == Screen::kHome) {
    DrawOutOfServiceScreen(ui);
    return;
  }
  if (ui.view.screen == Screen::kHome && ui.state.attract) {
    DrawAttractScreen(ui);
    return;
  }
  DrawStatusBar(ui);
  switch (ui.view.screen) {
    case Screen::kHome: DrawHomeScreen(ui); break;
    case Screen::kGuide: DrawGuideScreen(ui); break;
    case Screen::kIdentify: DrawIdentifyScreen(ui); break;
    case Screen::kReadingCard:
    case Screen::kQuerying:
    case Screen::kSubmitting:
    case Screen::kPrinting: DrawProgressScreen(ui); break;
    case Screen::kResult: DrawResultScreen(ui); break;
    case Screen::kForm: DrawFormScreen(ui); break;
    case Screen::kConfirm: DrawConfirmScreen(ui); break;
    case Screen::kAccepted: DrawAcceptedScreen(ui); break;
    case Screen::kRate: DrawRateScreen(ui); break;
    case Screen::kTakeCard: DrawTakeCardScreen(ui); break;
    case Screen::kNotice: DrawNoticeScreen(ui); break;
  }
  DrawKeyboardPanel(ui);
}

bool ScreenAnimates(Screen screen) {
  return screen == Screen::kReadingCard || screen == Screen::kQuerying ||
         screen == Screen::kSubmitting || screen == Screen::kPrinting ||
         screen == Screen::kIdentify || screen == Screen::kTakeCard;
}

}  // namespace kiosk::ui
