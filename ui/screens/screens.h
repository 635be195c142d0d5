#pragma once

// One function per screen of the citizen journey; screen_registry.cc maps
// the session's Screen to them.

#include <string>
#include <vector>

#include "ui/ui_context.h"

namespace kiosk::ui {

void DrawHomeScreen(UiContext& ui);      // Search, most used, categories.
void DrawItemListScreen(UiContext& ui);  // Home: one category, or 跨域通办.
void DrawGuideScreen(UiContext& ui);
void DrawIdentifyScreen(UiContext& ui);
void DrawProgressScreen(UiContext& ui);  // Reading the card, querying, printing.
void DrawResultScreen(UiContext& ui);
void DrawFormScreen(UiContext& ui);
void DrawConfirmScreen(UiContext& ui);
void DrawAcceptedScreen(UiContext& ui);
void DrawRateScreen(UiContext& ui);
void DrawTakeCardScreen(UiContext& ui);
void DrawNoticeScreen(UiContext& ui);
void DrawAttractScreen(UiContext& ui);  // Over the idle home screen.
void DrawHelpScreen(UiContext& ui);     // Home: how to use the terminal.
// The on-screen keyboard over the bottom of the screen while a text field
// is being typed into (ui.state.entry).
void DrawKeyboardPanel(UiContext& ui);

// Draws the current screen, bars included.
void DrawScreen(UiContext& ui);
// Screens with motion (spinners) need frames even when nothing happens.
bool ScreenAnimates(Screen screen);

// Shared drawing of the social security card, used by identify/take-card.
void DrawCardIllustration(ImVec2 center, float width, bool inserting, float phase);

// Item tiles ("item:<id>"), `columns` to a row, each naming the region
// that handles it; a tap counts a use and starts the item's session.
void DrawItemTiles(UiContext& ui, const std::vector<const ServiceItem*>& items, int columns,
                   float tile_height);

// The item's name, then a line with `lead` ("办事指南"), which region
// handles it and, in a bundle, the current sub-item and step: the top of
// every screen inside an item.
void DrawItemHeader(UiContext& ui, const std::string& title, const std::string& lead = "");

// Whether the step after the current one prints: a result in the middle
// of a flow (shown before a form) offers 下一步 instead of printing.
bool NextStepPrints(const UiContext& ui);

// A query answer laid out by a display template: rows, then tables.
void DrawDisplayedRecord(UiContext& ui, const DisplayedRecord& record);

}  // namespace kiosk::ui
