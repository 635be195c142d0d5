#pragma once

// Encryption at rest for citizens' data in the local store: AES-256-GCM
// through OpenSSL's EVP interface. A sealed value is
//   "KSB1" | 12-byte random nonce | ciphertext | 16-byte tag
// and is bound to its row by associated data (the idempotency key), so a
// body copied into another row does not open there.
//
// The key is 32 bytes in a file of its own, outside the database (the
// kiosk config names it; a hardware-backed source can replace the file).
// It must be readable by its owner only: a key the whole system can read
// protects nothing, so such a file is refused.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.h"

namespace kiosk::cache {

class SealingKey {
 public:
  static constexpr std::size_t kSize = 32;

  // Reads the key file. With `create_if_missing`, a missing file is made
  // with a fresh random key (mode 0600, written whole then renamed, so a
  // power cut never leaves half a key). kNotFound, kInvalidData (wrong
  // size), kIo; reason "key_unprotected" for a file others may read.
  static Result<SealingKey> FromFile(const std::string& path, bool create_if_missing);
  static SealingKey FromBytes(const std::array<std::uint8_t, kSize>& bytes);
  ~SealingKey();
  SealingKey(const SealingKey&) = default;
  SealingKey& operator=(const SealingKey&) = default;

  const std::array<std::uint8_t, kSize>& bytes() const { return bytes_; }

 private:
  SealingKey() = default;
  std::array<std::uint8_t, kSize> bytes_{};
};

// Whether `stored` looks sealed (starts with the "KSB1" mark).
bool IsSealed(std::string_view stored);

// kInternal only when OpenSSL fails.
Result<std::string> Seal(const SealingKey& key, std::string_view plaintext,
                         std::string_view associated_data);

// kInvalidData (reason "unseal_failed") when the value is cut short, was
// changed, belongs to another row or was sealed with another key.
Result<std::string> Unseal(const SealingKey& key, std::string_view sealed,
                           std::string_view associated_data);

}  // namespace kiosk::cache
