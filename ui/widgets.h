#pragma once

// The few building blocks every screen uses: large named buttons, centred
// and wrapped text, the status bar and the bottom navigation bar.

#include <string>

#include "ui/ui_context.h"

namespace kiosk::ui {

enum class ButtonKind { kPrimary, kSecondary, kTile, kAccent };

// A large touch button; `id` names it for replay scripts ("guide.start").
// A finger that slid more than a tap's slop (scrolling a list) does not
// press the button it lifts from.
bool Button(UiContext& ui, const std::string& id, const std::string& label, ImVec2 size,
            ButtonKind kind = ButtonKind::kPrimary);

void TextCentered(ImFont* font, const std::string& text, ImU32 color);
void TextWrapped(ImFont* font, const std::string& text, ImU32 color);
// A full-width band in warning colours with `text` wrapped inside: what
// the citizen must read before the rest (a record that is not live).
void WarningBand(ImFont* font, const std::string& text);
// A label in muted colour followed by its value, wrapped within the column,
// in the current font.
void LabelValue(UiContext& ui, const std::string& label, const std::string& value,
                float label_width);

void DrawStatusBar(UiContext& ui);

// The catalog's English name when the citizen chose English and there is
// one; its Chinese name otherwise. (Guides, legal texts and forms' own
// wording are official Chinese and stay so.)
const std::string& Localized(const UiContext& ui, const std::string& zh, const std::string& en);

// Scrolls the current (child) window by dragging a finger over it, as on a
// phone (ImGui 1.86 scrolls only by wheel or scrollbar), and lets a flung
// list glide to a stop.
void DragToScroll();
// Whether a list is still gliding (so the loop draws another frame);
// resets the flag.
bool TakeScrollAnimating();

// "由深圳市办理（跨域通办）": which region handles the current item.
std::string HandlingRegionText(const UiContext& ui);

enum class NavButtons { kNone, kHome, kHomeAndBack };
void DrawBottomBar(UiContext& ui, NavButtons nav);
// A line of text in the bottom bar, centred (the home screen's hint or
// warning), on `background` when it is not 0.
void DrawBottomBarMessage(UiContext& ui, const std::string& text, ImU32 color,
                          ImU32 background = 0);

// The area between the bars; screens lay out inside it.
void BeginContent(UiContext& ui, const char* name);
void EndContent();

}  // namespace kiosk::ui
