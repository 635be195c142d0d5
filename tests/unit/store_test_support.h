#pragma once

// Shared by the tests of the sealed stores (outbox, record cache).

#include <array>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>

#include "offline_cache/sealed_box.h"

namespace kiosk::testing {

// A fixed key made from `seed`, so two seeds give two different keys.
inline cache::SealingKey TestKey(std::uint8_t seed) {
  std::array<std::uint8_t, cache::SealingKey::kSize> bytes{};
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(seed + i);
  return cache::SealingKey::FromBytes(bytes);
}

// Everything SQLite wrote: the database and its write-ahead log.
inline std::string StoredBytes(const std::string& path) {
  std::string bytes;
  for (const char* suffix : {"", "-wal"}) {
    std::ifstream in(path + suffix, std::ios::binary);
    bytes.append(std::istreambuf_iterator<char>(in), {});
  }
  return bytes;
}

}  // namespace kiosk::testing
