#pragma once

// A choice among options the catalog lists (e.g. 参保类型). The UI shows
// the names; what is validated and stored is the option id.

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/core/validation/field_error.h"

namespace kiosk::validation {

struct ChoiceOption {
  std::string id;  // Stored and sent; stable across wording changes.
  std::string name_zh;
  std::string name_en;
};

// Exact match of the id after trimming whitespace; rejection not_a_choice.
FieldResult<std::string> CheckChoice(std::string_view input,
                                     const std::vector<ChoiceOption>& options);

}  // namespace kiosk::validation
