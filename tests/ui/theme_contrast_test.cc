// Every pair of colours the screens draw text in and on, in both palettes:
// at least 4.5:1 (WCAG AA) in the standard palette and 7:1 (AAA) in the
// high-contrast one — what 长辈模式 and the issue ask for.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "ui/theme.h"

namespace kiosk::ui::theme {
namespace {

struct Pair {
  std::string what;
  ImU32 foreground;
  ImU32 background;
};

std::vector<Pair> TextPairs(const Palette& p) {
  const ImU32 white = IM_COL32_WHITE;
  return {
      {"text on background", p.text, p.background},
      {"text on panel", p.text, p.panel},
      {"muted text on background", p.muted_text, p.background},
      {"muted text on panel", p.muted_text, p.panel},
      {"muted text on the bottom bar", p.muted_text, p.bottom_bar},
      {"secondary button label", p.brand, p.panel},
      {"secondary button label pressed", p.brand, p.pressed},
      {"primary button label", white, p.brand},
      {"primary button label pressed", white, p.brand_dark},
      {"status bar", white, p.brand},
      {"跨域通办 button", white, p.accent},
      {"region note on a tile", p.accent_dark, p.panel},
      {"warning on background", p.warning, p.background},
      {"warning on its band", p.warning, p.warning_background},
      {"done (green) on panel", p.ok, p.panel},
      {"done (green) on background", p.ok, p.background},
      {"text on an unavailable panel", p.text, p.unavailable_panel},
      {"muted text on an unavailable panel", p.muted_text, p.unavailable_panel},
      {"warning on an unavailable tile", p.warning, p.unavailable_panel},
  };
}

}  // namespace

TEST_CASE("the contrast ratio follows WCAG 2") {
  CHECK(ContrastRatio(IM_COL32_BLACK, IM_COL32_WHITE) == Approx(21.0));
  CHECK(ContrastRatio(IM_COL32_WHITE, IM_COL32_WHITE) == Approx(1.0));
  CHECK(ContrastRatio(IM_COL32(118, 118, 118, 255), IM_COL32_WHITE) == Approx(4.54).epsilon(0.01));
}

TEST_CASE("the standard palette keeps 4.5:1 for every text pair") {
  for (const Pair& pair : TextPairs(StandardPalette())) {
    INFO(pair.what);
    CHECK(ContrastRatio(pair.foreground, pair.background) >= 4.5);
  }
}

TEST_CASE("the high-contrast palette keeps 7:1 for every text pair") {
  for (const Pair& pair : TextPairs(HighContrastPalette())) {
    INFO(pair.what);
    CHECK(ContrastRatio(pair.foreground, pair.background) >= 7.0);
  }
}

TEST_CASE("长辈模式 has larger touch targets than the standard ones, both above the minimum") {
  const Metrics& standard = StandardMetrics();
  const Metrics& elder = ElderMetrics();
  CHECK(standard.touch_height >= 44.0f);
  CHECK(elder.touch_height >= 60.0f);
  CHECK(elder.button_height > standard.button_height);
  CHECK(elder.tile_height > standard.tile_height);
  CHECK(elder.tile_columns < standard.tile_columns);
  CHECK(elder.most_used_tiles < standard.most_used_tiles);
}

}  // namespace kiosk::ui::theme
