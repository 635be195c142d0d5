#pragma once

// Which text field the on-screen keyboard types into. A field opens it
// when tapped, with the layout its rule asks for (digits for a phone
// number, digits and X for an ID number, pinyin for an address); it stays
// open until 完成, another field, or the screen changing. The keyboard
// (ui/screens/keyboard_panel.cc) edits the field's buffer itself; a USB
// keyboard still types into the ImGui field while it has the focus.

#include <cstddef>
#include <optional>
#include <string>

#include "kiosk/core/validation/field_rule.h"

namespace kiosk::ui {

enum class KeyboardLayout { kText, kDigits, kIdNumber, kCode, kDate, kMoney, kSearch };

struct TextEntryFocus {
  std::string target;  // "search" or "field:<id>"; empty when the keyboard is closed.
  KeyboardLayout layout = KeyboardLayout::kText;
  std::size_t max_chars = 0;  // 0: the layout's own limit.
  bool bound = false;         // The keyboard holds the field's text.

  bool Active() const { return !target.empty(); }
  void Open(std::string field, KeyboardLayout field_layout, std::size_t limit) {
    target = std::move(field);
    layout = field_layout;
    max_chars = limit;
    bound = false;
  }
  void Clear() {
    target.clear();
    bound = false;
  }
};

KeyboardLayout LayoutFor(validation::FieldType type);

}  // namespace kiosk::ui
