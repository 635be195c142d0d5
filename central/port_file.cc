#include "central/port_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

namespace kiosk::central {
namespace {

std::string Errno(const std::string& what) { return what + ": " + std::strerror(errno); }

}  // namespace

Result<void> WritePortFile(const std::string& path, int port) {
  // The pid keeps two services started with the same path from sharing
  // one temporary file.
  const std::string temporary = path + ".tmp." + std::to_string(getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Fail(ErrorCode::kIo, Errno("cannot create " + temporary));
  const std::string text = std::to_string(port) + "\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool synced = written && ::fsync(fd) == 0;
  const std::string failure = synced ? "" : Errno("cannot write " + temporary);
  ::close(fd);
  if (!synced) {
    ::unlink(temporary.c_str());
    return Fail(ErrorCode::kIo, failure);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string rename_failure = Errno("cannot rename " + temporary + " to " + path);
    ::unlink(temporary.c_str());
    return Fail(ErrorCode::kIo, rename_failure);
  }
  return {};
}

}  // namespace kiosk::central
