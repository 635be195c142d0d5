#pragma once

// One field of the form screen: its label and hint on the left, the input
// (a text box, or a big button per choice) on the right, and the reason
// an input was refused in red beneath it.

#include "ui/ui_context.h"

namespace kiosk::ui {

// `*reveal_error`: scroll this field's refusal into view if it has one
// (and clear the flag), so the first refused field is seen after 下一步.
void DrawFormField(UiContext& ui, const FormFieldView& field, bool* reveal_error);

// The text the citizen typed into every text field goes to the session,
// as when each loses the focus; choices were given when tapped.
void ApplyTypedFields(UiContext& ui);

}  // namespace kiosk::ui
