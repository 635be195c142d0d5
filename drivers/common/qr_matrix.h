#pragma once

// A QR code as a square of modules (libqrencode): byte mode, error
// correction level M, the smallest version that holds the text. Shared by
// the A4 documents (vector squares in a PDF) and the receipt printers
// (a raster image where the printer has no native QR), so it lives in its
// own small library without cairo or pango.

#include <string>
#include <vector>

#include "common/error.h"

namespace kiosk::devices {

struct QrMatrix {
  int size = 0;            // Modules per side, without the quiet zone.
  std::vector<char> dark;  // size * size, row by row; non-zero = dark.
  bool Dark(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)] != 0; }
};

// kInvalidArgument for empty text or text too long for a QR code.
Result<QrMatrix> EncodeQr(const std::string& text);

}  // namespace kiosk::devices
