#include "kiosk/core/flow/flow_plan.h"

namespace kiosk {
namespace {

constexpr int kMaxBundleDepth = 4;

void Unfold(const Catalog& catalog, const ServiceItem& item, int depth,
            std::vector<PlannedStep>& plan) {
  for (const FlowStep& step : item.flow) {
    if (step.type == StepType::kSubFlow) {
      const ServiceItem* sub = catalog.Find(step.sub_item);
      if (sub != nullptr && depth < kMaxBundleDepth) Unfold(catalog, *sub, depth + 1, plan);
      continue;
    }
    const bool done_once_by_bundle = step.type == StepType::kGuide ||
                                     step.type == StepType::kIdentify ||
                                     step.type == StepType::kRate;
    if (depth > 0 && done_once_by_bundle) continue;
    plan.push_back({&item, &step});
  }
}

}  // namespace

std::vector<PlannedStep> PlanFlow(const Catalog& catalog, const ServiceItem& item) {
  std::vector<PlannedStep> plan;
  Unfold(catalog, item, 0, plan);
  return plan;
}

}  // namespace kiosk
