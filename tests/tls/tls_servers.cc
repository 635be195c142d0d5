#include "tests/tls/tls_servers.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace kiosk::testing {
namespace {

sockaddr_in Loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

bool Accepts(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return false;
  sockaddr_in address = Loopback(port);
  const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return connected;
}

}  // namespace

int FreePort() {
  // Below the kernel's ephemeral range (32768-60999 on Debian): a port taken
  // from that range can become the local end of another test's outgoing
  // connection before nginx binds it, and the server then fails to start.
  constexpr int kFirst = 20000;
  constexpr int kCount = 12000;
  std::random_device seed;
  std::mt19937 random(seed());
  for (int attempt = 0; attempt < 200; ++attempt) {
    const int port = kFirst + static_cast<int>(random() % kCount);
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) throw std::runtime_error("socket failed");
    sockaddr_in address = Loopback(port);
    const bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    if (bound) return port;
  }
  throw std::runtime_error("cannot find a free port");
}

ServerProcess::ServerProcess(std::vector<std::string> args, int port, const std::string& log_file) {
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    const int log = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    const int null = ::open("/dev/null", O_RDONLY);
    if (log >= 0) {
      ::dup2(log, STDOUT_FILENO);
      ::dup2(log, STDERR_FILENO);
    }
    // s_server reads commands from its standard input: give it none.
    if (null >= 0) ::dup2(null, STDIN_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!Accepts(port)) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error(args[0] + " exited at start; see " + log_file);
    }
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error(args[0] + " did not listen on port " + std::to_string(port));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  int status = 0;
  while (::waitpid(pid_, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// One process (no master, no workers) in the foreground, every path in
// `dir` (nothing touches /var), SIGTERM stops it; opens the http block.
static std::string NginxPreamble(const std::string& dir) {
  std::ostringstream conf;
  conf << "master_process off;\ndaemon off;\npid " << dir << "/nginx.pid;\n"
       << "error_log " << dir << "/error.log info;\n"
       << "events { worker_connections 64; }\n"
       << "http {\n"
       << "  access_log " << dir << "/access.log;\n"
       << "  client_body_temp_path " << dir << "/body;\n  proxy_temp_path " << dir << "/proxy;\n"
       << "  fastcgi_temp_path " << dir << "/fastcgi;\n  uwsgi_temp_path " << dir << "/uwsgi;\n"
       << "  scgi_temp_path " << dir << "/scgi;\n";
  return conf.str();
}

std::string NginxAccessLog(const NginxSite& site) {
  std::ifstream in(site.dir + "/access.log");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool NginxLogged(const NginxSite& site, const std::string& needle) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (NginxAccessLog(site).find(needle) == std::string::npos) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

std::vector<std::string> NginxServer::Prepare(const NginxSite& site) {
  std::filesystem::create_directories(site.dir);
  const std::string& d = site.dir;
  std::ofstream(d + "/nginx.conf")
      << NginxPreamble(d) << "  server {\n"
      << "    listen 127.0.0.1:" << site.port << " ssl;\n"
      << "    ssl_certificate " << site.server_certificate.cert << ";\n"
      << "    ssl_certificate_key " << site.server_certificate.key << ";\n"
      << "    ssl_client_certificate " << site.client_ca << ";\n"
      << "    ssl_verify_client on;\n"
      << "    location ~ ^/v1/regions/[0-9]+/submissions$ {\n"
      << "      default_type application/json;\n"
      << "      return 201 '{\"tracking_number\":\"T-$connection\"}';\n"
      << "    }\n"
      << "  }\n"
      << "}\n";
  return {"/usr/sbin/nginx", "-p", d, "-c", d + "/nginx.conf", "-e", d + "/error.log"};
}

NginxServer::NginxServer(const NginxSite& site)
    : process_(Prepare(site), site.port, site.dir + "/nginx.out") {}

std::vector<std::string> NginxStaticServer::Prepare(const std::string& dir, int port,
                                                    const std::string& root) {
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/nginx.conf")
      << NginxPreamble(dir) << "  default_type application/octet-stream;\n"
      << "  server {\n"
      << "    listen 127.0.0.1:" << port << ";\n"
      << "    root " << root << ";\n"
      << "  }\n"
      << "}\n";
  return {"/usr/sbin/nginx", "-p", dir, "-c", dir + "/nginx.conf", "-e", dir + "/error.log"};
}

NginxStaticServer::NginxStaticServer(const std::string& dir, int port, const std::string& root)
    : process_(Prepare(dir, port, root), port, dir + "/nginx.out") {}

OpensslServer::OpensslServer(const std::string& dir, int port, const CertAndKey& server_certificate,
                             const std::string& client_ca)
    : process_(
          {"/usr/bin/openssl", "s_server", "-quiet", "-accept", "127.0.0.1:" + std::to_string(port),
           "-cert", server_certificate.cert, "-key", server_certificate.key, "-CAfile", client_ca,
           "-Verify", "1", "-verify_return_error", "-www"},
          port, dir + "/s_server.log") {}

SilentListener::SilentListener() {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address = Loopback(0);
  socklen_t length = sizeof address;
  if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(fd_, 4) != 0 ||
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd_ >= 0) ::close(fd_);
    throw std::runtime_error("cannot listen on a free port");
  }
  port_ = ntohs(address.sin_port);
}

SilentListener::~SilentListener() {
  // shutdown() wakes a thread blocked in accept() on this socket.
  ::shutdown(fd_, SHUT_RDWR);
  ::close(fd_);
}

int SilentListener::Fd() const { return fd_; }

ResettingListener::ResettingListener() {
  thread_ = std::thread([fd = listener_.Fd()] {
    const int connection = ::accept(fd, nullptr, nullptr);
    if (connection < 0) return;
    // Linger on with a zero timeout: close() sends RST.
    linger reset{1, 0};
    ::setsockopt(connection, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    ::close(connection);
  });
}

ResettingListener::~ResettingListener() {
  ::shutdown(listener_.Fd(), SHUT_RDWR);
  thread_.join();
}

}  // namespace kiosk::testing
