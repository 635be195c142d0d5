// systemd's end of NOTIFY_SOCKET for the watchdog test
// (systemd_watchdog.sh): binds a datagram socket and prints each message
// on a line of its own as "MONOTONIC_MS SENDER_PID MESSAGE", so the script
// can find the kiosk's pid and the gaps between its watchdog pings.
// usage: notify_listener SOCKET_PATH   (runs until killed)

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: notify_listener SOCKET_PATH\n");
    return 2;
  }
  const int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    std::perror("socket");
    return 1;
  }
  // The sender's pid arrives with each message, as systemd receives it.
  const int on = 1;
  if (setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &on, sizeof on) != 0) {
    std::perror("setsockopt SO_PASSCRED");
    return 1;
  }
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (std::strlen(argv[1]) >= sizeof address.sun_path) {
    std::fprintf(stderr, "notify_listener: socket path too long\n");
    return 2;
  }
  std::strcpy(address.sun_path, argv[1]);
  if (bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    std::perror("bind");
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  while (true) {
    char text[4096];
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(ucred))];
    iovec part{text, sizeof text - 1};
    msghdr message{};
    message.msg_iov = &part;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    const ssize_t got = recvmsg(fd, &message, 0);
    if (got < 0) {
      std::perror("recvmsg");
      return 1;
    }
    long pid = 0;
    for (cmsghdr* header = CMSG_FIRSTHDR(&message); header != nullptr;
         header = CMSG_NXTHDR(&message, header)) {
      if (header->cmsg_level == SOL_SOCKET && header->cmsg_type == SCM_CREDENTIALS) {
        ucred credentials{};
        std::memcpy(&credentials, CMSG_DATA(header), sizeof credentials);
        pid = credentials.pid;
      }
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
    // One datagram may hold several lines ("READY=1\nSTATUS=..."): one each.
    std::string all(text, static_cast<std::size_t>(got));
    std::size_t from = 0;
    while (from < all.size()) {
      std::size_t end = all.find('\n', from);
      if (end == std::string::npos) end = all.size();
      if (end > from) {
        std::printf("%lld %ld %s\n", static_cast<long long>(ms), pid,
                    all.substr(from, end - from).c_str());
      }
      from = end + 1;
    }
    std::fflush(stdout);
  }
}
