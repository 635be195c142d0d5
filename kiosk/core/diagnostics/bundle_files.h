#pragma once

// Writing to a USB drive that may be full, read-only or pulled out: every
// file is fsync'd before its directory is, and the errors a drive gives
// are told apart — ENOSPC is kCapacity ("the drive is full"), anything
// else kIo with the path and errno text. (config_apply's durable_files
// calls everything kIo, which is right for the kiosk's own disk.)

#include <string>
#include <string_view>

#include "common/error.h"

namespace kiosk::bundle {

// The error for a failed `what` ("cannot create", …) on `path` with errno.
Error FileError(const std::string& what, const std::string& path, int error_number);

// Creates (or truncates) `path` with `bytes` and fsyncs it.
Result<void> WriteSynced(const std::string& path, std::string_view bytes);
// fsyncs a directory so the names in it last.
Result<void> SyncDirectory(const std::string& path);

}  // namespace kiosk::bundle
