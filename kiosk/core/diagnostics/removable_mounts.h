#pragma once

// Where a USB drive is: the desktop automounters (udisks2) mount removable
// drives under /media/<user>/<label> or /run/media/<user>/<label>, so a
// writable mount of a drive's filesystem there is an export target.

#include <string>
#include <vector>

namespace kiosk {

// Mount points under `media_root` or /run/media whose filesystem is vfat,
// exfat, ntfs (ntfs3, or ntfs-3g as fuseblk) or ext4, in the order of
// `mounts_file` (/proc/mounts' format, octal escapes decoded). Read-only
// mounts are left out: nothing can be exported to them. A mounts file that
// cannot be read gives no mounts.
std::vector<std::string> RemovableMounts(const std::string& mounts_file = "/proc/mounts",
                                         const std::string& media_root = "/media");

}  // namespace kiosk
