#include "kiosk/core/config_apply/config_store.h"

#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "common/durable_files.h"

namespace kiosk {
namespace fs = std::filesystem;
namespace {

std::optional<std::int64_t> ParseVersion(std::string_view text) {
  std::int64_t version = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), version);
  if (error != std::errc() || version <= 0) return std::nullopt;
  (void)end;
  return version;
}

std::string ReadSmallFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool SafeRelativePath(const std::string& path) {
  if (path.empty() || path.front() == '/' || path.find('\0') != std::string::npos) return false;
  for (const auto& part : fs::path(path)) {
    if (part == ".." || part == "." || part.empty()) return false;
  }
  return true;
}

Result<void> SyncTree(const fs::path& top) {
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(top, error);
       !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_directory()) {
      if (auto synced = durable::SyncDirectory(it->path().string()); !synced) return synced;
    }
  }
  if (error) return Fail(ErrorCode::kIo, "cannot walk " + top.string() + ": " + error.message());
  return durable::SyncDirectory(top.string());
}

}  // namespace

ConfigStore::ConfigStore(std::string root) : root_(std::move(root)) {}

Result<void> ConfigStore::Prepare() {
  std::error_code error;
  fs::create_directories(fs::path(root_) / "versions", error);
  if (!error) fs::remove_all(fs::path(root_) / "staging", error);
  if (!error) fs::create_directories(fs::path(root_) / "staging", error);
  if (error) return Fail(ErrorCode::kIo, "cannot prepare " + root_ + ": " + error.message());
  return durable::SyncDirectory(root_);
}

std::optional<std::int64_t> ConfigStore::LinkVersion(const char* name) const {
  std::error_code error;
  const fs::path target = fs::read_symlink(fs::path(root_) / name, error);
  if (error) return std::nullopt;
  return ParseVersion(target.filename().string());
}

std::optional<std::int64_t> ConfigStore::Current() const { return LinkVersion("current"); }
std::optional<std::int64_t> ConfigStore::Previous() const { return LinkVersion("previous"); }

std::optional<std::int64_t> ConfigStore::OnTrial() const {
  return ParseVersion(ReadSmallFile((fs::path(root_) / "trial").string()));
}

std::optional<RefusedVersion> ConfigStore::LastRefused() const {
  const std::string text = ReadSmallFile((fs::path(root_) / "refused").string());
  const auto space = text.find(' ');
  if (space == std::string::npos) return std::nullopt;
  auto version = ParseVersion(std::string_view(text).substr(0, space));
  if (!version) return std::nullopt;
  return RefusedVersion{*version, text.substr(space + 1)};
}

std::string ConfigStore::CurrentDir() const { return (fs::path(root_) / "current").string(); }

std::string ConfigStore::VersionDir(std::int64_t version) const {
  return (fs::path(root_) / "versions" / std::to_string(version)).string();
}

Result<void> ConfigStore::Stage(std::int64_t version, const std::vector<ConfigFile>& files) {
  const fs::path final_dir = VersionDir(version);
  std::error_code error;
  if (fs::exists(final_dir, error)) {
    if (Current() == version || Previous() == version) {
      return Fail(ErrorCode::kSequence,
                  "configuration version " + std::to_string(version) + " is in use already");
    }
    // Staged before a crash and never switched to: written again.
    fs::remove_all(final_dir, error);
  }
  const fs::path staging =
      fs::path(root_) / "staging" / (std::to_string(version) + "." + std::to_string(::getpid()));
  fs::remove_all(staging, error);
  for (const ConfigFile& file : files) {
    if (!SafeRelativePath(file.path)) {
      fs::remove_all(staging, error);
      return Fail(ErrorCode::kInvalidData, "configuration file name \"" + file.path +
                                               "\" would leave the configuration directory");
    }
    const fs::path target = staging / file.path;
    fs::create_directories(target.parent_path(), error);
    if (error) {
      return Fail(ErrorCode::kIo,
                  "cannot create " + target.parent_path().string() + ": " + error.message());
    }
    if (auto written = durable::WriteFile(target.string(), file.bytes); !written) return written;
  }
  fs::create_directories(staging, error);  // An empty bundle is still a tree.
  if (auto synced = SyncTree(staging); !synced) return synced;
  fs::rename(staging, final_dir, error);
  if (error) {
    return Fail(ErrorCode::kIo, "cannot move " + staging.string() + " to " + final_dir.string() +
                                    ": " + error.message());
  }
  return durable::SyncDirectory((fs::path(root_) / "versions").string());
}

