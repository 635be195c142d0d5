#pragma once

// Linux key codes (linux/input-event-codes.h) to the characters they type
// on a US keyboard layout, the layout keyboard-wedge scanners emulate
// unless configured otherwise.

#include <cstdint>

namespace kiosk::devices {

// The character key `code` types, with or without shift; '\0' for a key
// that types nothing on the US layout (function keys, modifiers, …).
// Keypad keys type their digit or operator whatever the Num Lock state:
// scanners that use the keypad expect exactly that.
char UsLayoutCharacter(std::uint16_t code, bool shift);

}  // namespace kiosk::devices
