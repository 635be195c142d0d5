#include "common/secure_wipe.h"

#include <openssl/crypto.h>

namespace kiosk {

void SecureWipe(std::string& text) {
  // capacity(), not size(): a shorter value may have replaced a longer one.
  if (text.capacity() > 0) OPENSSL_cleanse(text.data(), text.capacity());
  text.clear();
}

}  // namespace kiosk
