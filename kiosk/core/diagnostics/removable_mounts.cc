#include "kiosk/core/diagnostics/removable_mounts.h"

#include <fstream>
#include <set>
#include <sstream>

#include "common/log.h"

namespace kiosk {
namespace {

constexpr const char* kLog = "diagnostics";

// /proc/mounts writes a space in a mount point as \040 (and tab, newline,
// backslash likewise): a drive labelled "KINGSTON USB" must still be found.
std::string DecodeOctal(const std::string& field) {
  std::string decoded;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size()) {
      const std::string digits = field.substr(i + 1, 3);
      if (digits.size() == 3 && digits.find_first_not_of("01234567") == std::string::npos) {
        decoded.push_back(static_cast<char>(std::stoi(digits, nullptr, 8)));
        i += 3;
        continue;
      }
    }
    decoded.push_back(field[i]);
  }
  return decoded;
}

bool StrictlyUnder(const std::string& path, std::string root) {
  if (root.empty()) return false;
  if (root.back() != '/') root.push_back('/');
  return path.size() > root.size() && path.starts_with(root);
}

bool ReadOnly(const std::string& options) {
  std::stringstream parts(options);
  std::string option;
  while (std::getline(parts, option, ',')) {
    if (option == "ro") return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> RemovableMounts(const std::string& mounts_file,
                                         const std::string& media_root) {
  static const std::set<std::string> kDriveFilesystems = {"vfat",  "exfat",   "ntfs",
                                                          "ntfs3", "fuseblk", "ext4"};
  std::vector<std::string> mounts;
  std::ifstream in(mounts_file);
  if (!in) {
    log::Warning(kLog, "cannot read {}: no USB drive found", mounts_file);
    return mounts;
  }
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string device, mount_point, type, options;
    if (!(fields >> device >> mount_point >> type >> options)) continue;
    if (!kDriveFilesystems.contains(type) || ReadOnly(options)) continue;
    const std::string path = DecodeOctal(mount_point);
    if (StrictlyUnder(path, media_root) || StrictlyUnder(path, "/run/media")) {
      mounts.push_back(path);
    }
  }
  return mounts;
}

}  // namespace kiosk
