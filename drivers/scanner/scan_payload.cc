#include "drivers/scanner/scan_payload.h"

#include <fmt/format.h>

#include <optional>

#include "common/secure_wipe.h"
#include "drivers/scanner/credit_code_check.h"

namespace kiosk::devices {
namespace {

std::unexpected<Error> Refuse(const char* reason, std::string detail) {
  return std::unexpected<Error>(Error(ErrorCode::kInvalidData, std::move(detail), reason));
}

// Characters that are refused even though they are valid UTF-8: C0 and C1
// controls, DEL, and the bidirectional embeddings, overrides and isolates
// (U+202A-U+202E, U+2066-U+2069) that make text display in another order
// than it is stored.
bool IsRefusedCharacter(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) ||
         (c >= 0x2066 && c <= 0x2069);
}

// Strict UTF-8 (no overlong forms, surrogates or values above U+10FFFF),
// with the refused characters; the detail names the byte offset only.
Result<void> CheckText(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t c = 0;
    char32_t minimum = 0;
    if (lead < 0x80) {
      length = 1;
      c = lead;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      c = lead & 0x1F;
      minimum = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      c = lead & 0x0F;
      minimum = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      c = lead & 0x07;
      minimum = 0x10000;
    } else {
      return Refuse(scan_reason::kInvalidUtf8,
                    fmt::format("byte {} (0x{:02X}) cannot start a UTF-8 character", i, lead));
    }
    if (i + length > text.size()) {
      return Refuse(scan_reason::kInvalidUtf8,
                    fmt::format("the UTF-8 character at byte {} is cut short", i));
    }
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) {
        return Refuse(
            scan_reason::kInvalidUtf8,
            fmt::format("byte {} (0x{:02X}) is not a UTF-8 continuation byte", i + k, next));
      }
      c = (c << 6) | (next & 0x3F);
    }
    if (c < minimum || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
      return Refuse(scan_reason::kInvalidUtf8,
                    fmt::format("the UTF-8 sequence at byte {} is overlong, a surrogate or "
                                "beyond U+10FFFF",
                                i));
    }
    if (IsRefusedCharacter(c)) {
      return Refuse(
          scan_reason::kControlCharacter,
          fmt::format("control character U+{:04X} at byte {}", static_cast<unsigned>(c), i));
    }
    i += length;
  }
  return {};
}

bool IsBase64UrlCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// A phone code is "<ISSUER><version digits>:<token>". nullopt when `text`
// does not have that shape (then it is not a phone code at all); a refusal
// when it does but the version or the token is wrong.
std::optional<Result<ScanPayload>> ParsePhoneCode(std::string_view text, std::string_view issuer,
                                                  PayloadKind kind, const char* name) {
  if (!text.starts_with(issuer)) return std::nullopt;
  std::size_t colon = issuer.size();
  while (colon < text.size() && IsDigit(text[colon])) ++colon;
  if (colon == issuer.size() || colon >= text.size() || text[colon] != ':') return std::nullopt;
  const std::string_view version = text.substr(issuer.size(), colon - issuer.size());
  if (version != kPhoneCodeVersion) {
    return Refuse(scan_reason::kUnsupportedVersion,
                  fmt::format("{} code of version {}; this kiosk reads version {}", name,
                              version.substr(0, 8), kPhoneCodeVersion));
  }
  const std::string_view token = text.substr(colon + 1);
  if (token.size() < kMinTokenLength || token.size() > kMaxTokenLength) {
    return Refuse(scan_reason::kBadToken,
                  fmt::format("{} token of {} characters; {} to {} expected", name, token.size(),
                              kMinTokenLength, kMaxTokenLength));
  }
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (!IsBase64UrlCharacter(token[i])) {
      return Refuse(
          scan_reason::kBadToken,
          fmt::format("{} token character {} is not base64url (A-Z a-z 0-9 - _)", name, i + 1));
    }
  }
  ScanPayload payload;
  payload.kind = kind;
  payload.text = std::string(text);
  payload.token = std::string(token);
  return payload;
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool StartsWithNoCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(text[i]) != prefix[i]) return false;
  }
  return true;
}

// Whether `host` (lower case, no port) is a name under gov.cn: the
// provinces' 政务服务网 portals all are, and a licence code pointing
// anywhere else is not a licence code.
bool IsGovernmentHost(std::string_view host) {
  constexpr std::string_view kSuffix = ".gov.cn";
  if (host.size() <= kSuffix.size() || !host.ends_with(kSuffix)) return false;
  for (char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || IsDigit(c) || c == '-' || c == '.';
    if (!ok) return false;
  }
  return host.find("..") == std::string_view::npos && host.front() != '.';
}

