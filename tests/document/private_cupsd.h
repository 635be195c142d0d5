#pragma once

// A private CUPS server for one test: its own configuration, spool, cache,
// state and temporary directories under a fresh temporary directory, a
// local socket instead of port 631, and queues written straight into its
// printers.conf (no lpadmin, no authentication). cupsd runs in the
// foreground as our child and dies with the test (PR_SET_PDEATHSIG); the
// destructor stops it. Needs root (cupsd runs backends such as cups-pdf as
// root and filters as lp), /usr/sbin/cupsd and the cups-pdf backend.

#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

#include "tests/support/temp_dir.h"

namespace kiosk::testing {

class PrivateCupsd {
 public:
  // Why this machine cannot run a private cupsd with cups-pdf, or "".
  static std::string Unavailable() {
    if (::geteuid() != 0) return "not root";
    if (!std::filesystem::exists("/usr/sbin/cupsd")) return "no /usr/sbin/cupsd (Debian: cups)";
    if (!std::filesystem::exists("/usr/lib/cups/backend/cups-pdf")) {
      return "no cups-pdf backend (Debian: printer-driver-cups-pdf)";
    }
    return "";
  }

  PrivateCupsd() : dir_("kiosk-cupsd") {
    namespace fs = std::filesystem;
    // Filters run as lp: they must reach the spool and write the temp dir.
    fs::permissions(dir_.Path(), fs::perms(0755));
    for (const char* sub : {"etc", "etc/ppd", "spool", "cache", "state", "log"}) {
      fs::create_directories(dir_ / sub);
      fs::permissions(dir_ / sub, fs::perms(0755));
    }
    fs::create_directories(dir_ / "tmp");
    fs::permissions(dir_ / "tmp", fs::perms(01777));
    socket_ = dir_.File("cups.sock");
    std::ofstream(dir_ / "cupsd.conf") << "Listen " << socket_ << "\n"
                                       << "LogLevel debug\n"
                                       << "ErrorPolicy abort-job\n"
                                       << "Browsing No\n"
                                       << "WebInterface No\n"
                                       << "<Location />\n  Order allow,deny\n  Allow all\n"
                                       << "</Location>\n";
    std::ofstream(dir_ / "cups-files.conf")
        << "ServerRoot " << dir_.File("etc") << "\n"
        << "RequestRoot " << dir_.File("spool") << "\n"
        << "CacheDir " << dir_.File("cache") << "\n"
        << "StateDir " << dir_.File("state") << "\n"
        << "TempDir " << dir_.File("tmp") << "\n"
        << "ErrorLog " << dir_.File("log/error_log") << "\n"
        << "AccessLog " << dir_.File("log/access_log") << "\n"
        << "PageLog " << dir_.File("log/page_log") << "\n";
  }

  ~PrivateCupsd() { Stop(); }
  PrivateCupsd(const PrivateCupsd&) = delete;
  PrivateCupsd& operator=(const PrivateCupsd&) = delete;

  // A queue on the cups-pdf backend with Debian's cups-pdf PPD; with
  // `failing_filter`, a PPD whose filter always fails (the job stops).
  void AddCupsPdfQueue(const std::string& name, bool failing_filter = false) {
    AddQueue(name, "cups-pdf:/", failing_filter);
  }

  // A queue with the cups-pdf PPD on another backend, e.g. a socket://
  // printer that never answers, so jobs stay processing.
  void AddQueue(const std::string& name, const std::string& device_uri,
                bool failing_filter = false) {
    std::ifstream ppd_in("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd");
    std::stringstream ppd;
    ppd << ppd_in.rdbuf();
    std::string text = ppd.str();
    if (failing_filter) {
      text += "\n*cupsFilter: \"application/pdf 0 /bin/false\"\n";
    }
    std::ofstream(dir_ / "etc/ppd" / (name + ".ppd")) << text;
    printers_ << "<Printer " << name << ">\nInfo kiosk test " << name
              << "\nDeviceURI " << device_uri << "\nState Idle\nAccepting Yes\n</Printer>\n";
  }

  // Starts cupsd with the queues added so far and waits for its socket.
  void Start() {
    std::ofstream(dir_ / "etc/printers.conf") << printers_.str();
    const std::string conf = dir_.File("cupsd.conf");
    const std::string files = dir_.File("cups-files.conf");
    const pid_t parent = ::getpid();
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (::getppid() != parent) ::_exit(1);
      const std::string log = dir_.File("log/stdout");
      std::freopen(log.c_str(), "w", stdout);
      std::freopen(log.c_str(), "a", stderr);
      ::execl("/usr/sbin/cupsd", "cupsd", "-f", "-c", conf.c_str(), "-s", files.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      if (Accepts()) return;
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("cupsd exited at start: " + Log());
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw std::runtime_error("cupsd did not open " + socket_ + ": " + Log());
  }

  void Stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  const std::string& Socket() const { return socket_; }

  // cupsd's error_log (and what it printed), for a failing test's message.
  std::string Log() const {
    std::stringstream text;
    for (const char* name : {"log/stdout", "log/error_log"}) {
      std::ifstream in(dir_ / name);
      text << in.rdbuf();
    }
    std::string all = text.str();
    return all.size() > 6000 ? all.substr(all.size() - 6000) : all;
  }

 private:
  bool Accepts() const {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    socket_.copy(address.sun_path, sizeof address.sun_path - 1);
    const bool connected =
        ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return connected;
  }

  TempDir dir_;
  std::string socket_;
  std::stringstream printers_;
  pid_t pid_ = -1;
};

}  // namespace kiosk::testing
