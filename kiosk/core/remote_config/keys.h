#pragma once

// Signing keys of configuration bundles through OpenSSL 3 EVP: Ed25519,
// and SM2 with SM3 (国密) with the GM/T 0009 default distinguishing ID
// "1234567812345678" set explicitly when signing and verifying.
//
// Keys are PEM: private keys PKCS#8 ("PRIVATE KEY"), public keys
// SubjectPublicKeyInfo ("PUBLIC KEY"). A key's id is the lowercase hex
// SHA-256 of its public key's DER SubjectPublicKeyInfo, so an id names one
// key whatever file or PEM line breaks it came in.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.h"

typedef struct evp_pkey_st EVP_PKEY;

namespace kiosk::remote_config {

enum class KeyScheme { kEd25519, kSm2Sm3 };

// "ed25519" / "sm2-sm3", as root.json names them.
const char* ToString(KeyScheme scheme);
std::optional<KeyScheme> ParseKeyScheme(std::string_view name);

inline constexpr std::string_view kSm2DistinguishingId = "1234567812345678";

class PublicKey {
 public:
  // kInvalidData when the PEM is not a public key of a supported scheme;
  // with `expected`, also when it is a key of another scheme.
  static Result<PublicKey> FromPem(std::string_view pem,
                                   std::optional<KeyScheme> expected = std::nullopt);

  KeyScheme scheme() const { return scheme_; }
  const std::string& Pem() const { return pem_; }
  const std::string& KeyId() const { return key_id_; }
  // Whether `signature` is this key's signature of `message`.
  bool Verify(std::string_view message, std::string_view signature) const;

 private:
  friend class PrivateKey;
  PublicKey() = default;
  KeyScheme scheme_ = KeyScheme::kEd25519;
  std::shared_ptr<EVP_PKEY> key_;
  std::string pem_;
  std::string key_id_;
};

class PrivateKey {
 public:
  // A fresh key. kInternal only when OpenSSL fails.
  static Result<PrivateKey> Generate(KeyScheme scheme);
  // kInvalidData when the PEM is not an unencrypted private key of a
  // supported scheme.
  static Result<PrivateKey> FromPem(std::string_view pem);
  static Result<PrivateKey> FromFile(const std::string& path);

  KeyScheme scheme() const { return scheme_; }
  const PublicKey& Public() const { return public_; }
  const std::string& KeyId() const { return public_.KeyId(); }
  // PKCS#8 PEM, unencrypted: the caller stores it 0600.
  Result<std::string> Pem() const;
  // The raw signature (Ed25519: 64 bytes; SM2: DER ECDSA-Sig-Value).
  Result<std::string> Sign(std::string_view message) const;

 private:
  PrivateKey() = default;
  KeyScheme scheme_ = KeyScheme::kEd25519;
  std::shared_ptr<EVP_PKEY> key_;
  PublicKey public_;
};

// Lowercase hex of SHA-256.
std::string Sha256Hex(std::string_view bytes);
std::string Base64Encode(std::string_view bytes);
// nullopt when `text` is not canonical base64 (padding included).
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace kiosk::remote_config