// A 一码通行 licence code: http(s)://<host under gov.cn>[:port]/...?...uscc=<code>...
// nullopt when `text` is not such an address (then it is plain text).
std::optional<Result<ScanPayload>> ParseLicenceCode(std::string_view text) {
  std::size_t authority_start = 0;
  if (StartsWithNoCase(text, "https://")) {
    authority_start = 8;
  } else if (StartsWithNoCase(text, "http://")) {
    authority_start = 7;
  } else {
    return std::nullopt;
  }
  const std::size_t authority_end = text.find_first_of("/?#", authority_start);
  std::string_view authority = text.substr(authority_start, authority_end == std::string_view::npos
                                                                ? std::string_view::npos
                                                                : authority_end - authority_start);
  // "https://www.gdzwfw.gov.cn@elsewhere/..." names the host after the '@'.
  if (authority.find('@') != std::string_view::npos) return std::nullopt;
  if (const std::size_t colon = authority.find(':'); colon != std::string_view::npos) {
    const std::string_view port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5) return std::nullopt;
    for (char c : port) {
      if (!IsDigit(c)) return std::nullopt;
    }
    authority = authority.substr(0, colon);
  }
  std::string host;
  for (char c : authority) host.push_back(AsciiLower(c));
  if (!IsGovernmentHost(host) || authority_end == std::string_view::npos) return std::nullopt;

  const std::size_t query_start = text.find('?', authority_end);
  if (query_start == std::string_view::npos) return std::nullopt;
  std::string_view query = text.substr(query_start + 1);
  query = query.substr(0, query.find('#'));
  std::optional<std::string_view> uscc;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    const std::size_t equals = pair.find('=');
    if (pair.substr(0, equals) != "uscc") continue;
    if (uscc) {
      return Refuse(scan_reason::kBadCreditCode,
                    "the licence code names a credit code (uscc) more than once");
    }
    uscc = equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
  }
  if (!uscc) return std::nullopt;

  std::string code;
  for (char c : *uscc)
    code.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c);
  if (code.size() != 18) {
    return Refuse(
        scan_reason::kBadCreditCode,
        fmt::format("the licence code's credit code has {} characters, not 18", code.size()));
  }
  if (!IsValidCreditCode(code)) {
    return Refuse(scan_reason::kBadCreditCode,
                  "the licence code's credit code fails its GB 32100 check character (or uses "
                  "characters outside 0-9 A-Y without I O S V Z, or a non-digit region)");
  }
  ScanPayload payload;
  payload.kind = PayloadKind::kBusinessLicense;
  payload.text = std::string(text);
  payload.credit_code = std::move(code);
  return payload;
}

}  // namespace

const char* ToString(PayloadKind kind) {
  switch (kind) {
    case PayloadKind::kElectronicSocialSecurityCard: return "e_social_security_qr";
    case PayloadKind::kMedicalInsuranceCode: return "medical_insurance_qr";
    case PayloadKind::kBusinessLicense: return "business_license_qr";
    case PayloadKind::kText: return "text";
  }
  return "text";
}

std::string ScanPayload::Redacted() const {
  if (token.empty()) return text;
  const std::size_t prefix = text.size() - token.size();
  return fmt::format("{}{}…({} characters)", text.substr(0, prefix), token.substr(0, 6),
                     token.size());
}

void ScanPayload::Wipe() {
  SecureWipe(text);
  SecureWipe(token);
  SecureWipe(credit_code);
}

Result<ScanPayload> ClassifyScanPayload(std::string_view bytes) {
  // Some QR generators put a UTF-8 byte order mark before the text.
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  if (bytes.starts_with(kByteOrderMark)) bytes.remove_prefix(kByteOrderMark.size());
  if (bytes.empty()) return Refuse(scan_reason::kEmpty, "the code holds no data");
  if (bytes.size() > kMaxScanPayloadBytes) {
    return Refuse(scan_reason::kTooLong, fmt::format("the code holds {} bytes, at most {} accepted",
                                                     bytes.size(), kMaxScanPayloadBytes));
  }
  if (auto checked = CheckText(bytes); !checked) return std::unexpected(checked.error());

  if (auto essc = ParsePhoneCode(bytes, kElectronicSscPrefix,
                                 PayloadKind::kElectronicSocialSecurityCard, "电子社保卡")) {
    return std::move(*essc);
  }
  if (auto nhsa = ParsePhoneCode(bytes, kMedicalInsurancePrefix, PayloadKind::kMedicalInsuranceCode,
                                 "医保电子凭证")) {
    return std::move(*nhsa);
  }
  if (auto licence = ParseLicenceCode(bytes)) return std::move(*licence);

  ScanPayload payload;
  payload.kind = PayloadKind::kText;
  payload.text = std::string(bytes);
  return payload;
}

}  // namespace kiosk::devices
