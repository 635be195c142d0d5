// libFuzzer target: the scanner's payload classifier, which sees every
// byte a citizen's code carries. Besides not crashing, it checks what the
// classifier promises: a payload it accepts is valid UTF-8 within the
// length limit, a licence code's credit code passes GB 32100, a phone
// code's token is part of its text, and a refusal never quotes the input.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "drivers/scanner/credit_code_check.h"
#include "drivers/scanner/scan_payload.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  auto result = kiosk::devices::ClassifyScanPayload(input);
  if (result) {
    if (result->text.empty() || result->text.size() > kiosk::devices::kMaxScanPayloadBytes) {
      std::abort();
    }
    switch (result->kind) {
      case kiosk::devices::PayloadKind::kBusinessLicense:
        if (!kiosk::devices::IsValidCreditCode(result->credit_code)) std::abort();
        break;
      case kiosk::devices::PayloadKind::kElectronicSocialSecurityCard:
      case kiosk::devices::PayloadKind::kMedicalInsuranceCode:
        if (!result->text.ends_with(result->token) || result->token.empty()) std::abort();
        if (result->Redacted().find(result->token) != std::string::npos) std::abort();
        break;
      case kiosk::devices::PayloadKind::kText: break;
    }
    result->Wipe();
  } else {
    // Error details name offsets and lengths, never the payload: a long
    // enough input must not appear in them.
    if (size >= 12 && result.error().detail.find(input) != std::string::npos) std::abort();
    if (result.error().reason.empty()) std::abort();
  }
  return 0;
}
