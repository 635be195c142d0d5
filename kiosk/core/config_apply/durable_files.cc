#include "kiosk/core/config_apply/durable_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace kiosk::durable {
namespace {

Error IoError(const std::string& what, const std::string& path, int error_number) {
  return Error(ErrorCode::kIo, what + " " + path + ": " + std::strerror(error_number));
}

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }
  // Closes now, so a failing close (NFS, full disk) is seen.
  int Close() {
    const int result = ::close(fd_);
    fd_ = -1;
    return result;
  }

 private:
  int fd_;
};

}  // namespace

Result<void> WriteFile(const std::string& path, std::string_view bytes, unsigned mode) {
  Descriptor file(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode));
  if (file.get() < 0) return std::unexpected(IoError("cannot create", path, errno));
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(file.get(), bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return std::unexpected(IoError("cannot write", path, errno));
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(file.get()) != 0) return std::unexpected(IoError("cannot fsync", path, errno));
  if (file.Close() != 0) return std::unexpected(IoError("cannot close", path, errno));
  return {};
}

Result<void> SyncDirectory(const std::string& path) {
  Descriptor directory(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (directory.get() < 0) return std::unexpected(IoError("cannot open directory", path, errno));
  if (::fsync(directory.get()) != 0) {
    return std::unexpected(IoError("cannot fsync directory", path, errno));
  }
  return {};
}

Result<void> ReplaceSymlink(const std::string& target, const std::string& link) {
  const std::string fresh = link + ".new";
  ::unlink(fresh.c_str());  // Left by an earlier attempt cut short.
  if (::symlink(target.c_str(), fresh.c_str()) != 0) {
    return std::unexpected(IoError("cannot create symlink", fresh, errno));
  }
  if (::rename(fresh.c_str(), link.c_str()) != 0) {
    const int error_number = errno;
    ::unlink(fresh.c_str());
    return std::unexpected(IoError("cannot rename symlink over", link, error_number));
  }
  return SyncDirectory(std::filesystem::path(link).parent_path().string());
}

}  // namespace kiosk::durable
