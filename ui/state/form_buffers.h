#pragma once

// What the citizen is typing into the form's text fields, between
// keystrokes and the moment it is handed to Session::SetField. ImGui edits
// fixed-capacity buffers in place; they live only while one form is on
// screen and are overwritten (not just freed) when it leaves, so nothing a
// citizen typed outlives their form.

#include <map>
#include <string>
#include <vector>

#include "kiosk/core/session/session_view.h"

namespace kiosk::ui {

class FormBuffers {
 public:
  FormBuffers() = default;
  FormBuffers(const FormBuffers&) = delete;
  FormBuffers& operator=(const FormBuffers&) = delete;
  ~FormBuffers() { Wipe(); }

  // Call once per frame before drawing: starts a new set of buffers (from
  // the session's values) when a form appears, wipes them when it goes.
  // True when a form has just appeared.
  bool Follow(const SessionView& view);

  // The field's NUL-terminated buffer; nullptr for a field not on the form.
  char* Data(const std::string& field_id);
  std::size_t Capacity(const std::string& field_id) const;
  std::string Text(const std::string& field_id) const;
  // Replaces a field's text, as typing it would (replay scripts).
  void Set(const std::string& field_id, const std::string& text);

  bool Empty() const { return buffers_.empty(); }
  void Wipe();

 private:
  // Which form the buffers belong to: a bundle may show several in a row.
  std::string form_key_;
  std::map<std::string, std::string> buffers_;  // Sized to capacity, NUL-padded.
};

// Bytes a field's buffer holds: its longest valid input with room for
// stray characters the validator will name, in UTF-8 (up to 4 bytes each).
std::size_t BufferCapacity(const FormFieldView& field);

}  // namespace kiosk::ui
