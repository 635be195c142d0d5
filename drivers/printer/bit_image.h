#pragma once

// A 1-bit picture for a receipt printer: a logo read from a PBM file, or a
// QR code drawn dot for dot where the printer has no native QR. One byte
// per dot keeps it simple to build and check; packing into the printer's
// 8 dots per byte happens only when it is sent (escpos_commands.h).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace kiosk::devices {

struct BitImage {
  int width = 0;                   // Dots.
  int height = 0;                  // Rows.
  std::vector<std::uint8_t> dots;  // width * height, row by row; 1 = black.

  static BitImage Blank(int width, int height) {
    return BitImage{width, height,
                    std::vector<std::uint8_t>(static_cast<std::size_t>(width) *
                                              static_cast<std::size_t>(height))};
  }
  bool Black(int x, int y) const { return dots[Index(x, y)] != 0; }
  void SetBlack(int x, int y) { dots[Index(x, y)] = 1; }

 private:
  std::size_t Index(int x, int y) const {
    return static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
           static_cast<std::size_t>(x);
  }
};

}  // namespace kiosk::devices
