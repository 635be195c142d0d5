#include "kiosk/core/diagnostics/bundle_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace kiosk::bundle {
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
  // Closes now, so a failing close (a drive that went away) is seen.
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
    return Error(ErrorCode::kCapacity, what + " " + path + ": the drive is full (" + text + ")");
  }
  return Error(ErrorCode::kIo, what + " " + path + ": " + text);
}

Result<void> WriteSynced(const std::string& path, std::string_view bytes) {
  Descriptor file(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
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
  // A vfat drive reports a full disk or a pulled stick as late as here.
  if (::fsync(file.get()) != 0) return std::unexpected(FileError("cannot fsync", path, errno));
  if (file.Close() != 0) return std::unexpected(FileError("cannot close", path, errno));
  return {};
}

Result<void> SyncDirectory(const std::string& path) {
  Descriptor directory(::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (directory.get() < 0) {
    return std::unexpected(FileError("cannot open directory", path, errno));
  }
  if (::fsync(directory.get()) != 0) {
    return std::unexpected(FileError("cannot fsync directory", path, errno));
  }
  return {};
}

}  // namespace kiosk::bundle
