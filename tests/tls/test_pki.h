#pragma once

// A throwaway PKI made with the openssl command line for one test: the
// kiosk's CA with good, expired and wrongly named server certificates and a
// client certificate, and an unrelated CA with a server certificate of its
// own. P-256 keys keep generation fast.

#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace kiosk::testing {

struct CertAndKey {
  std::string cert;
  std::string key;
};

class TestPki {
 public:
  // Generates everything; throws if openssl fails (the test cannot run).
  TestPki();

  const std::string& Dir() const { return dir_string_; }

  std::string ca;         // The kiosk's trusted CA (PEM certificate).
  std::string other_ca;   // A CA the kiosk does not know.
  CertAndKey server;      // For 127.0.0.1 and localhost, signed by `ca`.
  CertAndKey expired;     // Same names, signed by `ca`, no longer valid.
  CertAndKey wrong_host;  // Signed by `ca`, for wrong.example only.
  CertAndKey foreign;     // For 127.0.0.1, signed by `other_ca`.
  CertAndKey client;      // The kiosk's client certificate, signed by `ca`.

  // curl's pin of `server`'s public key: "sha256//<base64>".
  std::string ServerPin() const;

 private:
  void Openssl(std::vector<std::string> args) const;
  std::string MakeCa(const std::string& name, const std::string& subject);
  CertAndKey MakeLeaf(const std::string& name, const std::string& subject,
                      const std::string& ca_name, const std::string& extensions, int days);

  TempDir dir_{"kiosk-tls-pki"};
  std::string dir_string_ = dir_.Path().string();
  int serial_ = 1;
};

}  // namespace kiosk::testing
