#pragma once

// One function per screen of the citizen journey; screen_registry.cc maps
// the session's Screen to them.

#include "ui/ui_context.h"

namespace kiosk::ui {

void DrawHomeScreen(UiContext& ui);
void DrawGuideScreen(UiContext& ui);
void DrawIdentifyScreen(UiContext& ui);
void DrawProgressScreen(UiContext& ui);  // Reading the card, querying, printing.
void DrawResultScreen(UiContext& ui);
void DrawRateScreen(UiContext& ui);
void DrawTakeCardScreen(UiContext& ui);
void DrawNoticeScreen(UiContext& ui);

// Draws the current screen, bars included.
void DrawScreen(UiContext& ui);
// Screens with motion (spinners) need frames even when nothing happens.
bool ScreenAnimates(Screen screen);

// Shared drawing of the social security card, used by identify/take-card.
void DrawCardIllustration(ImVec2 center, float width, bool inserting, float phase);

}  // namespace kiosk::ui
