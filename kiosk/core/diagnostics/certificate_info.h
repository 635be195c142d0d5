#pragma once

// What admin mode shows about the TLS certificates the kiosk uses (issue
// 9, "Sync: … TLS certificate expiry dates"): whose they are, who issued
// them and how many days they have left, so a certificate is renewed
// before the kiosk stops reaching the central services.

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.h"
#include "kiosk/core/config/kiosk_config.h"

namespace kiosk {

struct CertificateInfo {
  std::string path;
  std::string subject;  // RFC 2253, e.g. "CN=ZS-24H-HALL1-T03,O=…".
  std::string issuer;
  std::int64_t not_before_unix = 0, not_after_unix = 0;
  // Whole days from `now` to notAfter, rounded down: 0 on the last day,
  // negative once expired.
  int days_left = 0;
};

// The first certificate in a PEM file. kNotFound when the file is missing,
// kIo when it cannot be read, kInvalidData when it holds no PEM certificate.
Result<CertificateInfo> ReadCertificate(const std::string& pem_path, std::int64_t now_unix);
// Every certificate in a PEM file (a CA file may hold a chain), in order.
Result<std::vector<CertificateInfo>> ReadCertificates(const std::string& pem_path,
                                                      std::int64_t now_unix);

// The certificates the configuration's TLS settings name: the CA file(s)
// and the kiosk's client certificate. Regions and headquarters share the
// one "network.tls" today, so each file is read once. Empty without TLS.
// Fails on the first file that cannot be read, naming it.
Result<std::vector<CertificateInfo>> KioskCertificates(const KioskConfig& config,
                                                       std::int64_t now_unix);

}  // namespace kiosk
