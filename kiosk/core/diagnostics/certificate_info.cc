#include "kiosk/core/diagnostics/certificate_info.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstdio>
#include <ctime>
#include <memory>
#include <set>
#include <system_error>

#include "common/log.h"

namespace kiosk {
namespace {

constexpr const char* kLog = "diagnostics";

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
struct X509Free {
  void operator()(X509* certificate) const { X509_free(certificate); }
};
struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};

std::string OpensslErrorText() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "no further detail";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

std::string NameText(const X509_NAME* name) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0) return "";
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

Result<std::int64_t> UnixTime(const ASN1_TIME* time, const std::string& path, const char* which) {
  std::tm parts{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &parts) != 1) {
    return Fail(
        ErrorCode::kInvalidData,
        std::string("the ") + which + " time of the certificate in " + path + " does not parse");
  }
  return static_cast<std::int64_t>(::timegm(&parts));
}

// Whole days rounded towards the past: one second after expiry is day -1.
int DaysLeft(std::int64_t not_after, std::int64_t now) {
  const std::int64_t seconds = not_after - now;
  std::int64_t days = seconds / 86400;
  if (seconds % 86400 != 0 && seconds < 0) --days;
  return static_cast<int>(days);
}

Result<CertificateInfo> Describe(const X509& certificate, const std::string& path,
                                 std::int64_t now_unix) {
  CertificateInfo info;
  info.path = path;
  info.subject = NameText(X509_get_subject_name(&certificate));
  info.issuer = NameText(X509_get_issuer_name(&certificate));
  auto not_before = UnixTime(X509_get0_notBefore(&certificate), path, "notBefore");
  if (!not_before) return std::unexpected(not_before.error());
  auto not_after = UnixTime(X509_get0_notAfter(&certificate), path, "notAfter");
  if (!not_after) return std::unexpected(not_after.error());
  info.not_before_unix = *not_before;
  info.not_after_unix = *not_after;
  info.days_left = DaysLeft(*not_after, now_unix);
  return info;
}

Result<std::unique_ptr<std::FILE, FileCloser>> OpenPem(const std::string& path) {
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "re"));
  if (!file) {
    const int error = errno;
    const std::string detail = "cannot open the certificate " + path + ": " +
                               std::error_code(error, std::generic_category()).message();
    log::Warning(kLog, "{}", detail);
    return Fail(error == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo, detail);
  }
  return file;
}

}  // namespace

Result<std::vector<CertificateInfo>> ReadCertificates(const std::string& pem_path,
                                                      std::int64_t now_unix) {
  auto file = OpenPem(pem_path);
  if (!file) return std::unexpected(file.error());
  ERR_clear_error();
  std::vector<CertificateInfo> certificates;
  while (true) {
    std::unique_ptr<X509, X509Free> certificate(
        PEM_read_X509(file->get(), nullptr, nullptr, nullptr));
    if (!certificate) break;
    auto info = Describe(*certificate, pem_path, now_unix);
    if (!info) {
      log::Warning(kLog, "{}", info.error().detail);
      return std::unexpected(info.error());
    }
    certificates.push_back(std::move(*info));
  }
  // The loop ends at the end of the file (a "no start line" error) or at
  // bytes that are not a certificate: only the first case is success.
  const unsigned long last = ERR_peek_last_error();
  const bool clean_end =
      ERR_GET_LIB(last) == ERR_LIB_PEM && ERR_GET_REASON(last) == PEM_R_NO_START_LINE;
  if (certificates.empty() || (last != 0 && !clean_end)) {
    const std::string detail =
        certificates.empty() ? "no PEM certificate in " + pem_path + ": " + OpensslErrorText()
                             : "a damaged PEM certificate in " + pem_path + " after certificate " +
                                   std::to_string(certificates.size()) + ": " + OpensslErrorText();
    log::Warning(kLog, "{}", detail);
    return Fail(ErrorCode::kInvalidData, detail);
  }
  ERR_clear_error();
  return certificates;
}

Result<CertificateInfo> ReadCertificate(const std::string& pem_path, std::int64_t now_unix) {
  auto file = OpenPem(pem_path);
  if (!file) return std::unexpected(file.error());
  ERR_clear_error();
  std::unique_ptr<X509, X509Free> certificate(
      PEM_read_X509(file->get(), nullptr, nullptr, nullptr));
  if (!certificate) {
    const std::string detail = "no PEM certificate in " + pem_path + ": " + OpensslErrorText();
    log::Warning(kLog, "{}", detail);
    return Fail(ErrorCode::kInvalidData, detail);
  }
  auto info = Describe(*certificate, pem_path, now_unix);
  if (!info) log::Warning(kLog, "{}", info.error().detail);
  return info;
}

Result<std::vector<CertificateInfo>> KioskCertificates(const KioskConfig& config,
                                                       std::int64_t now_unix) {
  std::vector<CertificateInfo> all;
  if (!config.tls) return all;
  std::set<std::string> seen;
  for (const std::string& path : {config.tls->ca_file, config.tls->client_certificate}) {
    if (path.empty() || !seen.insert(path).second) continue;
    auto read = ReadCertificates(path, now_unix);
    if (!read) return std::unexpected(read.error());
    all.insert(all.end(), read->begin(), read->end());
  }
  return all;
}

}  // namespace kiosk
