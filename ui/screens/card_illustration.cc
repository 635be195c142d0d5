#include <cmath>

#include "ui/screens/screens.h"
#include "ui/theme.h"

namespace kiosk::ui {

void DrawCardIllustration(ImVec2 center, float width, bool inserting, float phase) {
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float height = width * 0.63f;  // ID-1 card proportions.
  // The card slides towards the slot when inserting, away when taking out.
  const float travel = 60.0f * (0.5f - 0.5f * std::cos(phase * 6.2831853f));
  const float offset = inserting ? travel : -travel;
  const ImVec2 slot_min(center.x - width * 0.6f, center.y + height * 0.55f);
  draw->AddRectFilled(slot_min, ImVec2(center.x + width * 0.6f, slot_min.y + 26),
                      IM_COL32(60, 66, 80, 255), 8.0f);
  const ImVec2 card_min(center.x - width / 2, center.y - height / 2 + offset);
  const ImVec2 card_max(center.x + width / 2, center.y + height / 2 + offset);
  draw->AddRectFilled(card_min, card_max, IM_COL32(200, 30, 45, 255), 18.0f);
  draw->AddRectFilled(ImVec2(card_min.x, card_min.y + height * 0.62f), card_max,
                      IM_COL32(235, 235, 240, 255), 18.0f, ImDrawFlags_RoundCornersBottom);
  const ImVec2 chip_min(card_min.x + width * 0.1f, card_min.y + height * 0.25f);
  draw->AddRectFilled(chip_min, ImVec2(chip_min.x + width * 0.16f, chip_min.y + height * 0.22f),
                      IM_COL32(225, 185, 80, 255), 6.0f);
  // Arrow along the direction of motion.
  const float arrow_x = center.x + width * 0.75f;
  const float from = inserting ? center.y - height * 0.3f : center.y + height * 0.3f;
  const float to = inserting ? center.y + height * 0.3f : center.y - height * 0.3f;
  draw->AddLine(ImVec2(arrow_x, from), ImVec2(arrow_x, to), theme::Colors().accent, 10.0f);
  const float head = inserting ? 1.0f : -1.0f;
  draw->AddTriangleFilled(ImVec2(arrow_x - 28, to - 8 * head), ImVec2(arrow_x + 28, to - 8 * head),
                          ImVec2(arrow_x, to + 36 * head), theme::Colors().accent);
}

}  // namespace kiosk::ui
