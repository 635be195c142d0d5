#pragma once

// Valid answers for any field rule, as a careful citizen would type them,
// so a test can walk every item's form without knowing the item.

#include <string>

#include "kiosk/core/validation/field_rule.h"

namespace kiosk::testing {

// A child's ID number born 2026-10-01 in 中山 (for newborn items), a mobile
// number, a bank card passing Luhn, a date inside the rule's bounds, ...
std::string ValidAnswerFor(const validation::FieldRule& rule, const validation::Date& today);

}  // namespace kiosk::testing