Result<void> ConfigStore::WriteSmallFile(const char* name, const std::string& text) {
  const std::string path = (fs::path(root_) / name).string();
  if (auto written = durable::WriteFile(path + ".new", text); !written) return written;
  if (::rename((path + ".new").c_str(), path.c_str()) != 0) {
    return Fail(ErrorCode::kIo, "cannot rename " + path + ".new");
  }
  return durable::SyncDirectory(root_);
}

Result<void> ConfigStore::Activate(std::int64_t version) {
  std::error_code error;
  if (!fs::is_directory(VersionDir(version), error)) {
    return Fail(ErrorCode::kNotFound,
                "configuration version " + std::to_string(version) + " was not staged");
  }
  // In this order a cut at any point leaves current whole: previous may
  // briefly equal current, and trial names a version before current does
  // (a start then finds trial != current and ignores it).
  if (const auto current = Current()) {
    if (*current == version) return {};
    if (auto linked = durable::ReplaceSymlink("versions/" + std::to_string(*current),
                                              (fs::path(root_) / "previous").string());
        !linked) {
      return linked;
    }
  }
  if (auto trial = WriteSmallFile("trial", std::to_string(version)); !trial) return trial;
  return durable::ReplaceSymlink("versions/" + std::to_string(version), CurrentDir());
}

Result<void> ConfigStore::Confirm() {
  std::error_code error;
  fs::remove(fs::path(root_) / "trial", error);
  if (error) return Fail(ErrorCode::kIo, "cannot remove the trial mark: " + error.message());
  return durable::SyncDirectory(root_);
}

Result<void> ConfigStore::RollBack(const std::string& reason) {
  const auto current = Current();
  const auto previous = Previous();
  if (!current) return Fail(ErrorCode::kSequence, "no configuration from headquarters is applied");
  if (auto refused = RecordRefusal(*current, reason); !refused) return refused;
  // After an earlier rollback `previous` names the current version too:
  // then there is nothing from headquarters to go back to.
  if (previous && *previous != *current) {
    if (auto linked =
            durable::ReplaceSymlink("versions/" + std::to_string(*previous), CurrentDir());
        !linked) {
      return linked;
    }
  } else {
    // Back to the configuration as installed.
    if (::unlink(CurrentDir().c_str()) != 0) {
      return Fail(ErrorCode::kIo, "cannot remove " + CurrentDir());
    }
    if (auto synced = durable::SyncDirectory(root_); !synced) return synced;
  }
  if (auto confirmed = Confirm(); !confirmed) return confirmed;
  std::error_code error;
  fs::remove_all(VersionDir(*current), error);
  return durable::SyncDirectory((fs::path(root_) / "versions").string());
}

Result<void> ConfigStore::RecordRefusal(std::int64_t version, const std::string& reason) {
  return WriteSmallFile("refused", std::to_string(version) + " " + reason);
}

Result<void> ConfigStore::Prune() {
  std::set<std::string> keep;
  if (const auto current = Current()) keep.insert(std::to_string(*current));
  if (const auto previous = Previous()) keep.insert(std::to_string(*previous));
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(fs::path(root_) / "versions", error)) {
    if (!keep.contains(entry.path().filename().string())) fs::remove_all(entry.path(), error);
  }
  if (error) return Fail(ErrorCode::kIo, "cannot prune " + root_ + ": " + error.message());
  return durable::SyncDirectory((fs::path(root_) / "versions").string());
}

}  // namespace kiosk
