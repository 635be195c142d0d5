#include "drivers/scanner/scan_payload.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "drivers/scanner/credit_code_check.h"

namespace kiosk::devices {
namespace {

const std::string kToken = "q8Zr3VxN0m5T-bH7yKdL2wQ9sJc_EuA4gFiR6tPoXnB1lDz8vMhYeWkS0aCjU";

Error Refusal(std::string_view bytes) {
  auto result = ClassifyScanPayload(bytes);
  REQUIRE_FALSE(result.has_value());
  CHECK(result.error().code == ErrorCode::kInvalidData);
  return result.error();
}

TEST_CASE("an 电子社保卡 code is recognised by its prefix and keeps its token opaque") {
  auto payload = ClassifyScanPayload("ESSC1:" + kToken);
  REQUIRE(payload.has_value());
  CHECK(payload->kind == PayloadKind::kElectronicSocialSecurityCard);
  CHECK(payload->token == kToken);
  CHECK(payload->text == "ESSC1:" + kToken);
  CHECK(payload->credit_code.empty());
  CHECK(std::string(ToString(payload->kind)) == "e_social_security_qr");
  // The log and kioskctl see six characters of the token and its length.
  CHECK(payload->Redacted() == "ESSC1:q8Zr3V…(61 characters)");
}

TEST_CASE("a 医保电子凭证 code is recognised by its prefix") {
  auto payload = ClassifyScanPayload("NHSA1:" + kToken);
  REQUIRE(payload.has_value());
  CHECK(payload->kind == PayloadKind::kMedicalInsuranceCode);
  CHECK(payload->token == kToken);
  CHECK(std::string(ToString(payload->kind)) == "medical_insurance_qr");
  CHECK(payload->Redacted().find(kToken) == std::string::npos);
}

TEST_CASE("a phone code with a malformed token or an unknown version is refused") {
  CHECK(Refusal("ESSC1:" + kToken.substr(0, 31)).reason == scan_reason::kBadToken);
  CHECK(Refusal("ESSC1:" + std::string(1025, 'A')).reason == scan_reason::kBadToken);
  CHECK(Refusal("NHSA1:" + kToken + "=").reason == scan_reason::kBadToken);
  CHECK(Refusal("NHSA1:" + kToken.substr(0, 20) + "+" + kToken.substr(21)).reason ==
        scan_reason::kBadToken);
  const Error version = Refusal("ESSC2:" + kToken);
  CHECK(version.reason == scan_reason::kUnsupportedVersion);
  CHECK(version.detail.find(kToken.substr(0, 8)) == std::string::npos);
  // Exactly 32 and 1024 characters are fine.
  CHECK(ClassifyScanPayload("ESSC1:" + std::string(32, 'x')).has_value());
  CHECK(ClassifyScanPayload("ESSC1:" + std::string(1024, '-')).has_value());
}

TEST_CASE("text that merely starts like a phone code is text") {
  for (const char* text : {"ESSCAPE plan", "ESSC:abc", "NHSA1 is an agency", "essc1:"}) {
    auto payload = ClassifyScanPayload(text);
    REQUIRE(payload.has_value());
    CHECK(payload->kind == PayloadKind::kText);
  }
}

TEST_CASE("every 一码通行 licence of the simulator's file is a licence code with its credit code") {
  std::ifstream in(std::string(KIOSK_CONFIG_DIR) + "/sim/business_licenses.json");
  REQUIRE(in);
  const auto document = nlohmann::json::parse(in);
  REQUIRE(document["businesses"].size() >= 4);
  for (const auto& business : document["businesses"]) {
    const std::string url = business["qr_payload"];
    INFO(url);
    auto payload = ClassifyScanPayload(url);
    REQUIRE(payload.has_value());
    CHECK(payload->kind == PayloadKind::kBusinessLicense);
    CHECK(payload->credit_code == business["credit_code"].get<std::string>());
    CHECK(payload->text == url);
    CHECK(payload->Redacted() == url);  // Nothing personal: shown whole.
    CHECK(std::string(ToString(payload->kind)) == "business_license_qr");
  }
}

TEST_CASE("licence codes: port parameter order fragment and lower case are accepted") {
  for (const char* url : {"https://www.gdzwfw.gov.cn/ymtx/yyzz?v=1&uscc=91440300557193620Y",
                          "HTTPS://WWW.GDZWFW.GOV.CN:443/ymtx/yyzz?uscc=91440300557193620Y#top",
                          "http://zwfw.sz.gov.cn/license?uscc=91440300557193620y"}) {
    INFO(url);
    auto payload = ClassifyScanPayload(url);
    REQUIRE(payload.has_value());
    CHECK(payload->kind == PayloadKind::kBusinessLicense);
    CHECK(payload->credit_code == "91440300557193620Y");
  }
}

TEST_CASE("a licence code whose credit code fails GB 32100 is refused") {
  // The check character of 9144030055719362 0 is Y; every other is wrong.
  const Error wrong_check =
      Refusal("https://www.gdzwfw.gov.cn/ymtx/yyzz?uscc=91440300557193620X&v=1");
  CHECK(wrong_check.reason == scan_reason::kBadCreditCode);
  CHECK(wrong_check.detail.find("check character") != std::string::npos);
  CHECK(Refusal("https://www.gdzwfw.gov.cn/ymtx/yyzz?uscc=91440300557193620&v=1").reason ==
        scan_reason::kBadCreditCode);
  CHECK(Refusal("https://www.gdzwfw.gov.cn/ymtx/yyzz?uscc=9144O300557193620Y").reason ==
        scan_reason::kBadCreditCode);
  CHECK(
      Refusal("https://www.gdzwfw.gov.cn/ymtx/yyzz?uscc=91440300557193620Y&uscc=91440300557193620Y")
          .reason == scan_reason::kBadCreditCode);
  CHECK(Refusal("https://www.gdzwfw.gov.cn/ymtx/yyzz?uscc=").reason == scan_reason::kBadCreditCode);
}

TEST_CASE("an address outside gov.cn or one that hides its host is not a licence code") {
  for (const char* url : {"https://www.gdzwfw.gov.cn.example.com/ymtx?uscc=91440300557193620Y",
                          "https://www.gdzwfw.gov.cn@evil.example/ymtx?uscc=91440300557193620Y",
                          "https://gov.cn/?uscc=91440300557193620Y",
                          "ftp://www.gdzwfw.gov.cn/?uscc=91440300557193620Y",
                          "https://www.gdzwfw.gov.cn/ymtx/yyzz?v=1"}) {
    INFO(url);
    auto payload = ClassifyScanPayload(url);
    REQUIRE(payload.has_value());
    CHECK(payload->kind == PayloadKind::kText);
    CHECK(payload->credit_code.empty());
  }
}

TEST_CASE("plain text Chinese included is text") {
  auto payload = ClassifyScanPayload("社保卡挂失 https://example.com/a?b=c");
  REQUIRE(payload.has_value());
  CHECK(payload->kind == PayloadKind::kText);
  CHECK(payload->text == "社保卡挂失 https://example.com/a?b=c");
  // A leading byte order mark is dropped.
  auto marked = ClassifyScanPayload(
      "\xEF\xBB\xBF"
      "ESSC1:" +
      kToken);
  REQUIRE(marked.has_value());
  CHECK(marked->kind == PayloadKind::kElectronicSocialSecurityCard);
}

TEST_CASE("empty and too long payloads are refused") {
  CHECK(Refusal("").reason == scan_reason::kEmpty);
  CHECK(Refusal("\xEF\xBB\xBF").reason == scan_reason::kEmpty);
  CHECK(ClassifyScanPayload(std::string(kMaxScanPayloadBytes, 'a')).has_value());
  const Error long_one = Refusal(std::string(kMaxScanPayloadBytes + 1, 'a'));
  CHECK(long_one.reason == scan_reason::kTooLong);
  CHECK(long_one.detail == "the code holds 2049 bytes, at most 2048 accepted");
}

TEST_CASE("control characters and bidirectional overrides are refused naming only the offset") {
  const Error newline = Refusal("secret-name\nmore");
  CHECK(newline.reason == scan_reason::kControlCharacter);
  CHECK(newline.detail == "control character U+000A at byte 11");
  CHECK(Refusal(std::string("a\0b", 3)).reason == scan_reason::kControlCharacter);
  CHECK(Refusal("tab\there").reason == scan_reason::kControlCharacter);
  CHECK(Refusal("del\x7F").reason == scan_reason::kControlCharacter);
  CHECK(Refusal("c1 \xC2\x85").reason == scan_reason::kControlCharacter);  // U+0085
  CHECK(Refusal("bidi \xE2\x80\xAE"
                "gnp.exe")
            .reason == scan_reason::kControlCharacter);                             // U+202E
  CHECK(Refusal("isolate \xE2\x81\xA6").reason == scan_reason::kControlCharacter);  // U+2066
  // A control character inside a phone code is refused as such too.
  CHECK(Refusal("ESSC1:" + kToken + "\r").reason == scan_reason::kControlCharacter);
}

TEST_CASE("invalid UTF-8 is refused with the offset") {
  CHECK(Refusal("ab\xFF").detail == "byte 2 (0xFF) cannot start a UTF-8 character");
  CHECK(Refusal("\xC0\xAF").reason == scan_reason::kInvalidUtf8);          // Overlong '/'.
  CHECK(Refusal("\xE0\x80\xAF").reason == scan_reason::kInvalidUtf8);      // Overlong.
  CHECK(Refusal("\xED\xA0\x80").reason == scan_reason::kInvalidUtf8);      // Surrogate.
  CHECK(Refusal("\xF4\x90\x80\x80").reason == scan_reason::kInvalidUtf8);  // Above U+10FFFF.
  CHECK(Refusal("\xE7\xA4").detail == "the UTF-8 character at byte 0 is cut short");
  CHECK(Refusal("\xE7\x41\xBE").reason == scan_reason::kInvalidUtf8);
  // GBK bytes of 社保 are not UTF-8.
  CHECK(Refusal("\xC9\xE7\xB1\xA3").reason == scan_reason::kInvalidUtf8);
}

TEST_CASE("GB 32100 check characters") {
  CHECK(CreditCodeCheckCharacter("91440300557193620") == 'Y');
  CHECK(CreditCodeCheckCharacter("91440300MA5FUY831") == 'L');
  CHECK(CreditCodeCheckCharacter("91442000686370259") == 'U');
  CHECK(CreditCodeCheckCharacter("91442000MAF2K7N35") == '2');
  CHECK(CreditCodeCheckCharacter("9144030055719362") == '\0');
  CHECK(CreditCodeCheckCharacter("9144030055719362I") == '\0');  // I is never used.
  CHECK(IsValidCreditCode("91440300557193620Y"));
  CHECK_FALSE(IsValidCreditCode("91440300557193620Z"));
  CHECK_FALSE(IsValidCreditCode("914A0300557193620Y"));  // Region must be digits.
  CHECK_FALSE(IsValidCreditCode("91440300557193620y"));  // Upper case only here.
}

TEST_CASE("Wipe empties every field") {
  auto payload = ClassifyScanPayload("ESSC1:" + kToken);
  REQUIRE(payload.has_value());
  payload->Wipe();
  CHECK(payload->text.empty());
  CHECK(payload->token.empty());
}

}  // namespace
}  // namespace kiosk::devices
