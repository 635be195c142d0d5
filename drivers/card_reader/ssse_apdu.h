#pragma once

// The APDUs that read a 社会保障卡 (shared/docs/DEVICES.md) and what the
// card's status words mean. Every status word maps to a precise Error: a
// code the kiosk acts on, a detail naming the command and the word for
// maintenance staff, and a stable `reason` the UI and kioskctl word for
// the citizen ("wrong_card", "record_not_found", ...).

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/error.h"

namespace kiosk::devices::ssse {

using Bytes = std::vector<std::uint8_t>;

// What a command does, so an answer's status word can be read in context
// (6A82 to SELECT SSSE means "not a 社保卡"; to SELECT EF05 a broken card).
enum class Step { kSelectApplication, kSelectFile, kReadRecord, kGetResponse };

struct Command {
  Step step = Step::kSelectApplication;
  Bytes apdu;
  // The file (0x05, 0x06) a SELECT names, or the tag a READ RECORD reads.
  std::uint8_t target = 0;

  // "SELECT SSSE", "SELECT EF05", "READ RECORD 09 (P2 04)", "GET RESPONSE".
  std::string Describe() const;
};

// 00 A4 04 00 0F "sx1.sh.社会保障" (GBK).
Command SelectApplication();
// 00 A4 02 00 02 EF <file>.
Command SelectFile(std::uint8_t file);
// 00 B2 <tag> <p2> <le>: the answer is tag, length, value.
Command ReadRecord(std::uint8_t tag, std::uint8_t p2, std::uint8_t le);
// 00 C0 00 00 <le>: the rest of an answer a 61xx announced.
Command GetResponse(std::uint8_t le);
// The same command with its last byte (Le) replaced, as 6Cxx asks.
Command WithLe(const Command& command, std::uint8_t le);

struct Response {
  Bytes data;
  std::uint16_t sw = 0;
};

// Splits a response APDU into data and SW1 SW2; kInvalidData
// ("short_response") for fewer than two bytes.
Result<Response> SplitResponse(std::span<const std::uint8_t> response);

namespace sw {
inline constexpr std::uint16_t kOk = 0x9000;
inline constexpr std::uint16_t kFileDeactivated = 0x6283;
inline constexpr std::uint16_t kMemoryFailure = 0x6581;
inline constexpr std::uint16_t kWrongLength = 0x6700;
inline constexpr std::uint16_t kSecurityNotSatisfied = 0x6982;
inline constexpr std::uint16_t kAuthenticationBlocked = 0x6983;
inline constexpr std::uint16_t kConditionsNotSatisfied = 0x6985;
inline constexpr std::uint16_t kFunctionNotSupported = 0x6A81;
inline constexpr std::uint16_t kFileNotFound = 0x6A82;
inline constexpr std::uint16_t kRecordNotFound = 0x6A83;
inline constexpr std::uint16_t kIncorrectP1P2 = 0x6A86;
inline constexpr std::uint16_t kWrongP1P2 = 0x6B00;
inline constexpr std::uint16_t kInsNotSupported = 0x6D00;
inline constexpr std::uint16_t kClaNotSupported = 0x6E00;
inline constexpr std::uint16_t kNoDiagnosis = 0x6F00;
}  // namespace sw

// SW1 61: SW2 more bytes wait for GET RESPONSE.
inline bool IsMoreData(std::uint16_t status) { return (status >> 8) == 0x61; }
// SW1 6C: wrong Le, SW2 is the right one.
inline bool IsWrongLe(std::uint16_t status) { return (status >> 8) == 0x6C; }
// The answers of a card that wants READ RECORD with P2 = 04 when asked
// with P2 = 00 (DEVICES.md: "some cards want P2 = 04").
bool WantsOtherP2(std::uint16_t status);

// "file not found"; "unknown status word" for one not listed.
const char* StatusWordMeaning(std::uint16_t status);

// The stable reason of a failing status word in `step`, e.g. "wrong_card"
// for 6A82 to SELECT SSSE, "file_not_found" for it elsewhere.
const char* StatusWordReason(Step step, std::uint16_t status);

// kDeviceNotReady for what the citizen can put right (a card that is not
// a 社保卡), kDevice for the rest, with StatusWordReason as the reason.
Error StatusWordError(const Command& command, std::uint16_t status);

// Zeroes the bytes (a way the optimizer may not remove), then empties
// them: answers carry personal data.
void Wipe(Bytes& bytes);

}  // namespace kiosk::devices::ssse
