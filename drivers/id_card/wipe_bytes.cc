#include "drivers/id_card/wipe_bytes.h"

#include <string.h>

namespace kiosk::devices {

void WipeMemory(void* data, std::size_t size) {
  // glibc's explicit_bzero is not elided like a memset before free.
  if (data != nullptr && size > 0) ::explicit_bzero(data, size);
}

void WipeBytes(std::vector<std::uint8_t>& bytes) {
  WipeMemory(bytes.data(), bytes.capacity());
  bytes.clear();
}

}  // namespace kiosk::devices
