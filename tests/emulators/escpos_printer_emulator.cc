#include "tests/emulators/escpos_printer_emulator.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pty.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace kiosk::emulators {
namespace {

constexpr std::uint8_t kDle = 0x10;
constexpr std::uint8_t kEot = 0x04;
// Every status answer has bits 4 and 1 set, bits 7 and 0 clear.
constexpr std::uint8_t kFixedBits = 0x12;

std::unexpected<Error> SystemError(const char* what) {
  return Fail(ErrorCode::kIo, std::string(what) + ": " + std::strerror(errno));
}

void CloseIfOpen(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

}  // namespace

Result<std::unique_ptr<EscPosPrinterEmulator>> EscPosPrinterEmulator::ListenTcp(
    std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) return SystemError("socket");
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  socklen_t size = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(fd, 4) != 0 || ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    auto error = SystemError("bind/listen on 127.0.0.1");
    ::close(fd);
    return error;
  }
  return std::unique_ptr<EscPosPrinterEmulator>(
      new EscPosPrinterEmulator(fd, ntohs(address.sin_port), -1, -1, ""));
}

Result<std::unique_ptr<EscPosPrinterEmulator>> EscPosPrinterEmulator::OpenPty() {
  int master = -1;
  int slave = -1;
  if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) return SystemError("openpty");
  // Raw from the start: no echo, no bytes eaten as flow control.
  termios settings{};
  ::tcgetattr(slave, &settings);
  ::cfmakeraw(&settings);
  ::tcsetattr(slave, TCSANOW, &settings);
  ::fcntl(master, F_SETFL, ::fcntl(master, F_GETFL) | O_NONBLOCK);
  ::fcntl(master, F_SETFD, FD_CLOEXEC);
  ::fcntl(slave, F_SETFD, FD_CLOEXEC);
  const char* name = ::ttyname(slave);
  return std::unique_ptr<EscPosPrinterEmulator>(
      new EscPosPrinterEmulator(-1, 0, master, slave, name != nullptr ? name : ""));
}

EscPosPrinterEmulator::EscPosPrinterEmulator(int listen_fd, std::uint16_t port, int master_fd,
                                             int slave_fd, std::string path)
    : listen_fd_(listen_fd),
      port_(port),
      master_fd_(master_fd),
      slave_fd_(slave_fd),
      port_path_(std::move(path)) {
  thread_ = std::jthread([this](std::stop_token stop) { Serve(stop); });
}

EscPosPrinterEmulator::~EscPosPrinterEmulator() {
  thread_.request_stop();
  if (thread_.joinable()) thread_.join();
  CloseIfOpen(client_fd_);
  CloseIfOpen(listen_fd_);
  CloseIfOpen(slave_fd_);
  CloseIfOpen(master_fd_);
}

void EscPosPrinterEmulator::SetPaperNearEnd(bool near_end) {
  std::lock_guard lock(mutex_);
  near_end_ = near_end;
}

void EscPosPrinterEmulator::SetPaperOut(bool out) {
  std::lock_guard lock(mutex_);
  paper_out_ = out;
}

void EscPosPrinterEmulator::SetCoverOpen(bool open) {
  std::lock_guard lock(mutex_);
  cover_open_ = open;
}

void EscPosPrinterEmulator::RunOutOfPaperAfter(std::size_t bytes) {
  std::lock_guard lock(mutex_);
  paper_left_ = bytes;
}

void EscPosPrinterEmulator::AnswerStatusWith(std::optional<std::uint8_t> byte) {
  std::lock_guard lock(mutex_);
  forced_answer_ = byte;
}

void EscPosPrinterEmulator::GoAway() {
  std::lock_guard lock(mutex_);
  gone_ = true;
}

std::vector<std::uint8_t> EscPosPrinterEmulator::Received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

std::vector<std::uint8_t> EscPosPrinterEmulator::Printed() const {
  std::lock_guard lock(mutex_);
  return printed_;
}

int EscPosPrinterEmulator::StatusQueriesAnswered() const {
  std::lock_guard lock(mutex_);
  return status_queries_;
}

int EscPosPrinterEmulator::Connections() const {
  std::lock_guard lock(mutex_);
  return connections_;
}

bool EscPosPrinterEmulator::CanPrint() const { return !paper_out_ && !cover_open_; }

