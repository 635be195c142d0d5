#include "tests/tls/test_pki.h"

#include <fstream>
#include <stdexcept>

#include "tests/support/run_program.h"

namespace kiosk::testing {
namespace {

// Extensions per kind of certificate; our own file, so the system's
// openssl.cnf cannot change what the tests get.
constexpr const char* kConfig = R"([req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
[server]
basicConstraints = CA:FALSE
subjectAltName = IP:127.0.0.1,DNS:localhost
extendedKeyUsage = serverAuth
[wrong_host]
basicConstraints = CA:FALSE
subjectAltName = DNS:wrong.example
extendedKeyUsage = serverAuth
[client]
basicConstraints = CA:FALSE
extendedKeyUsage = clientAuth
)";

constexpr const char* kNewKey = "ec";
constexpr const char* kCurve = "ec_paramgen_curve:P-256";

}  // namespace

void TestPki::Openssl(std::vector<std::string> args) const {
  args.insert(args.begin(), "/usr/bin/openssl");
  const std::string command = [&] {
    std::string joined;
    for (const auto& arg : args) joined += arg + " ";
    return joined;
  }();
  const ProgramOutcome outcome = RunProgram(std::move(args), std::chrono::seconds(30));
  if (outcome.status != 0) {
    throw std::runtime_error(command + "failed: " + outcome.err);
  }
}

std::string TestPki::MakeCa(const std::string& name, const std::string& subject) {
  const std::string base = dir_string_ + "/" + name;
  Openssl({"req", "-x509", "-newkey", kNewKey, "-pkeyopt", kCurve, "-nodes", "-keyout",
           base + ".key", "-out", base + ".crt", "-days", "3650", "-subj", subject, "-config",
           dir_string_ + "/pki.cnf", "-extensions", "ca"});
  return base + ".crt";
}

CertAndKey TestPki::MakeLeaf(const std::string& name, const std::string& subject,
                             const std::string& ca_name, const std::string& extensions, int days) {
  const std::string base = dir_string_ + "/" + name;
  const std::string ca_base = dir_string_ + "/" + ca_name;
  Openssl({"req", "-new", "-newkey", kNewKey, "-pkeyopt", kCurve, "-nodes", "-keyout",
           base + ".key", "-out", base + ".csr", "-subj", subject, "-config",
           dir_string_ + "/pki.cnf"});
  // OpenSSL 3.0's x509 has no -not_after, but it accepts a negative -days:
  // notAfter then lies before notBefore (= now), so the certificate is
  // already expired, which is what the expired-certificate test needs.
  Openssl({"x509", "-req", "-in", base + ".csr", "-CA", ca_base + ".crt", "-CAkey",
           ca_base + ".key", "-set_serial", std::to_string(serial_++), "-days",
           std::to_string(days), "-extfile", dir_string_ + "/pki.cnf", "-extensions", extensions,
           "-out", base + ".crt"});
  return CertAndKey{base + ".crt", base + ".key"};
}

TestPki::TestPki() {
  std::ofstream(dir_string_ + "/pki.cnf") << kConfig;
  ca = MakeCa("ca", "/CN=Kiosk Test Regional CA");
  other_ca = MakeCa("other_ca", "/CN=Unrelated CA");
  server = MakeLeaf("server", "/CN=localhost", "ca", "server", 30);
  expired = MakeLeaf("expired", "/CN=localhost", "ca", "server", -1);
  wrong_host = MakeLeaf("wrong_host", "/CN=wrong.example", "ca", "wrong_host", 30);
  foreign = MakeLeaf("foreign", "/CN=localhost", "other_ca", "server", 30);
  client = MakeLeaf("client", "/CN=ZS-24H-HALL1-T03", "ca", "client", 30);
}

std::string TestPki::ServerPin() const {
  // sha256 of the DER SubjectPublicKeyInfo, base64: curl's pin format.
  const std::string der = dir_string_ + "/server_pub.der";
  Openssl({"pkey", "-in", server.key, "-pubout", "-outform", "DER", "-out", der});
  const std::string digest = dir_string_ + "/server_pub.sha256";
  Openssl({"dgst", "-sha256", "-binary", "-out", digest, der});
  const std::string encoded = dir_string_ + "/server_pub.b64";
  Openssl({"base64", "-A", "-in", digest, "-out", encoded});
  std::ifstream in(encoded);
  std::string base64;
  std::getline(in, base64);
  return "sha256//" + base64;
}

}  // namespace kiosk::testing
