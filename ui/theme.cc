#include "ui/theme.h"

namespace kiosk::ui::theme {

void Apply() {
  ImGuiStyle& style = ImGui::GetStyle();
  ImGui::StyleColorsLight(&style);
  style.WindowRounding = 0.0f;
  style.WindowBorderSize = 0.0f;
  style.FrameRounding = kRounding;
  style.FramePadding = ImVec2(24.0f, 18.0f);
  style.ItemSpacing = ImVec2(24.0f, 20.0f);
  style.ScrollbarSize = 36.0f;  // Thumb-sized, for touch.
  style.ScrollbarRounding = 12.0f;
  style.TouchExtraPadding = ImVec2(6.0f, 6.0f);
  ImVec4* colors = style.Colors;
  colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(kBackground);
  colors[ImGuiCol_ChildBg] = ImGui::ColorConvertU32ToFloat4(kPanel);
  colors[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(kText);
  colors[ImGuiCol_Button] = ImGui::ColorConvertU32ToFloat4(kBrand);
  colors[ImGuiCol_ButtonHovered] = ImGui::ColorConvertU32ToFloat4(kBrand);
  colors[ImGuiCol_ButtonActive] = ImGui::ColorConvertU32ToFloat4(kBrandDark);
  colors[ImGuiCol_Separator] = ImVec4(0.8f, 0.83f, 0.88f, 1.0f);
  colors[ImGuiCol_ScrollbarBg] = ImVec4(0.9f, 0.92f, 0.95f, 1.0f);
  colors[ImGuiCol_ScrollbarGrab] = ImVec4(0.6f, 0.66f, 0.75f, 1.0f);
}

}  // namespace kiosk::ui::theme
