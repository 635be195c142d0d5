#include "kiosk/core/validation/choice.h"

#include <fmt/format.h>

#include "kiosk/core/validation/utf8.h"

namespace kiosk::validation {

FieldResult<std::string> CheckChoice(std::string_view input,
                                     const std::vector<ChoiceOption>& options) {
  const std::string_view id = TrimWhitespace(input);
  for (const ChoiceOption& option : options) {
    if (option.id == id) return option.id;
  }
  return Reject(reason::kNotAChoice,
                fmt::format("the value is none of the {} option ids", options.size()));
}

}  // namespace kiosk::validation
