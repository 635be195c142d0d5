#pragma once

// Operator PINs as they are kept in operators.json: never the PIN, only a
// PBKDF2-HMAC-SHA256 key derived from it with a random salt. The iteration
// count is stored beside the hash, so headquarters can raise it for new
// PINs while old ones still verify.

#include <string>
#include <string_view>

#include "common/error.h"

namespace kiosk::admin {

inline constexpr int kDefaultPinIterations = 200000;

struct PinHash {
  std::string salt_hex;  // 16 random bytes, lowercase hex.
  int iterations = 0;
  std::string hash_hex;  // The 32-byte derived key, lowercase hex.
};

// A fresh salt from RAND_bytes and the derived key. Fails with
// kInvalidArgument for a PIN that is not ValidPinFormat or an iteration
// count below 1000, kInternal when OpenSSL fails.
Result<PinHash> HashPin(std::string_view pin, int iterations = kDefaultPinIterations);

// Derives the key with the stored salt and iterations and compares in
// constant time. False for a malformed stored hash as well.
bool PinMatches(const PinHash& stored, std::string_view pin);

// 6 to 12 ASCII digits.
bool ValidPinFormat(std::string_view pin);

}  // namespace kiosk::admin
