#pragma once

// The commands of the SAM protocol and what an answer's SW3 means
// (shared/docs/DEVICES.md, after GA 467). Every SW3 maps to a precise
// Error: a code the kiosk acts on, a detail for maintenance staff naming
// the command and the byte, and a stable `reason` the UI words for the
// citizen ("no_card", "read_failed", ...).

#include <cstdint>
#include <string>

#include "common/error.h"
#include "drivers/id_card/sam_frame.h"

namespace kiosk::devices::sam {

// CMD << 8 | PARA.
enum class Command : std::uint16_t {
  kResetSam = 0x10FF,
  kSamStatus = 0x11FF,
  kSamId = 0x12FF,
  kFindCard = 0x2001,
  kSelectCard = 0x2002,
  kReadTextAndPhoto = 0x3001,
  kReadAppendedAddress = 0x3003,
};

// SW3 values. The first group is the one DEVICES.md lists; the second are
// further codes of the same standard that readers are known to send.
namespace sw3 {
inline constexpr std::uint8_t kOk = 0x90;
inline constexpr std::uint8_t kCardFound = 0x9F;
inline constexpr std::uint8_t kChecksumError = 0x10;
inline constexpr std::uint8_t kLengthError = 0x11;
inline constexpr std::uint8_t kBadCommand = 0x21;
inline constexpr std::uint8_t kCardRejectedSam = 0x31;  // The card did not accept the SAM.
inline constexpr std::uint8_t kSamRejectedCard = 0x32;  // The SAM did not accept the card.
inline constexpr std::uint8_t kVerificationFailed = 0x33;
inline constexpr std::uint8_t kWrongCard = 0x40;
inline constexpr std::uint8_t kReadFailed = 0x41;
inline constexpr std::uint8_t kNoCard = 0x80;
inline constexpr std::uint8_t kSelectFailed = 0x81;

inline constexpr std::uint8_t kNoContent =
    0x91;  // E.g. 30 03 on a card without an appended address.
inline constexpr std::uint8_t kNotPermitted = 0x23;
inline constexpr std::uint8_t kUnrecognisedError = 0x24;
inline constexpr std::uint8_t kInformationLengthError = 0x3F;
inline constexpr std::uint8_t kRandomNumberFailed = 0x47;
inline constexpr std::uint8_t kSamSelfTestFailed = 0x60;
inline constexpr std::uint8_t kSamNotAuthorised = 0x66;
}  // namespace sw3

Request MakeRequest(Command command);

// "find card (20 01)".
const char* CommandName(Command command);

// "no card found"; "unknown status" for a code the standard does not have.
const char* StatusMeaning(std::uint8_t status);

// The stable reason code of a failing SW3, e.g. "no_card".
const char* StatusReason(std::uint8_t status);

// Whether `status` is the success answer of `command`: 9F for find card,
// 90 for the rest (and 91, "no content", for the appended address).
bool IsSuccess(Command command, std::uint8_t status);

// The error for a failing SW3: kDeviceNotReady for what the citizen can
// put right (no card, wrong card, card moved: 40 41 80 81), kIo for a
// frame the reader received corrupted (10 11), kDevice for the rest
// (authentication failures 31 32 33, unsupported command, SAM faults).
Error StatusError(Command command, std::uint8_t status);

// The errors of a read that the reader's answers imply, shared by every
// backend so the kiosk words them the same way: no card on `reader` after
// waiting `waited_ms` (kDeviceNotReady, "no_card"); the card taken away
// during `command`, which answered `status` (kDeviceNotReady,
// "card_removed").
Error NoCardError(const std::string& reader, long long waited_ms);
Error CardRemovedError(Command command, std::uint8_t status);

}  // namespace kiosk::devices::sam
