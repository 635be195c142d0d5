#include "kiosk/core/flow/flow_plan.h"
#include "ui/screens/screens.h"

namespace kiosk::ui {

bool NextStepPrints(const UiContext& ui) {
  if (ui.view.item == nullptr) return false;
  // The view numbers the steps of the unfolded plan from 1, so the next
  // step's index is the current step's number.
  const std::vector<PlannedStep> plan = PlanFlow(ui.catalog, *ui.view.item);
  const auto next = static_cast<std::size_t>(ui.view.step_number);
  return next < plan.size() && plan[next].step->type == StepType::kPrint;
}

}  // namespace kiosk::ui
