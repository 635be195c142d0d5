#include "central/sha256.h"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <array>

namespace kiosk::central {

Result<std::string> Sha256Hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) {
    return Fail(ErrorCode::kInternal, "OpenSSL EVP_Digest(SHA-256) failed");
  }
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

}  // namespace kiosk::central
