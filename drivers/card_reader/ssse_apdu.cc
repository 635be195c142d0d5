#include "drivers/card_reader/ssse_apdu.h"

#include <fmt/format.h>

namespace kiosk::devices::ssse {

std::string Command::Describe() const {
  switch (step) {
    case Step::kSelectApplication: return "SELECT SSSE";
    case Step::kSelectFile: return fmt::format("SELECT EF{:02X}", target);
    case Step::kReadRecord:
      return fmt::format("READ RECORD {:02X} (P2 {:02X})", target, apdu.size() > 3 ? apdu[3] : 0);
    case Step::kGetResponse: return "GET RESPONSE";
  }
  return "unknown command";
}

Command SelectApplication() {
  // "sx1.sh." then 社会保障 in GBK.
  Command command{Step::kSelectApplication,
                  {0x00, 0xA4, 0x04, 0x00, 0x0F, 0x73, 0x78, 0x31, 0x2E, 0x73,
                   0x68, 0x2E, 0xC9, 0xE7, 0xBB, 0xE1, 0xB1, 0xA3, 0xD5, 0xCF},
                  0};
  return command;
}

Command SelectFile(std::uint8_t file) {
  return Command{Step::kSelectFile, {0x00, 0xA4, 0x02, 0x00, 0x02, 0xEF, file}, file};
}

Command ReadRecord(std::uint8_t tag, std::uint8_t p2, std::uint8_t le) {
  return Command{Step::kReadRecord, {0x00, 0xB2, tag, p2, le}, tag};
}

Command GetResponse(std::uint8_t le) {
  return Command{Step::kGetResponse, {0x00, 0xC0, 0x00, 0x00, le}, 0};
}

Command WithLe(const Command& command, std::uint8_t le) {
  Command resent = command;
  // Our case 2 commands (READ RECORD, GET RESPONSE) end with Le; a case 3
  // SELECT gains one.
  if (resent.step == Step::kReadRecord || resent.step == Step::kGetResponse) {
    resent.apdu.back() = le;
  } else {
    resent.apdu.push_back(le);
  }
  return resent;
}

Result<Response> SplitResponse(std::span<const std::uint8_t> response) {
  if (response.size() < 2) {
    return std::unexpected(Error(ErrorCode::kInvalidData,
                                 fmt::format("the card answered {} byte(s), fewer than a status "
                                             "word",
                                             response.size()),
                                 "short_response"));
  }
  Response split;
  split.data.assign(response.begin(), response.end() - 2);
  split.sw = static_cast<std::uint16_t>(response[response.size() - 2] << 8 | response.back());
  return split;
}

bool WantsOtherP2(std::uint16_t status) {
  return status == sw::kRecordNotFound || status == sw::kIncorrectP1P2 || status == sw::kWrongP1P2;
}

const char* StatusWordMeaning(std::uint16_t status) {
  if (IsMoreData(status)) return "more data waits for GET RESPONSE";
  if (IsWrongLe(status)) return "wrong Le, the card says which is right";
  switch (status) {
    case sw::kOk: return "ok";
    case sw::kFileDeactivated: return "the selected file is deactivated";
    case sw::kMemoryFailure: return "memory failure";
    case sw::kWrongLength: return "wrong length";
    case sw::kSecurityNotSatisfied: return "security status not satisfied";
    case sw::kAuthenticationBlocked: return "authentication method blocked";
    case sw::kConditionsNotSatisfied: return "conditions of use not satisfied";
    case sw::kFunctionNotSupported: return "function not supported";
    case sw::kFileNotFound: return "file not found";
    case sw::kRecordNotFound: return "record not found";
    case sw::kIncorrectP1P2: return "incorrect P1 P2";
    case sw::kWrongP1P2: return "wrong P1 P2";
    case sw::kInsNotSupported: return "instruction not supported";
    case sw::kClaNotSupported: return "class not supported";
    case sw::kNoDiagnosis: return "error without precise diagnosis";
    default: return "unknown status word";
  }
}

const char* StatusWordReason(Step step, std::uint16_t status) {
  if (IsMoreData(status) || IsWrongLe(status)) return "protocol_error";
  switch (status) {
    case sw::kOk: return "ok";
    case sw::kFileNotFound:
      // No SSSE application: a bank card, a transport card, an ID card.
      return step == Step::kSelectApplication ? "wrong_card" : "file_not_found";
    case sw::kRecordNotFound: return "record_not_found";
    case sw::kSecurityNotSatisfied: return "security_status_not_satisfied";
    case sw::kAuthenticationBlocked: return "authentication_blocked";
    case sw::kConditionsNotSatisfied: return "conditions_not_satisfied";
    case sw::kInsNotSupported:
    case sw::kClaNotSupported:
    case sw::kFunctionNotSupported: return "not_supported";
    case sw::kFileDeactivated: return "card_blocked";
    case sw::kWrongLength:
    case sw::kIncorrectP1P2:
    case sw::kWrongP1P2: return "bad_parameters";
    case sw::kMemoryFailure: return "card_memory_failure";
    default: return "card_error";
  }
}

Error StatusWordError(const Command& command, std::uint16_t status) {
  const std::string reason = StatusWordReason(command.step, status);
  const ErrorCode code = reason == "wrong_card" ? ErrorCode::kDeviceNotReady : ErrorCode::kDevice;
  return Error(
      code,
      fmt::format("{} answered {:04X}: {}", command.Describe(), status, StatusWordMeaning(status)),
      reason);
}

void Wipe(Bytes& bytes) {
  volatile std::uint8_t* data = bytes.data();
  for (std::size_t i = 0; i < bytes.size(); ++i) data[i] = 0;
  bytes.clear();
}

}  // namespace kiosk::devices::ssse