std::uint8_t EscPosPrinterEmulator::StatusAnswer(std::uint8_t n) const {
  if (forced_answer_) return *forced_answer_;
  std::uint8_t answer = kFixedBits;
  switch (n) {
    case 1:  // Printer: bit 3 offline.
      if (!CanPrint()) answer |= 1u << 3;
      break;
    case 2:  // Offline cause: bit 2 cover open, bit 5 stopped by paper end.
      if (cover_open_) answer |= 1u << 2;
      if (paper_out_) answer |= 1u << 5;
      break;
    case 3:  // Error cause: nothing goes wrong with this printer's mechanism.
      break;
    case 4:  // Paper sensor: bits 2+3 near end, bits 5+6 paper out.
      if (near_end_ || paper_out_) answer |= 0x0C;
      if (paper_out_) answer |= 0x60;
      break;
    default: break;
  }
  return answer;
}

void EscPosPrinterEmulator::Consume(const std::uint8_t* bytes, std::size_t count, int reply_fd) {
  std::vector<std::uint8_t> replies;
  {
    std::lock_guard lock(mutex_);
    received_.insert(received_.end(), bytes, bytes + count);
    // Gone between this turn's poll and now: a dead printer neither prints
    // nor answers.
    if (gone_) return;
    for (std::size_t i = 0; i < count; ++i) {
      const std::uint8_t byte = bytes[i];
      // DLE EOT n is handled the moment it arrives, in the middle of print
      // data too, as a real printer's receive interrupt does.
      if (pending_status_prefix_ == 0 && byte == kDle) {
        pending_status_prefix_ = 1;
        continue;
      }
      if (pending_status_prefix_ == 1) {
        if (byte == kEot) {
          pending_status_prefix_ = 2;
          continue;
        }
        // A DLE that was not a status query is print data after all.
        pending_status_prefix_ = 0;
        if (CanPrint()) printed_.push_back(kDle);
      }
      if (pending_status_prefix_ == 2) {
        pending_status_prefix_ = 0;
        if (byte >= 1 && byte <= 4) {
          replies.push_back(StatusAnswer(byte));
          ++status_queries_;
        }
        continue;
      }
      if (!CanPrint()) continue;
      if (paper_left_) {
        if (*paper_left_ == 0) {
          paper_out_ = true;
          paper_left_.reset();
          continue;
        }
        --*paper_left_;
      }
      printed_.push_back(byte);
    }
  }
  std::size_t done = 0;
  while (done < replies.size()) {
    const ssize_t written = ::write(reply_fd, replies.data() + done, replies.size() - done);
    if (written > 0) {
      done += static_cast<std::size_t>(written);
    } else if (written < 0 && errno != EAGAIN && errno != EINTR) {
      return;
    }
  }
}

void EscPosPrinterEmulator::Serve(std::stop_token stop) {
  std::array<std::uint8_t, 4096> chunk{};
  while (!stop.stop_requested()) {
    bool gone = false;
    {
      std::lock_guard lock(mutex_);
      gone = gone_;
    }
    if (gone) {
      // Switched off: connections drop, the port stops listening, a pty
      // stays but nothing answers.
      CloseIfOpen(client_fd_);
      CloseIfOpen(listen_fd_);
      ::usleep(20'000);
      continue;
    }
    const int data_fd = master_fd_ >= 0 ? master_fd_ : client_fd_;
    pollfd fds[2] = {{data_fd, POLLIN, 0}, {client_fd_ < 0 ? listen_fd_ : -1, POLLIN, 0}};
    if (::poll(fds, 2, 20) < 0 && errno != EINTR) return;
    if (fds[1].revents & POLLIN) {
      const int client = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
      if (client >= 0) {
        client_fd_ = client;
        std::lock_guard lock(mutex_);
        ++connections_;
        pending_status_prefix_ = 0;
      }
    }
    if (data_fd >= 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR))) {
      const ssize_t count = ::read(data_fd, chunk.data(), chunk.size());
      if (count > 0) {
        Consume(chunk.data(), static_cast<std::size_t>(count), data_fd);
      } else if (count == 0 && master_fd_ < 0) {
        CloseIfOpen(client_fd_);  // The client closed; wait for the next.
      } else if (count < 0 && errno == EIO) {
        ::usleep(20'000);  // No one has the pty open.
      }
    }
  }
}

}  // namespace kiosk::emulators
