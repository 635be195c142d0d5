#pragma once

// SHA-256 of request bodies, to tell a true retry from a reused key.

#include <string>
#include <string_view>

#include "common/error.h"

namespace kiosk::central {

// Lower-case hex digest (64 characters).
Result<std::string> Sha256Hex(std::string_view data);

}  // namespace kiosk::central
