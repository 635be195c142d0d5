#include "offline_cache/sealed_box.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <system_error>

#include "common/secure_wipe.h"

namespace kiosk::cache {
namespace {

constexpr std::string_view kMark = "KSB1";
constexpr std::size_t kNonceSize = 12;
constexpr std::size_t kTagSize = 16;

struct CipherContextDeleter {
  void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextDeleter>;

const unsigned char* Bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

std::string Describe(int error) { return std::generic_category().message(error); }

std::string Octal(unsigned mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%03o", mode);
  return text;
}

Result<SealingKey> ReadKey(const std::string& path, int fd) {
  struct stat info {};
  if (::fstat(fd, &info) != 0)
    return Fail(ErrorCode::kIo, "cannot stat " + path + ": " + Describe(errno));
  if ((info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return std::unexpected(Error(ErrorCode::kInvalidData,
                                 "key file " + path + " may be read by others (mode " +
                                     Octal(info.st_mode & 0777) + "); chmod 600 it",
                                 "key_unprotected"));
  }
  std::array<std::uint8_t, SealingKey::kSize + 1> buffer{};
  std::size_t have = 0;
  while (have < buffer.size()) {
    const ssize_t got = ::read(fd, buffer.data() + have, buffer.size() - have);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return Fail(ErrorCode::kIo, "cannot read " + path + ": " + Describe(errno));
    if (got == 0) break;
    have += static_cast<std::size_t>(got);
  }
  if (have != SealingKey::kSize) {
    OPENSSL_cleanse(buffer.data(), buffer.size());
    return Fail(ErrorCode::kInvalidData,
                "key file " + path + " must hold exactly 32 bytes, not " +
                    (have > SealingKey::kSize ? std::string("more") : std::to_string(have)));
  }
  std::array<std::uint8_t, SealingKey::kSize> key{};
  std::memcpy(key.data(), buffer.data(), key.size());
  OPENSSL_cleanse(buffer.data(), buffer.size());
  auto sealing = SealingKey::FromBytes(key);
  OPENSSL_cleanse(key.data(), key.size());
  return sealing;
}

Result<void> CreateKey(const std::string& path) {
  std::array<std::uint8_t, SealingKey::kSize> key{};
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1) {
    return Fail(ErrorCode::kInternal, "RAND_bytes failed: no key made for " + path);
  }
  const std::string temporary = path + ".new";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Fail(ErrorCode::kIo, "cannot create " + temporary + ": " + Describe(errno));
  const bool written =
      ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
  const int error = errno;
  ::close(fd);
  OPENSSL_cleanse(key.data(), key.size());
  if (!written || ::rename(temporary.c_str(), path.c_str()) != 0) {
    ::unlink(temporary.c_str());
    return Fail(ErrorCode::kIo,
                "cannot write key file " + path + ": " + Describe(written ? errno : error));
  }
  return {};
}

}  // namespace

SealingKey::~SealingKey() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }

SealingKey SealingKey::FromBytes(const std::array<std::uint8_t, kSize>& bytes) {
  SealingKey key;
  key.bytes_ = bytes;
  return key;
}

Result<SealingKey> SealingKey::FromFile(const std::string& path, bool create_if_missing) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT && create_if_missing) {
    if (auto made = CreateKey(path); !made) return std::unexpected(made.error());
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  }
  if (fd < 0) {
    return Fail(errno == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo,
                "cannot open key file " + path + ": " + Describe(errno));
  }
  auto key = ReadKey(path, fd);
  ::close(fd);
  return key;
}

bool IsSealed(std::string_view stored) { return stored.starts_with(kMark); }

Result<std::string> Seal(const SealingKey& key, std::string_view plaintext,
                         std::string_view associated_data) {
  std::string sealed(kMark);
  sealed.resize(kMark.size() + kNonceSize + plaintext.size() + kTagSize);
  auto* nonce = reinterpret_cast<unsigned char*>(sealed.data() + kMark.size());
  auto* out = nonce + kNonceSize;
  if (RAND_bytes(nonce, kNonceSize) != 1) return Fail(ErrorCode::kInternal, "RAND_bytes failed");
  CipherContext context(EVP_CIPHER_CTX_new());
  int length = 0;
  int final_length = 0;
  if (!context ||
      EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, key.bytes().data(), nonce) !=
          1 ||
      EVP_EncryptUpdate(context.get(), nullptr, &length, Bytes(associated_data),
                        static_cast<int>(associated_data.size())) != 1 ||
      EVP_EncryptUpdate(context.get(), out, &length, Bytes(plaintext),
                        static_cast<int>(plaintext.size())) != 1 ||
      EVP_EncryptFinal_ex(context.get(), out + length, &final_length) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, kTagSize, out + plaintext.size()) !=
          1) {
    return Fail(ErrorCode::kInternal, "AES-256-GCM encryption failed in OpenSSL");
  }
  return sealed;
}

Result<std::string> Unseal(const SealingKey& key, std::string_view sealed,
                           std::string_view associated_data) {
  auto refuse = [](const std::string& why) {
    return std::unexpected(Error(ErrorCode::kInvalidData, why, "unseal_failed"));
  };
  if (!IsSealed(sealed) || sealed.size() < kMark.size() + kNonceSize + kTagSize) {
    return refuse("not a sealed value (or cut short)");
  }
  const auto* nonce = Bytes(sealed.substr(kMark.size()));
  const std::string_view body = sealed.substr(kMark.size() + kNonceSize);
  const std::size_t cipher_size = body.size() - kTagSize;
  std::string plaintext(cipher_size, '\0');
  std::array<unsigned char, kTagSize> tag{};
  std::memcpy(tag.data(), body.data() + cipher_size, kTagSize);
  CipherContext context(EVP_CIPHER_CTX_new());
  int length = 0;
  int final_length = 0;
  if (!context ||
      EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, key.bytes().data(), nonce) !=
          1 ||
      EVP_DecryptUpdate(context.get(), nullptr, &length, Bytes(associated_data),
                        static_cast<int>(associated_data.size())) != 1 ||
      EVP_DecryptUpdate(context.get(), reinterpret_cast<unsigned char*>(plaintext.data()), &length,
                        Bytes(body), static_cast<int>(cipher_size)) != 1 ||
      EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, tag.data()) != 1) {
    return refuse("AES-256-GCM decryption could not start");
  }
  if (EVP_DecryptFinal_ex(context.get(),
                          reinterpret_cast<unsigned char*>(plaintext.data()) + length,
                          &final_length) != 1) {
    SecureWipe(plaintext);
    return refuse("authentication failed: changed, from another row, or another key");
  }
  return plaintext;
}

}  // namespace kiosk::cache
