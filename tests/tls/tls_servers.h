#pragma once

// Real TLS servers for the client tests, each a child process stopped when
// its object goes out of scope, so a failing test leaves none behind.
// nginx answers submissions for real (mutual TLS with ssl_verify_client
// on); openssl s_server refuses a missing client certificate during the
// handshake, which nginx never does (it completes the handshake and
// answers HTTP 400 instead).

#include <sys/types.h>

#include <string>
#include <thread>
#include <vector>

#include "tests/tls/test_pki.h"

namespace kiosk::testing {

// A port nobody listens on right now, outside the ephemeral range.
int FreePort();

class ServerProcess {
 public:
  // Starts `args` (args[0] a full path) with output to `log_file`, and
  // waits until 127.0.0.1:`port` accepts connections; throws otherwise.
  ServerProcess(std::vector<std::string> args, int port, const std::string& log_file);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

 private:
  pid_t pid_ = -1;
};

struct NginxSite {
  std::string dir;  // Holds nginx.conf, its logs and temp files.
  int port = 0;
  CertAndKey server_certificate;
  std::string client_ca;  // The CA whose client certificates are accepted.
};

// The access log nginx writes for `site`: one line per request it served.
std::string NginxAccessLog(const NginxSite& site);
// Whether `needle` appears in the access log within a few seconds: nginx
// writes a request's line after it sent the answer, so a client that just
// got its answer may look before the line is there.
bool NginxLogged(const NginxSite& site, const std::string& needle);

// nginx serving `site`: POST /v1/regions/<r>/submissions answers 201 with
// {"tracking_number":"T-<nginx connection serial>"}, so two answers with
// the same number came over one reused connection.
class NginxServer {
 public:
  explicit NginxServer(const NginxSite& site);

 private:
  static std::vector<std::string> Prepare(const NginxSite& site);
  ServerProcess process_;
};

// nginx serving the files under `root` over plain HTTP on `port`, as a
// configuration repository is served (static files, ETag and
// If-None-Match as nginx answers them). `dir` holds its config and logs.
class NginxStaticServer {
 public:
  NginxStaticServer(const std::string& dir, int port, const std::string& root);

 private:
  static std::vector<std::string> Prepare(const std::string& dir, int port,
                                          const std::string& root);
  ServerProcess process_;
};

// openssl s_server demanding a client certificate from `client_ca`.
class OpensslServer {
 public:
  OpensslServer(const std::string& dir, int port, const CertAndKey& server_certificate,
                const std::string& client_ca);

 private:
  ServerProcess process_;
};

// A port that accepts TCP connections (the kernel's backlog) and never
// says a word: the client's transfer times out.
class SilentListener {
 public:
  SilentListener();
  ~SilentListener();
  SilentListener(const SilentListener&) = delete;
  SilentListener& operator=(const SilentListener&) = delete;
  int Port() const { return port_; }
  int Fd() const;

 private:
  int fd_ = -1;
  int port_ = 0;
};

// Accepts one connection and resets it (RST, not FIN) at once.
class ResettingListener {
 public:
  ResettingListener();
  ~ResettingListener();
  ResettingListener(const ResettingListener&) = delete;
  ResettingListener& operator=(const ResettingListener&) = delete;
  int Port() const { return listener_.Port(); }

 private:
  SilentListener listener_;
  std::thread thread_;
};

}  // namespace kiosk::testing
