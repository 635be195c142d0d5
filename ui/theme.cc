#include "ui/theme.h"

#include <algorithm>
#include <cmath>

namespace kiosk::ui::theme {
namespace {

constexpr Palette kStandard{
    .background = IM_COL32(242, 245, 250, 255),
    .brand = IM_COL32(0, 82, 164, 255),
    .brand_dark = IM_COL32(0, 60, 125, 255),
    .accent = IM_COL32(185, 80, 0, 255),  // Dark enough for white text (5:1).
    .accent_dark = IM_COL32(150, 62, 0, 255),
    .text = IM_COL32(30, 36, 48, 255),
    .muted_text = IM_COL32(88, 98, 112, 255),
    .panel = IM_COL32(255, 255, 255, 255),
    .warning = IM_COL32(180, 35, 25, 255),
    .warning_background = IM_COL32(253, 232, 229, 255),
    .unavailable_panel = IM_COL32(226, 230, 236, 255),
    .ok = IM_COL32(18, 120, 64, 255),
    .bottom_bar = IM_COL32(228, 233, 241, 255),
    .pressed = IM_COL32(220, 230, 245, 255),
};

constexpr Palette kHighContrast{
    .background = IM_COL32(255, 255, 255, 255),
    .brand = IM_COL32(0, 45, 110, 255),
    .brand_dark = IM_COL32(0, 25, 70, 255),
    .accent = IM_COL32(120, 45, 0, 255),
    .accent_dark = IM_COL32(90, 32, 0, 255),
    .text = IM_COL32(0, 0, 0, 255),
    .muted_text = IM_COL32(40, 40, 40, 255),
    .panel = IM_COL32(255, 255, 255, 255),
    .warning = IM_COL32(120, 0, 0, 255),
    .warning_background = IM_COL32(255, 240, 238, 255),
    .unavailable_panel = IM_COL32(215, 215, 215, 255),
    .ok = IM_COL32(0, 85, 35, 255),
    .bottom_bar = IM_COL32(235, 235, 235, 255),
    .pressed = IM_COL32(210, 220, 240, 255),
};

constexpr Metrics kStandardMetrics{
    .status_bar_height = 72.0f,
    .bottom_bar_height = 128.0f,
    .margin = 48.0f,
    .button_height = 104.0f,
    .touch_height = 88.0f,
    .rounding = 14.0f,
    .tile_height = 150.0f,
    .tile_columns = 4,
    .most_used_tiles = 8,
    .form_label_width = 460.0f,
    .nav_button_width = 300.0f,
};

// 长辈模式: larger everything, three tiles to a row, one row of the most
// used items on the home screen.
constexpr Metrics kElderMetrics{
    .status_bar_height = 80.0f,
    .bottom_bar_height = 150.0f,
    .margin = 48.0f,
    .button_height = 128.0f,
    .touch_height = 108.0f,
    .rounding = 16.0f,
    .tile_height = 190.0f,
    .tile_columns = 3,
    .most_used_tiles = 3,
    .form_label_width = 560.0f,
    .nav_button_width = 340.0f,
};

const Palette* g_palette = &kStandard;
const Metrics* g_metrics = &kStandardMetrics;

double Linear(unsigned channel) {
  const double c = channel / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double Luminance(ImU32 color) {
  return 0.2126 * Linear((color >> IM_COL32_R_SHIFT) & 0xFF) +
         0.7152 * Linear((color >> IM_COL32_G_SHIFT) & 0xFF) +
         0.0722 * Linear((color >> IM_COL32_B_SHIFT) & 0xFF);
}

void ApplyPalette(const Palette& palette) {
  ImGuiStyle& style = ImGui::GetStyle();
  ImVec4* colors = style.Colors;
  colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(palette.background);
  colors[ImGuiCol_ChildBg] = ImGui::ColorConvertU32ToFloat4(palette.panel);
  colors[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(palette.text);
  colors[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(palette.muted_text);
  colors[ImGuiCol_Button] = ImGui::ColorConvertU32ToFloat4(palette.brand);
  colors[ImGuiCol_ButtonHovered] = ImGui::ColorConvertU32ToFloat4(palette.brand);
  colors[ImGuiCol_ButtonActive] = ImGui::ColorConvertU32ToFloat4(palette.brand_dark);
}

}  // namespace

const Palette& StandardPalette() { return kStandard; }
const Palette& HighContrastPalette() { return kHighContrast; }
const Metrics& StandardMetrics() { return kStandardMetrics; }
const Metrics& ElderMetrics() { return kElderMetrics; }
const Palette& Colors() { return *g_palette; }
const Metrics& Sizes() { return *g_metrics; }

double ContrastRatio(ImU32 first, ImU32 second) {
  const double a = Luminance(first);
  const double b = Luminance(second);
  return (std::max(a, b) + 0.05) / (std::min(a, b) + 0.05);
}

void Use(bool elder, bool high_contrast) {
  g_metrics = elder ? &kElderMetrics : &kStandardMetrics;
  const Palette* palette = high_contrast ? &kHighContrast : &kStandard;
  if (palette != g_palette && ImGui::GetCurrentContext() != nullptr) ApplyPalette(*palette);
  g_palette = palette;
  if (ImGui::GetCurrentContext() != nullptr) ImGui::GetStyle().FrameRounding = g_metrics->rounding;
}

void Apply() {
  ImGuiStyle& style = ImGui::GetStyle();
  ImGui::StyleColorsLight(&style);
  style.WindowRounding = 0.0f;
  style.WindowBorderSize = 0.0f;
  style.FrameRounding = g_metrics->rounding;
  style.FramePadding = ImVec2(24.0f, 18.0f);
  style.ItemSpacing = ImVec2(24.0f, 20.0f);
  style.ScrollbarSize = 36.0f;  // Thumb-sized, for touch.
  style.ScrollbarRounding = 12.0f;
  style.TouchExtraPadding = ImVec2(6.0f, 6.0f);
  ApplyPalette(*g_palette);
  ImVec4* colors = style.Colors;
  colors[ImGuiCol_Separator] = ImVec4(0.8f, 0.83f, 0.88f, 1.0f);
  colors[ImGuiCol_ScrollbarBg] = ImVec4(0.9f, 0.92f, 0.95f, 1.0f);
  colors[ImGuiCol_ScrollbarGrab] = ImVec4(0.6f, 0.66f, 0.75f, 1.0f);
}

}  // namespace kiosk::ui::theme
