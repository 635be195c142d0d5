#include "drivers/id_card/sam_status.h"

#include <fmt/format.h>

namespace kiosk::devices::sam {

Request MakeRequest(Command command) {
  const auto value = static_cast<std::uint16_t>(command);
  return Request{
      static_cast<std::uint8_t>(value >> 8), static_cast<std::uint8_t>(value & 0xFF), {}};
}

const char* CommandName(Command command) {
  switch (command) {
    case Command::kResetSam: return "reset SAM (10 FF)";
    case Command::kSamStatus: return "SAM status (11 FF)";
    case Command::kSamId: return "SAM id (12 FF)";
    case Command::kFindCard: return "find card (20 01)";
    case Command::kSelectCard: return "select card (20 02)";
    case Command::kReadTextAndPhoto: return "read text and photo (30 01)";
    case Command::kReadAppendedAddress: return "read appended address (30 03)";
  }
  return "unknown command";
}

const char* StatusMeaning(std::uint8_t status) {
  switch (status) {
    case sw3::kOk: return "ok";
    case sw3::kCardFound: return "card found";
    case sw3::kNoContent: return "the card holds nothing for this item";
    case sw3::kChecksumError: return "the reader received a frame with a bad checksum";
    case sw3::kLengthError: return "the reader received a frame with a bad length";
    case sw3::kBadCommand: return "the reader does not accept this command";
    case sw3::kNotPermitted: return "operation not permitted";
    case sw3::kUnrecognisedError: return "unrecognised error";
    case sw3::kCardRejectedSam: return "the card failed to authenticate the SAM";
    case sw3::kSamRejectedCard: return "the SAM failed to authenticate the card";
    case sw3::kVerificationFailed: return "the card's data failed verification";
    case sw3::kInformationLengthError: return "the card's data has a wrong length";
    case sw3::kWrongCard: return "not a resident ID card";
    case sw3::kReadFailed: return "reading the card failed";
    case sw3::kRandomNumberFailed: return "the card gave no random number";
    case sw3::kSamSelfTestFailed: return "the SAM failed its self-test";
    case sw3::kSamNotAuthorised: return "the SAM is not authorised";
    case sw3::kNoCard: return "no card found";
    case sw3::kSelectFailed: return "selecting the card failed";
    default: return "unknown status";
  }
}

const char* StatusReason(std::uint8_t status) {
  switch (status) {
    case sw3::kOk:
    case sw3::kCardFound: return "ok";
    case sw3::kNoContent: return "no_content";
    case sw3::kChecksumError: return "checksum_error";
    case sw3::kLengthError: return "length_error";
    case sw3::kBadCommand: return "bad_command";
    case sw3::kNotPermitted: return "not_permitted";
    case sw3::kUnrecognisedError: return "reader_error";
    case sw3::kCardRejectedSam: return "card_rejected_sam";
    case sw3::kSamRejectedCard: return "sam_rejected_card";
    case sw3::kVerificationFailed: return "verification_failed";
    case sw3::kInformationLengthError: return "card_data_length_error";
    case sw3::kWrongCard: return "wrong_card";
    case sw3::kReadFailed: return "read_failed";
    case sw3::kRandomNumberFailed: return "card_random_failed";
    case sw3::kSamSelfTestFailed: return "sam_self_test_failed";
    case sw3::kSamNotAuthorised: return "sam_not_authorised";
    case sw3::kNoCard: return "no_card";
    case sw3::kSelectFailed: return "select_failed";
    default: return "unknown_status";
  }
}

bool IsSuccess(Command command, std::uint8_t status) {
  switch (command) {
    case Command::kFindCard: return status == sw3::kCardFound;
    case Command::kReadAppendedAddress: return status == sw3::kOk || status == sw3::kNoContent;
    default: return status == sw3::kOk;
  }
}

Error StatusError(Command command, std::uint8_t status) {
  ErrorCode code = ErrorCode::kDevice;
  switch (status) {
    case sw3::kWrongCard:
    case sw3::kReadFailed:
    case sw3::kNoCard:
    case sw3::kSelectFailed: code = ErrorCode::kDeviceNotReady; break;
    case sw3::kChecksumError:
    case sw3::kLengthError: code = ErrorCode::kIo; break;
    default: break;
  }
  return Error(code,
               fmt::format("{} answered SW3 {:02X}: {}", CommandName(command), status,
                           StatusMeaning(status)),
               StatusReason(status));
}

Error NoCardError(const std::string& reader, long long waited_ms) {
  return Error(ErrorCode::kDeviceNotReady,
               fmt::format("no ID card on the reader ({}) after {} ms", reader, waited_ms),
               "no_card");
}

Error CardRemovedError(Command command, std::uint8_t status) {
  return Error(ErrorCode::kDeviceNotReady,
               fmt::format("the card was taken away during {} (SW3 {:02X}: {})",
                           CommandName(command), status, StatusMeaning(status)),
               "card_removed");
}

}  // namespace kiosk::devices::sam
