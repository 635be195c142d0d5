#include "common/durable_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <system_error>

namespace kiosk::durable {
namespace {

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }
  // Closes now, so a failing close (a full disk, a drive that went away) is seen.
  int Close() {
    const int result = ::close(fd_);
    fd_ = -1;
    return result;
  }

 private:
  int fd_;
};

}  // namespace

Error FileError(const std::string& what, const std::string& path, int error_number) {
  const std::string text = std::error_code(error_number, std::generic_category()).message();
  if (error_number == ENOSPC || error_number == EDQUOT) {
    return Error(ErrorCode::kCapacity, what + " " + path + ": the disk is full (" + text + ")");
  }
  return Error(ErrorCode::kIo, what + " " + path + ": " + text);
}

Result<void> WriteFile(const std::string& path, std::string_view bytes, unsigned mode) {
  Descriptor file(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
  if (file.get() < 0) return std::unexpected(FileError("cannot create", path, errno));
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(file.get(), bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::unexpected(FileError("cannot write", path, errno));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(file.get()) != 0) return std::unexpected(FileError("cannot fsync", path, errno));
  if (file.Close() != 0) return std::unexpected(FileError("cannot close", path, errno));
  return {};
}

Result<void> SyncDirectory(const std::string& path) {
  Descriptor directory(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (directory.get() < 0) return std::unexpected(FileError("cannot open directory", path, errno));
  if (::fsync(directory.get()) != 0) {
    return std::unexpected(FileError("cannot fsync directory", path, errno));
  }
  return {};
}

Result<void> ReplaceSymlink(const std::string& target, const std::string& link) {
  const std::string fresh = link + ".new";
  ::unlink(fresh.c_str());  // Left by an earlier attempt cut short.
  if (::symlink(target.c_str(), fresh.c_str()) != 0) {
    return std::unexpected(FileError("cannot create symlink", fresh, errno));
  }
  if (::rename(fresh.c_str(), link.c_str()) != 0) {
    const int error_number = errno;
    ::unlink(fresh.c_str());
    return std::unexpected(FileError("cannot rename symlink over", link, error_number));
  }
  return SyncDirectory(std::filesystem::path(link).parent_path().string());
}

}  // namespace kiosk::durable
