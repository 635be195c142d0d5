#include <algorithm>
#include <cfloat>

#include "ui/screens/screens.h"
#include "ui/theme.h"
#include "ui/widgets.h"

namespace kiosk::ui {
namespace {

constexpr const char* kCard = "social_security_card";

std::string Title(const UiContext& ui, const std::vector<std::string>& methods) {
  if (methods.size() == 1 && methods[0] == kCard) return ui.texts.Get("identify.title");
  if (methods.size() == 1) {
    return ui.texts.Format("identify.title_one",
                           {{"method", ui.texts.Get("identify.method." + methods[0])}});
  }
  return ui.texts.Get("identify.title_any");
}

bool Unusable(const UiContext& ui, const std::string& method) {
  const auto& unusable = ui.view.unusable_methods;
  return std::find(unusable.begin(), unusable.end(), method) != unusable.end();
}

// One panel per accepted way, with what to do: the devices read them, so
// these are instructions rather than buttons. A way whose device is out of
// order is greyed and says so.
void DrawMethodPanels(UiContext& ui, const std::vector<std::string>& methods) {
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float available = ImGui::GetContentRegionAvail().x;
  const auto count = static_cast<float>(methods.size());
  const float width = std::min(460.0f, (available - spacing * (count - 1)) / count);
  const float height = 250;
  const float start = (available - width * count - spacing * (count - 1)) / 2;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + start);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  for (std::size_t i = 0; i < methods.size(); ++i) {
    const ImVec2 at(origin.x + static_cast<float>(i) * (width + spacing), origin.y);
    const bool unusable = Unusable(ui, methods[i]);
    draw->AddRectFilled(at, ImVec2(at.x + width, at.y + height),
                        unusable ? theme::Colors().unavailable_panel : theme::Colors().panel,
                        theme::Sizes().rounding);
    draw->AddRectFilled(at, ImVec2(at.x + width, at.y + 10),
                        unusable ? theme::Colors().muted_text : theme::Colors().brand,
                        theme::Sizes().rounding, ImDrawFlags_RoundCornersTop);
    const std::string& name = ui.texts.Get("identify.method." + methods[i]);
    const std::string& how = unusable ? ui.texts.Get("identify.method.unavailable")
                                      : ui.texts.Get("identify.method." + methods[i] + ".how");
    const ImVec2 name_size =
        ui.fonts.body->CalcTextSizeA(ui.fonts.body->FontSize, FLT_MAX, 0, name.c_str());
    draw->AddText(ui.fonts.body, ui.fonts.body->FontSize,
                  ImVec2(at.x + (width - name_size.x) / 2, at.y + 36), theme::Colors().text,
                  name.c_str());
    const ImVec4 clip(at.x, at.y, at.x + width - 16, at.y + height - 8);
    draw->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(at.x + 28, at.y + 100),
                  unusable ? theme::Colors().warning : theme::Colors().muted_text, how.c_str(),
                  nullptr, width - 56, &clip);
  }
  ImGui::Dummy(ImVec2(width * count, height));
}

}  // namespace

void DrawIdentifyScreen(UiContext& ui) {
  const std::vector<std::string>& methods = ui.view.item->identification;
  const bool card = ui.view.item->Accepts(kCard);
  const bool card_only = card && methods.size() == 1;
  BeginContent(ui, "identify");
  ImGui::Dummy(ImVec2(0, card_only ? 40 : 8));
  TextCentered(ui.fonts.title, Title(ui, methods), theme::Colors().text);
  ImGui::Dummy(ImVec2(0, 12));
  if (ui.view.card_left_behind) {
    TextCentered(ui.fonts.body, ui.texts.Get("identify.remove_old_card"), theme::Colors().warning);
  } else if (card_only && Unusable(ui, kCard)) {
    TextCentered(ui.fonts.body, ui.texts.Get("identify.method.unavailable"),
                 theme::Colors().warning);
  } else if (card_only) {
    TextCentered(ui.fonts.body, ui.texts.Get("identify.instruction"), theme::Colors().muted_text);
  }
  if (!card_only) {
    ImGui::Dummy(ImVec2(0, 12));
    DrawMethodPanels(ui, methods);
  }
  if (card) {
    const ImVec2 origin = ImGui::GetWindowPos();
    const ImVec2 size = ImGui::GetWindowSize();
    const float width = card_only ? 420.0f : 300.0f;
    const float y = card_only ? 0.62f : 0.72f;
    DrawCardIllustration(ImVec2(origin.x + size.x / 2, origin.y + size.y * y), width, true,
                         static_cast<float>(ImGui::GetTime() / 1.6));
  }
  EndContent();
  DrawBottomBar(ui, NavButtons::kHomeAndBack);
}

}  // namespace kiosk::ui
