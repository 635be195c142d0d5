#include "central/connection_cut.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <charconv>
#include <filesystem>

namespace kiosk::central {
namespace {

// The port and printable address of a socket end; false if `fd` is not an
// IP socket.
bool DescribeEnd(const sockaddr_storage& address, std::string& host, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    port = ntohs(v4.sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    port = ntohs(v6.sin6_port);
  } else {
    return false;
  }
  host = text;
  return true;
}

bool IsConnection(int fd, const std::string& remote_addr, int remote_port, int local_port) {
  sockaddr_storage local{};
  sockaddr_storage peer{};
  socklen_t local_size = sizeof local;
  socklen_t peer_size = sizeof peer;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_size) != 0 ||
      getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_size) != 0) {
    return false;
  }
  std::string local_host;
  std::string peer_host;
  int local_found = -1;
  int peer_found = -1;
  return DescribeEnd(local, local_host, local_found) && DescribeEnd(peer, peer_host, peer_found) &&
         local_found == local_port && peer_found == remote_port && peer_host == remote_addr;
}

}  // namespace

Result<void> CutConnection(const std::string& remote_addr, int remote_port, int local_port) {
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
    const std::string name = entry.path().filename().string();
    int fd = -1;
    if (std::from_chars(name.data(), name.data() + name.size(), fd).ec != std::errc()) continue;
    if (!IsConnection(fd, remote_addr, remote_port, local_port)) continue;
    if (shutdown(fd, SHUT_RDWR) != 0) {
      return Fail(ErrorCode::kIo, "shutdown of the connection failed");
    }
    return {};
  }
  if (error) return Fail(ErrorCode::kIo, "cannot list /proc/self/fd: " + error.message());
  return Fail(ErrorCode::kNotFound, "the request's connection was not found");
}

}  // namespace kiosk::central
