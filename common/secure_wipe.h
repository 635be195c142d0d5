#pragma once

#include <string>

namespace kiosk {

// Zeroes a string's buffer in a way the optimizer may not remove, then
// empties it. Used on personal data when a session ends.
void SecureWipe(std::string& text);

}  // namespace kiosk
