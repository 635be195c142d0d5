#pragma once

// The seam for the on-screen touch keyboard (a later issue). Text fields
// report here which field has the focus and what it accepts; today a
// USB keyboard types into it through SDL and ImGui. The touch keyboard
// will read this to pick its layout (digits for a phone number, digits and
// X for an ID number, pinyin for an address), draw itself while `active`,
// and send its keys with ImGuiIO::AddInputCharacterUTF8 / AddKeyEvent, so
// the focused ImGui::InputText receives them exactly like a physical
// keyboard's and nothing else in the form has to change.

#include <optional>
#include <string>

#include "kiosk/core/validation/field_rule.h"

namespace kiosk::ui {

enum class KeyboardLayout { kText, kDigits, kIdNumber, kCode, kDate, kMoney, kSearch };

struct TextEntryFocus {
  std::string target;  // "search" or "field:<id>"; empty when no text field is focused.
  KeyboardLayout layout = KeyboardLayout::kText;

  bool Active() const { return !target.empty(); }
  void Clear() { target.clear(); }
};

KeyboardLayout LayoutFor(validation::FieldType type);

}  // namespace kiosk::ui
