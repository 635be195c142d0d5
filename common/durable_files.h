#pragma once

// File operations that survive a power cut (or a USB drive pulled out):
// data is fsync'd before it is named, and the directory that names it is
// fsync'd after. Each fails with the path and errno text: kCapacity when
// the disk or drive is full (ENOSPC, EDQUOT; a vfat stick may say so as
// late as fsync or close), kIo otherwise.

#include <string>
#include <string_view>

#include "common/error.h"

namespace kiosk::durable {

// The error for a failed `what` ("cannot create", …) on `path` with errno.
Error FileError(const std::string& what, const std::string& path, int error_number);

// Creates (or truncates) `path` with `bytes`, mode `mode`, and fsyncs it.
// The caller renames or fsyncs the directory to make the name durable.
Result<void> WriteFile(const std::string& path, std::string_view bytes, unsigned mode = 0644);

// fsyncs a directory, so the names in it (created, renamed, removed) last.
Result<void> SyncDirectory(const std::string& path);

// Points the symlink `link` at `target` in one step: a new link beside it
// renamed over the old one, then the directory synced. A reader sees the
// old target or the new, never no link.
Result<void> ReplaceSymlink(const std::string& target, const std::string& link);

}  // namespace kiosk::durable
