#pragma once

#include <string>

namespace kiosk {

// A random (version 4) UUID from OpenSSL's CSPRNG, lower-case with dashes.
// Used for idempotency keys, which must never repeat across reboots.
std::string NewUuid();

}  // namespace kiosk
