#pragma once

// The few building blocks every screen uses: large named buttons, centred
// and wrapped text, the status bar and the bottom navigation bar.

#include <string>

#include "ui/ui_context.h"

namespace kiosk::ui {

enum class ButtonKind { kPrimary, kSecondary, kTile };

// A large touch button; `id` names it for replay scripts ("guide.start").
bool Button(UiContext& ui, const std::string& id, const std::string& label, ImVec2 size,
            ButtonKind kind = ButtonKind::kPrimary);

void TextCentered(ImFont* font, const std::string& text, ImU32 color);
void TextWrapped(ImFont* font, const std::string& text, ImU32 color);
// A label in muted colour followed by its value, wrapped within the column,
// in the current font.
void LabelValue(UiContext& ui, const std::string& label, const std::string& value,
                float label_width);

void DrawStatusBar(UiContext& ui);

enum class NavButtons { kNone, kHome, kHomeAndBack };
void DrawBottomBar(UiContext& ui, NavButtons nav);

// The area between the bars; screens lay out inside it.
void BeginContent(const char* name);
void EndContent();

}  // namespace kiosk::ui
