#include "tests/pcsc/private_pcscd.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

extern char** environ;

namespace kiosk::testing {
namespace {

// A port P with P and P + 1 free on the loopback (vpcd binds both).
Result<std::uint16_t> FreePortPair() {
  for (int attempt = 0; attempt < 50; ++attempt) {
    int probe = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    address.sin_port = 0;
    if (::bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(probe);
      continue;
    }
    socklen_t length = sizeof address;
    ::getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length);
    const std::uint16_t port = ntohs(address.sin_port);
    if (port >= 65535) {
      ::close(probe);
      continue;
    }
    int next = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in second = address;
    second.sin_port = htons(static_cast<std::uint16_t>(port + 1));
    const bool free = ::bind(next, reinterpret_cast<sockaddr*>(&second), sizeof second) == 0;
    ::close(next);
    ::close(probe);
    if (free) return port;
  }
  return Fail(ErrorCode::kIo, "no free port pair for vpcd");
}

std::string FindPcscd() {
  for (const char* path : {"/usr/sbin/pcscd", "/sbin/pcscd", "/usr/local/sbin/pcscd"}) {
    if (::access(path, X_OK) == 0) return path;
  }
  return "";
}

}  // namespace

const std::string& PrivatePcscd::SocketPath() {
  static const std::string path = [] {
    const std::string dir = "/tmp/kiosk-pcsc-" + std::to_string(::getpid());
    std::filesystem::create_directories(dir);
    std::string socket = dir + "/pcscd.comm";
    ::setenv("PCSCLITE_CSOCK_NAME", socket.c_str(), 1);
    // The directory goes with the process (a forked child leaves it be).
    static const pid_t owner = ::getpid();
    std::atexit([] {
      if (::getpid() != owner) return;
      std::error_code ignored;
      std::filesystem::remove_all("/tmp/kiosk-pcsc-" + std::to_string(owner), ignored);
    });
    return socket;
  }();
  return path;
}

PrivatePcscd::~PrivatePcscd() {
  Stop();
  if (!dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
}

Result<void> PrivatePcscd::Start(WithVpcd vpcd) {
  if (pid_ > 0) return Fail(ErrorCode::kSequence, "pcscd is already running");
  const std::string pcscd = FindPcscd();
  if (pcscd.empty()) return Fail(ErrorCode::kNotFound, "pcscd is not installed (scripts/deps.sh)");
  const std::string& socket_path = SocketPath();
  if (dir_.empty()) {
    char pattern[] = "/tmp/kiosk-pcscd-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) return Fail(ErrorCode::kIo, "mkdtemp failed");
    dir_ = pattern;
  }
  const std::string config_dir = dir_ + "/reader.conf.d";
  std::filesystem::remove_all(config_dir);
  std::filesystem::create_directories(config_dir);
  if (vpcd == WithVpcd::kYes) {
    auto port = FreePortPair();
    if (!port) return std::unexpected(port.error());
    port_ = *port;
    std::ofstream conf(config_dir + "/vpcd");
    conf << "FRIENDLYNAME \"Virtual PCD\"\n"
         << "DEVICENAME   /dev/null:0x" << std::hex << port_ << "\n"
         << "LIBPATH      /usr/lib/pcsc/drivers/serial/libifdvpcd.so\n"
         << "CHANNELID    0x" << port_ << std::dec << "\n";
  } else {
    port_ = 0;
  }

  // The client socket, bound before pcscd runs: clients may connect at
  // once, and pcscd takes it over as descriptor 3.
  ::unlink(socket_path.c_str());
  const int listener = ::socket(AF_UNIX, SOCK_STREAM, 0);
  if (listener < 0) return Fail(ErrorCode::kIo, "socket(AF_UNIX) failed");
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket_path.c_str(), sizeof address.sun_path - 1);
  if (::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener, 64) != 0) {
    ::close(listener);
    return Fail(ErrorCode::kIo, "cannot listen on " + socket_path);
  }
  ::chmod(socket_path.c_str(), 0666);

  // Everything the child needs is made before fork: after it, only
  // async-signal-safe calls.
  const std::string log_path = dir_ + "/pcscd.log";
  std::vector<std::string> args = {pcscd, "-f", "-c", config_dir};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_strings;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (std::strncmp(*entry, "LISTEN_", 7) != 0) env_strings.emplace_back(*entry);
  }
  env_strings.emplace_back("LISTEN_FDS=1");
  char listen_pid[32] = "LISTEN_PID=";
  std::vector<char*> envp;
  for (auto& entry : env_strings) envp.push_back(entry.data());
  envp.push_back(listen_pid);
  envp.push_back(nullptr);

  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(listener);
    return Fail(ErrorCode::kIo, "fork failed");
  }
  if (pid == 0) {
    // A test that crashes must not leave its pcscd behind.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(1);
    // LISTEN_PID=<our pid>, written by hand (no allocation here).
    char digits[16];
    int count = 0;
    for (pid_t value = ::getpid(); value > 0; value /= 10)
      digits[count++] = static_cast<char>('0' + value % 10);
    char* out = listen_pid + 11;
    while (count > 0) *out++ = digits[--count];
    *out = '\0';
    const int log = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (log >= 0) {
      ::dup2(log, STDOUT_FILENO);
      ::dup2(log, STDERR_FILENO);
    }
    ::dup2(listener, 3);  // dup2 clears close-on-exec on 3.
    for (int fd = 4; fd < 1024; ++fd) ::close(fd);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  // Our copy must go: with it open, a dead pcscd's socket would still
  // accept connections and clients would wait instead of failing.
  ::close(listener);
  pid_ = pid;
  return {};
}

void PrivatePcscd::Stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = -1;
  ::unlink(SocketPath().c_str());
}

std::string PrivatePcscd::Log() const {
  std::ifstream in(dir_ + "/pcscd.log");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace kiosk::testing
