#include "kiosk/core/remote_config/keys.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <fstream>
#include <sstream>

namespace kiosk::remote_config {
namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

std::shared_ptr<EVP_PKEY> Own(EVP_PKEY* key) { return {key, EVP_PKEY_free}; }

std::optional<KeyScheme> SchemeOf(EVP_PKEY* key) {
  if (EVP_PKEY_is_a(key, "ED25519")) return KeyScheme::kEd25519;
  if (EVP_PKEY_is_a(key, "SM2")) return KeyScheme::kSm2Sm3;
  return std::nullopt;
}

BioPtr ReadBio(std::string_view text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

std::string BioText(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

// Ed25519 signs the message itself (PureEdDSA, no digest); SM2 hashes
// Z || message with SM3, Z taken over the distinguishing ID, which must be
// set on the signature's own context before the first byte is hashed.
bool InitDigest(EVP_MD_CTX* ctx, EVP_PKEY* key, KeyScheme scheme, bool sign) {
  EVP_PKEY_CTX* pkey_ctx = nullptr;
  const EVP_MD* md = scheme == KeyScheme::kSm2Sm3 ? EVP_sm3() : nullptr;
  const int initialised = sign ? EVP_DigestSignInit(ctx, &pkey_ctx, md, nullptr, key)
                               : EVP_DigestVerifyInit(ctx, &pkey_ctx, md, nullptr, key);
  if (initialised != 1) return false;
  if (scheme == KeyScheme::kSm2Sm3) {
    return EVP_PKEY_CTX_set1_id(pkey_ctx, kSm2DistinguishingId.data(),
                                kSm2DistinguishingId.size()) == 1;
  }
  return true;
}

}  // namespace

const char* ToString(KeyScheme scheme) {
  return scheme == KeyScheme::kEd25519 ? "ed25519" : "sm2-sm3";
}

std::optional<KeyScheme> ParseKeyScheme(std::string_view name) {
  if (name == "ed25519") return KeyScheme::kEd25519;
  if (name == "sm2-sm3") return KeyScheme::kSm2Sm3;
  return std::nullopt;
}

Result<PublicKey> PublicKey::FromPem(std::string_view pem, std::optional<KeyScheme> expected) {
  BioPtr in = ReadBio(pem);
  if (!in) return Fail(ErrorCode::kInternal, "BIO_new_mem_buf failed");
  EVP_PKEY* raw = PEM_read_bio_PUBKEY(in.get(), nullptr, nullptr, nullptr);
  if (raw == nullptr) return Fail(ErrorCode::kInvalidData, "not a PEM public key");
  PublicKey key;
  key.key_ = Own(raw);
  auto scheme = SchemeOf(raw);
  if (!scheme) return Fail(ErrorCode::kInvalidData, "a public key neither Ed25519 nor SM2");
  if (expected && *expected != *scheme) {
    return Fail(ErrorCode::kInvalidData, std::string("a ") + ToString(*scheme) + " key where " +
                                             ToString(*expected) + " was named");
  }
  key.scheme_ = *scheme;
  unsigned char* der = nullptr;
  const int der_size = i2d_PUBKEY(raw, &der);
  if (der_size <= 0) return Fail(ErrorCode::kInternal, "i2d_PUBKEY failed");
  key.key_id_ = Sha256Hex(std::string_view(reinterpret_cast<char*>(der), der_size));
  OPENSSL_free(der);
  BioPtr out(BIO_new(BIO_s_mem()));
  if (!out || PEM_write_bio_PUBKEY(out.get(), raw) != 1) {
    return Fail(ErrorCode::kInternal, "PEM_write_bio_PUBKEY failed");
  }
  key.pem_ = BioText(out.get());
  return key;
}

bool PublicKey::Verify(std::string_view message, std::string_view signature) const {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || !InitDigest(ctx.get(), key_.get(), scheme_, /*sign=*/false)) return false;
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                          signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                          message.size()) == 1;
}

