#pragma once

// What a scanned code means to the kiosk. Every scan, whichever backend
// read it, goes through ClassifyScanPayload before anything acts on it:
// the bytes come from a citizen's phone or paper and are untrusted.
//
// Recognised kinds:
//  - 电子社保卡 (electronic social security card) QR code, shown by the
//    citizen's phone app;
//  - 医保电子凭证 (medical insurance electronic voucher) QR code, likewise;
//  - 一码通行 business licence code: a government service portal address
//    whose `uscc` parameter is the 统一社会信用代码, e.g.
//    https://www.gdzwfw.gov.cn/ymtx/yyzz?uscc=91440300557193620Y&v=1;
//  - anything else that is acceptable text.
//
// ASSUMPTION (no public specification of either phone code exists; change
// the constants below when the issuers' documents arrive): both phone codes
// are opaque, short-lived tokens that only the central service can resolve
// to a person. The kiosk recognises them by a fixed prefix naming the
// issuer and a format version — "ESSC1:" (人社部 电子社保卡) and "NHSA1:"
// (国家医保局 医保电子凭证) — followed by 32 to 1024 base64url characters
// (A-Z a-z 0-9 - _, no padding). It never decodes a token; it forwards it
// unchanged and never logs more than its first characters.
//
// Refused, each with its own Error::reason for the UI text: an empty code,
// one over kMaxScanPayloadBytes, invalid UTF-8, control characters (C0,
// DEL, C1) and the bidirectional overrides that can make text display
// other than it reads, a phone code whose token is malformed or of an
// unknown version, and a licence code whose credit code fails GB 32100.
// Error details never contain the payload itself.

#include <cstddef>
#include <string>
#include <string_view>

#include "common/error.h"

namespace kiosk::devices {

inline constexpr std::size_t kMaxScanPayloadBytes = 2048;

inline constexpr std::string_view kElectronicSscPrefix = "ESSC";
inline constexpr std::string_view kMedicalInsurancePrefix = "NHSA";
inline constexpr std::string_view kPhoneCodeVersion = "1";
inline constexpr std::size_t kMinTokenLength = 32;
inline constexpr std::size_t kMaxTokenLength = 1024;

// Error::reason values of a refused payload.
namespace scan_reason {
inline constexpr const char* kEmpty = "empty";
inline constexpr const char* kTooLong = "too_long";
inline constexpr const char* kInvalidUtf8 = "invalid_utf8";
inline constexpr const char* kControlCharacter = "control_character";
inline constexpr const char* kBadToken = "bad_token";
inline constexpr const char* kUnsupportedVersion = "unsupported_version";
inline constexpr const char* kBadCreditCode = "bad_credit_code";
// Set by the backends, not the classifier: the scanner's bytes did not
// arrive whole (a key with no character, events dropped by the kernel).
inline constexpr const char* kIncompleteScan = "incomplete_scan";
}  // namespace scan_reason

enum class PayloadKind {
  kElectronicSocialSecurityCard,
  kMedicalInsuranceCode,
  kBusinessLicense,
  kText
};

// The identification method names of the catalog ("e_social_security_qr",
// "medical_insurance_qr", "business_license_qr"), or "text".
const char* ToString(PayloadKind kind);

struct ScanPayload {
  PayloadKind kind = PayloadKind::kText;
  std::string text;         // The whole payload: valid UTF-8, no controls.
  std::string token;        // The opaque token of a phone code.
  std::string credit_code;  // The 统一社会信用代码 of a licence code.

  // Safe to log and to show maintenance staff: a phone code's token cut to
  // its first 6 characters and its length, everything else as it is.
  std::string Redacted() const;

  // A phone code's token identifies a person for a few minutes: overwrite
  // it when the session ends.
  void Wipe();
};

Result<ScanPayload> ClassifyScanPayload(std::string_view bytes);

}  // namespace kiosk::devices
