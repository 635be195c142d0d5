// Certificate expiry from PEM files made by the openssl command line (the
// TLS tests' throwaway PKI): subject, issuer, dates, days left — negative
// for an expired one — and precise errors for missing or damaged files.

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "kiosk/core/diagnostics/certificate_info.h"
#include "tests/support/temp_dir.h"
#include "tests/tls/test_pki.h"

namespace kiosk {
namespace {

constexpr std::int64_t kDay = 86400;

const testing::TestPki& Pki() {
  static const testing::TestPki pki;
  return pki;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("a client certificate's names, dates and days left", "[diagnostics][certificates]") {
  auto info = ReadCertificate(Pki().client.cert, 0);
  REQUIRE(info);
  CHECK(info->path == Pki().client.cert);
  CHECK(info->subject == "CN=ZS-24H-HALL1-T03");
  CHECK(info->issuer == "CN=Kiosk Test Regional CA");
  // Made with -days 30.
  CHECK(info->not_after_unix - info->not_before_unix == 30 * kDay);
  auto ten_days_before = ReadCertificate(Pki().client.cert, info->not_after_unix - 10 * kDay);
  REQUIRE(ten_days_before);
  CHECK(ten_days_before->days_left == 10);
  auto last_day = ReadCertificate(Pki().client.cert, info->not_after_unix - 3600);
  REQUIRE(last_day);
  CHECK(last_day->days_left == 0);
  auto now = ReadCertificate(Pki().client.cert, std::time(nullptr));
  REQUIRE(now);
  CHECK(now->days_left > 0);
  CHECK(now->days_left <= 30);
}

TEST_CASE("an expired certificate has negative days left", "[diagnostics][certificates]") {
  auto at_issue = ReadCertificate(Pki().expired.cert, 0);
  REQUIRE(at_issue);
  // Made with -days -1: notAfter a day before notBefore.
  CHECK(at_issue->not_before_unix - at_issue->not_after_unix == kDay);
  auto then = ReadCertificate(Pki().expired.cert, at_issue->not_before_unix);
  REQUIRE(then);
  CHECK(then->days_left == -1);
  auto one_second_late = ReadCertificate(Pki().expired.cert, at_issue->not_after_unix + 1);
  REQUIRE(one_second_late);
  CHECK(one_second_late->days_left == -1);
  auto now = ReadCertificate(Pki().expired.cert, std::time(nullptr));
  REQUIRE(now);
  CHECK(now->days_left < 0);
}

TEST_CASE("a PEM file with a chain gives every certificate", "[diagnostics][certificates]") {
  testing::TempDir dir("kiosk-certs");
  const std::string chain = dir.File("chain.pem");
  std::ofstream(chain) << ReadAll(Pki().ca) << ReadAll(Pki().other_ca);
  auto all = ReadCertificates(chain, 0);
  REQUIRE(all);
  REQUIRE(all->size() == 2);
  CHECK((*all)[0].subject == "CN=Kiosk Test Regional CA");
  CHECK((*all)[1].subject == "CN=Unrelated CA");
  auto first = ReadCertificate(chain, 0);
  REQUIRE(first);
  CHECK(first->subject == "CN=Kiosk Test Regional CA");
}

TEST_CASE("missing, garbage and damaged files are precise errors", "[diagnostics][certificates]") {
  testing::TempDir dir("kiosk-certs");
  auto missing = ReadCertificate(dir.File("absent.pem"), 0);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ErrorCode::kNotFound);
  CHECK(missing.error().detail.find(dir.File("absent.pem")) != std::string::npos);

  const std::string garbage = dir.File("garbage.pem");
  std::ofstream(garbage) << "this is not a certificate\n";
  auto not_pem = ReadCertificate(garbage, 0);
  REQUIRE_FALSE(not_pem);
  CHECK(not_pem.error().code == ErrorCode::kInvalidData);
  CHECK(not_pem.error().detail.starts_with("no PEM certificate in " + garbage));
  auto none = ReadCertificates(garbage, 0);
  REQUIRE_FALSE(none);
  CHECK(none.error().code == ErrorCode::kInvalidData);

  // A good certificate followed by a broken one: the file is damaged.
  const std::string damaged = dir.File("damaged.pem");
  std::ofstream(damaged) << ReadAll(Pki().ca)
                         << "-----BEGIN CERTIFICATE-----\nnot*base64*at*all\n"
                            "-----END CERTIFICATE-----\n";
  auto broken = ReadCertificates(damaged, 0);
  REQUIRE_FALSE(broken);
  CHECK(broken.error().code == ErrorCode::kInvalidData);
  CHECK(broken.error().detail.starts_with("a damaged PEM certificate in " + damaged +
                                          " after certificate 1"));
}

TEST_CASE("the kiosk's certificates come from its TLS settings", "[diagnostics][certificates]") {
  KioskConfig config;
  auto without_tls = KioskCertificates(config, 0);
  REQUIRE(without_tls);
  CHECK(without_tls->empty());

  config.tls = TlsConfig{Pki().ca, Pki().client.cert, Pki().client.key, ""};
  auto certificates = KioskCertificates(config, std::time(nullptr));
  REQUIRE(certificates);
  REQUIRE(certificates->size() == 2);
  CHECK((*certificates)[0].path == Pki().ca);
  CHECK((*certificates)[0].subject == "CN=Kiosk Test Regional CA");
  CHECK((*certificates)[1].path == Pki().client.cert);
  CHECK((*certificates)[1].subject == "CN=ZS-24H-HALL1-T03");

  config.tls->client_certificate = Pki().Dir() + "/no-such.pem";
  auto failed = KioskCertificates(config, 0);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().code == ErrorCode::kNotFound);
  CHECK(failed.error().detail.find("no-such.pem") != std::string::npos);
}

}  // namespace kiosk
