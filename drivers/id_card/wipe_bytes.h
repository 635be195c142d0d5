#pragma once

// Byte buffers that held an ID card's text or photo are overwritten before
// they are freed or reused, as common/secure_wipe.h does for strings.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kiosk::devices {

// Zeroes `size` bytes at `data` in a way the optimizer may not remove.
void WipeMemory(void* data, std::size_t size);

// Zeroes the whole capacity, then empties the vector.
void WipeBytes(std::vector<std::uint8_t>& bytes);

}  // namespace kiosk::devices
