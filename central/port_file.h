#pragma once

// The --port-file that tells a test or a script which port the service got
// when it asked for any free one (--port 0).

#include <string>

#include "common/error.h"

namespace kiosk::central {

// Writes "<port>\n" to a temporary file next to `path`, flushes it to disk
// and renames it over `path`, so a reader polling for the file never sees
// it empty or half-written.
Result<void> WritePortFile(const std::string& path, int port);

}  // namespace kiosk::central
