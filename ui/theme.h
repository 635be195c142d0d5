#pragma once

// Colours and measures of the citizen UI: high contrast, large type, touch
// targets far above the 9 mm minimum on a 21.5" 1080p panel (~0.25 mm/px:
// 96 px ≈ 24 mm).

#include <imgui.h>

namespace kiosk::ui::theme {

inline constexpr ImU32 kBackground = IM_COL32(242, 245, 250, 255);
inline constexpr ImU32 kBrand = IM_COL32(0, 82, 164, 255);  // Government blue.
inline constexpr ImU32 kBrandDark = IM_COL32(0, 60, 125, 255);
inline constexpr ImU32 kAccent = IM_COL32(230, 120, 0, 255);
inline constexpr ImU32 kAccentDark = IM_COL32(190, 95, 0, 255);
inline constexpr ImU32 kText = IM_COL32(30, 36, 48, 255);
inline constexpr ImU32 kMutedText = IM_COL32(95, 105, 120, 255);
inline constexpr ImU32 kPanel = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 kWarning = IM_COL32(190, 40, 30, 255);
inline constexpr ImU32 kWarningBackground = IM_COL32(253, 232, 229, 255);
inline constexpr ImU32 kUnavailablePanel = IM_COL32(226, 230, 236, 255);  // Out of order.
inline constexpr ImU32 kOk = IM_COL32(20, 130, 70, 255);

inline constexpr float kStatusBarHeight = 72.0f;
inline constexpr float kBottomBarHeight = 128.0f;
inline constexpr float kMargin = 48.0f;
inline constexpr float kButtonHeight = 104.0f;
inline constexpr float kTouchHeight = 88.0f;  // The least any touch target gets.
inline constexpr float kRounding = 14.0f;

void Apply();

}  // namespace kiosk::ui::theme
