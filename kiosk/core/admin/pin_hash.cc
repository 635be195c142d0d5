#include "kiosk/core/admin/pin_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <optional>
#include <vector>

#include "common/log.h"

namespace kiosk::admin {
namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kKeyBytes = 32;
constexpr int kMinimumIterations = 1000;

std::string ToHex(const unsigned char* bytes, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    hex.push_back(kDigits[bytes[i] >> 4]);
    hex.push_back(kDigits[bytes[i] & 0x0f]);
  }
  return hex;
}

std::optional<std::vector<unsigned char>> FromHex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::vector<unsigned char> bytes;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int high = nibble(hex[i]);
    const int low = nibble(hex[i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    bytes.push_back(static_cast<unsigned char>(high * 16 + low));
  }
  return bytes;
}

// The PIN is handed to OpenSSL straight from the caller's buffer: no copy
// of it is made here, so there is none to wipe except the derived key.
bool Derive(std::string_view pin, const std::vector<unsigned char>& salt, int iterations,
            std::array<unsigned char, kKeyBytes>& key) {
  return PKCS5_PBKDF2_HMAC(pin.data(), static_cast<int>(pin.size()), salt.data(),
                           static_cast<int>(salt.size()), iterations, EVP_sha256(),
                           static_cast<int>(key.size()), key.data()) == 1;
}

}  // namespace

bool ValidPinFormat(std::string_view pin) {
  if (pin.size() < 6 || pin.size() > 12) return false;
  for (char c : pin) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Result<PinHash> HashPin(std::string_view pin, int iterations) {
  if (!ValidPinFormat(pin)) {
    log::Warning("admin", "PIN not hashed: a PIN has 6 to 12 digits");
    return Fail(ErrorCode::kInvalidArgument, "a PIN has 6 to 12 digits");
  }
  if (iterations < kMinimumIterations) {
    log::Warning("admin", "PIN not hashed: {} iterations, at least {} needed", iterations,
                 kMinimumIterations);
    return Fail(ErrorCode::kInvalidArgument,
                "PIN hash iterations must be at least " + std::to_string(kMinimumIterations));
  }
  std::vector<unsigned char> salt(kSaltBytes);
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
    log::Error("admin", "RAND_bytes failed: no salt for a PIN hash");
    return Fail(ErrorCode::kInternal, "RAND_bytes failed");
  }
  std::array<unsigned char, kKeyBytes> key{};
  if (!Derive(pin, salt, iterations, key)) {
    log::Error("admin", "PKCS5_PBKDF2_HMAC failed");
    return Fail(ErrorCode::kInternal, "PKCS5_PBKDF2_HMAC failed");
  }
  PinHash hash{ToHex(salt.data(), salt.size()), iterations, ToHex(key.data(), key.size())};
  OPENSSL_cleanse(key.data(), key.size());
  return hash;
}

bool PinMatches(const PinHash& stored, std::string_view pin) {
  if (!ValidPinFormat(pin) || stored.iterations < kMinimumIterations) return false;
  const auto salt = FromHex(stored.salt_hex);
  const auto expected = FromHex(stored.hash_hex);
  if (!salt || salt->size() != kSaltBytes || !expected || expected->size() != kKeyBytes) {
    return false;
  }
  std::array<unsigned char, kKeyBytes> key{};
  const bool derived = Derive(pin, *salt, stored.iterations, key);
  const bool same = derived && CRYPTO_memcmp(key.data(), expected->data(), kKeyBytes) == 0;
  OPENSSL_cleanse(key.data(), key.size());
  return same;
}

}  // namespace kiosk::admin
