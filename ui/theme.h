#pragma once

// Colours and measures of the citizen UI: high contrast, large type, touch
// targets far above the 9 mm minimum on a 21.5" 1080p panel (~0.25 mm/px:
// 96 px ≈ 24 mm). Two sets of each: the standard one, and 长辈模式's
// (larger buttons and tiles, fewer to a row) and the high-contrast palette
// (text at least 7:1 against what it stands on; the standard palette keeps
// 4.5:1 — tests/ui/theme_contrast_test.cc checks every pair used).
//
// The UI thread draws one frame at a time with one theme: Use() picks it
// for the frame (the citizen's choice), the screens read Colors() and
// Sizes().

#include <imgui.h>

#include <cstddef>

namespace kiosk::ui::theme {

struct Palette {
  ImU32 background;
  ImU32 brand;  // Government blue: primary buttons (white text), secondary button text.
  ImU32 brand_dark;
  ImU32 accent;  // 跨域通办 (white text).
  ImU32 accent_dark;
  ImU32 text;
  ImU32 muted_text;
  ImU32 panel;
  ImU32 warning;
  ImU32 warning_background;
  ImU32 unavailable_panel;  // Out of order.
  ImU32 ok;
  ImU32 bottom_bar;
  ImU32 pressed;  // A secondary button under the finger.
};

struct Metrics {
  float status_bar_height;
  float bottom_bar_height;
  float margin;
  float button_height;
  float touch_height;  // The least any touch target gets.
  float rounding;
  float tile_height;
  int tile_columns;
  std::size_t most_used_tiles;  // On the home screen.
  float form_label_width;
  float nav_button_width;
};

const Palette& StandardPalette();
const Palette& HighContrastPalette();
const Metrics& StandardMetrics();
const Metrics& ElderMetrics();

// The theme of the frame about to be drawn (and ImGui's style with it).
void Use(bool elder, bool high_contrast);
const Palette& Colors();
const Metrics& Sizes();

// WCAG 2 contrast ratio of two colours (1 to 21).
double ContrastRatio(ImU32 first, ImU32 second);

// The standard theme into ImGui's style; Use() re-applies on a change.
void Apply();

}  // namespace kiosk::ui::theme
