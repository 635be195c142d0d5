#pragma once

// An item's flow with its bundles unfolded: a sub_flow step is replaced by
// the sub-item's steps, minus the ones the bundle already did once for all
// (guide, identify, rate). The session walks this flat list, so a bundle
// needs no special case beyond "which item does this step belong to".

#include <vector>

#include "kiosk/core/catalog/catalog.h"

namespace kiosk {

struct PlannedStep {
  const ServiceItem* item = nullptr;  // The item the step belongs to (a sub-item in a bundle).
  const FlowStep* step = nullptr;
};

// The catalog was validated, so sub-items exist and never loop; a depth
// limit still guards against a catalog that was not.
std::vector<PlannedStep> PlanFlow(const Catalog& catalog, const ServiceItem& item);

}  // namespace kiosk
