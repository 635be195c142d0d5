#pragma once

// What a receipt says, independent of any printer: the kiosk core builds a
// ReceiptDocument and a backend (ESC/POS today, perhaps others later) lays it
// out for the paper width and command set of its device. All strings are
// UTF-8; the encoder rejects invalid UTF-8 and control characters rather
// than sending them to the printer, where they could act as commands.

#include <string>
#include <variant>
#include <vector>

#include "drivers/printer/bit_image.h"

namespace kiosk::devices {

enum class Align { kLeft, kCenter, kRight };

// A heading: printed bold at double width and height, centered, so it gets
// half the columns of ordinary text.
struct Title {
  std::string text;
};

// A paragraph, wrapped to the paper width. "\n" starts a new line.
struct Text {
  std::string text;
  Align align = Align::kLeft;
};

// "Amount            12.00": the key on the left, the value flush with the
// right edge. When both do not fit on one line the value gets a line of its
// own, still flush right.
struct KeyValue {
  std::string key;
  std::string value;
};

// A full-width rule made of one printable ASCII character.
struct Separator {
  char fill = '-';
};

// A QR code holding `payload` (bytes, sent as they are), centered;
// `module_size` is the width of one module in dots (1..16). Printers
// without native QR get it as a raster image, with smaller modules if the
// symbol would not fit the paper otherwise.
struct QrCode {
  std::string payload;
  int module_size = 6;
  // Leave it out, rather than fail the receipt, on a printer that can
  // print it neither natively nor as a raster image.
  bool optional = false;
};

// A 1-bit picture (a logo), centered, in printer dots. `name` (the file it
// came from) names it in errors.
struct Logo {
  std::string name;
  BitImage image;
  // Leave it out, rather than fail the receipt, on a printer without raster
  // images or with paper too narrow for it.
  bool optional = false;
};

// Blank lines (0..255).
struct Feed {
  int lines = 1;
};

// End of a receipt: cut where the printer has a cutter, otherwise feed the
// last line past the tear bar.
struct Cut {};

using ReceiptElement = std::variant<Title, Text, KeyValue, Separator, QrCode, Logo, Feed, Cut>;

struct ReceiptDocument {
  std::vector<ReceiptElement> elements;
};

}  // namespace kiosk::devices