namespace {

Result<PublicKey> PublicOf(EVP_PKEY* key) {
  BioPtr out(BIO_new(BIO_s_mem()));
  if (!out || PEM_write_bio_PUBKEY(out.get(), key) != 1) {
    return Fail(ErrorCode::kInternal, "PEM_write_bio_PUBKEY failed");
  }
  return PublicKey::FromPem(BioText(out.get()));
}

}  // namespace

Result<PrivateKey> PrivateKey::Generate(KeyScheme scheme) {
  EVP_PKEY* raw =
      EVP_PKEY_Q_keygen(nullptr, nullptr, scheme == KeyScheme::kEd25519 ? "ED25519" : "SM2");
  if (raw == nullptr) return Fail(ErrorCode::kInternal, "key generation failed");
  PrivateKey key;
  key.key_ = Own(raw);
  key.scheme_ = scheme;
  auto public_key = PublicOf(raw);
  if (!public_key) return std::unexpected(public_key.error());
  key.public_ = *public_key;
  return key;
}

Result<PrivateKey> PrivateKey::FromPem(std::string_view pem) {
  BioPtr in = ReadBio(pem);
  if (!in) return Fail(ErrorCode::kInternal, "BIO_new_mem_buf failed");
  // An empty passphrase callback: an encrypted key is refused, not prompted for.
  EVP_PKEY* raw = PEM_read_bio_PrivateKey(
      in.get(), nullptr, [](char*, int, int, void*) { return 0; }, nullptr);
  if (raw == nullptr) return Fail(ErrorCode::kInvalidData, "not an unencrypted PEM private key");
  PrivateKey key;
  key.key_ = Own(raw);
  auto scheme = SchemeOf(raw);
  if (!scheme) return Fail(ErrorCode::kInvalidData, "a private key neither Ed25519 nor SM2");
  key.scheme_ = *scheme;
  auto public_key = PublicOf(raw);
  if (!public_key) return std::unexpected(public_key.error());
  key.public_ = *public_key;
  return key;
}

Result<PrivateKey> PrivateKey::FromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kIo, "cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  auto key = FromPem(text.str());
  if (!key) return Fail(key.error().code, path + ": " + key.error().detail);
  return key;
}

Result<std::string> PrivateKey::Pem() const {
  BioPtr out(BIO_new(BIO_s_mem()));
  if (!out ||
      PEM_write_bio_PrivateKey(out.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return Fail(ErrorCode::kInternal, "PEM_write_bio_PrivateKey failed");
  }
  return BioText(out.get());
}

Result<std::string> PrivateKey::Sign(std::string_view message) const {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx || !InitDigest(ctx.get(), key_.get(), scheme_, /*sign=*/true)) {
    return Fail(ErrorCode::kInternal, "cannot start a signature");
  }
  const auto* data = reinterpret_cast<const unsigned char*>(message.data());
  std::size_t size = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &size, data, message.size()) != 1) {
    return Fail(ErrorCode::kInternal, "cannot size the signature");
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, data,
                     message.size()) != 1) {
    return Fail(ErrorCode::kInternal, "signing failed");
  }
  signature.resize(size);
  return signature;
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (unsigned int i = 0; i < size; ++i) {
    hex.push_back(kHex[digest[i] >> 4]);
    hex.push_back(kHex[digest[i] & 0x0f]);
  }
  return hex;
}

std::string Base64Encode(std::string_view bytes) {
  std::string text(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int size = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()),
                                   reinterpret_cast<const unsigned char*>(bytes.data()),
                                   static_cast<int>(bytes.size()));
  text.resize(static_cast<std::size_t>(size));
  return text;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string bytes(text.size() / 4 * 3 + 1, '\0');
  const int size = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                                   reinterpret_cast<const unsigned char*>(text.data()),
                                   static_cast<int>(text.size()));
  if (size < 0) return std::nullopt;
  std::size_t length = static_cast<std::size_t>(size);
  // EVP_DecodeBlock counts the padding as zero bytes.
  if (!text.empty() && text.back() == '=') --length;
  if (text.size() >= 2 && text[text.size() - 2] == '=') --length;
  bytes.resize(length);
  // Only the one canonical spelling: no whitespace, no other padding.
  if (Base64Encode(bytes) != text) return std::nullopt;
  return bytes;
}

}  // namespace kiosk::remote_config
