#include "drivers/printer/escpos_commands.h"

#include <algorithm>
#include <string>

namespace kiosk::devices::escpos {
namespace {

constexpr std::uint8_t kLf = 0x0A;
constexpr std::uint8_t kEsc = 0x1B;
constexpr std::uint8_t kFs = 0x1C;
constexpr std::uint8_t kGs = 0x1D;

// GS ( k symbol type: QR Code.
constexpr std::uint8_t kQrSymbol = 49;
// Functions of GS ( k for QR codes, as numbered in the ESC/POS reference.
constexpr std::uint8_t kQrModel = 65;
constexpr std::uint8_t kQrModuleSize = 67;
constexpr std::uint8_t kQrErrorCorrection = 69;
constexpr std::uint8_t kQrStore = 80;
constexpr std::uint8_t kQrPrint = 81;
// Model 2 is what every QR reader expects; model 1 is obsolete.
constexpr char kQrModel2 = 50;
// The "m" parameter of the store and print functions; always 48.
constexpr char kQrM = 48;

// GS v 0 m: 0 prints each bit as one dot (1, 2 and 3 double the width,
// the height or both, which would halve the resolution of a QR code).
constexpr std::uint8_t kRasterNormalSize = 0;

std::uint8_t Low(int value) { return static_cast<std::uint8_t>(value & 0xFF); }
std::uint8_t High(int value) { return static_cast<std::uint8_t>((value >> 8) & 0xFF); }

}  // namespace

void CommandWriter::Append(std::initializer_list<std::uint8_t> values) {
  bytes_.insert(bytes_.end(), values);
}

void CommandWriter::Initialize() { Append({kEsc, '@'}); }

void CommandWriter::SelectJustification(Align align) {
  std::uint8_t n = 0;
  switch (align) {
    case Align::kLeft: n = 0; break;
    case Align::kCenter: n = 1; break;
    case Align::kRight: n = 2; break;
  }
  Append({kEsc, 'a', n});
}

void CommandWriter::SetEmphasis(bool on) { Append({kEsc, 'E', static_cast<std::uint8_t>(on)}); }

void CommandWriter::SetCharacterSize(int width, int height) {
  // High nibble: width magnification - 1; low nibble: height magnification - 1.
  const auto n = static_cast<std::uint8_t>(((width - 1) << 4) | (height - 1));
  Append({kGs, '!', n});
}

void CommandWriter::EnterChineseMode() { Append({kFs, '&'}); }

void CommandWriter::LeaveChineseMode() { Append({kFs, '.'}); }

void CommandWriter::PrintText(std::string_view encoded) {
  bytes_.insert(bytes_.end(), encoded.begin(), encoded.end());
}

void CommandWriter::LineFeed() { Append({kLf}); }

void CommandWriter::FeedLines(std::uint8_t lines) { Append({kEsc, 'd', lines}); }

void CommandWriter::QrFunction(std::uint8_t fn, std::string_view parameters) {
  // pL pH count cn, fn and the parameters.
  const std::size_t length = parameters.size() + 2;
  Append({kGs, '(', 'k', static_cast<std::uint8_t>(length & 0xFF),
          static_cast<std::uint8_t>(length >> 8), kQrSymbol, fn});
  bytes_.insert(bytes_.end(), parameters.begin(), parameters.end());
}

void CommandWriter::QrSelectModel2() {
  const char parameters[] = {kQrModel2, 0};
  QrFunction(kQrModel, std::string_view(parameters, sizeof parameters));
}

void CommandWriter::QrSetModuleSize(std::uint8_t dots) {
  const char parameters[] = {static_cast<char>(dots)};
  QrFunction(kQrModuleSize, std::string_view(parameters, sizeof parameters));
}

void CommandWriter::QrSetErrorCorrection(QrErrorCorrection level) {
  const char parameters[] = {static_cast<char>(level)};
  QrFunction(kQrErrorCorrection, std::string_view(parameters, sizeof parameters));
}

void CommandWriter::QrStore(std::string_view data) {
  std::string parameters(1, kQrM);
  parameters += data;
  QrFunction(kQrStore, parameters);
}

void CommandWriter::QrPrint() {
  const char parameters[] = {kQrM};
  QrFunction(kQrPrint, std::string_view(parameters, sizeof parameters));
}

void CommandWriter::FeedAndPartialCut(std::uint8_t extra_feed) {
  Append({kGs, 'V', 66, extra_feed});
}

// Why bands: the printer takes in a whole GS v 0 command before it prints
// it, and DEVICES.md gives no size limit. Epson's reference allows at most
// 4095 rows per command (yL + yH * 256); users of open-source ESC/POS
// drivers report garbage from a TM-T88V above about 2300 rows and name
// receive buffers of a few kilobytes on other models, and those drivers
// print tall images as slices (python-escpos issues 31 and 65, escpos-php
// issue 206, png2escpos issue 4). So no command carries more than 256 rows:
// a QR code on 58 mm paper fits in one or two bands, and 256 is a multiple
// of 8, which the same reports say leaves no visible seam between bands.
void CommandWriter::PrintRasterImage(const BitImage& image) {
  for (int row = 0; row < image.height; row += kMaxRasterBandRows) {
    RasterBand(image, row, std::min(kMaxRasterBandRows, image.height - row));
  }
}

// GS v 0 m xL xH yL yH, then rows of (xL + 256 xH) bytes: 8 dots a byte,
// the leftmost dot in the most significant bit, 1 = black.
void CommandWriter::RasterBand(const BitImage& image, int first_row, int rows) {
  const int row_bytes = (image.width + 7) / 8;
  Append(
      {kGs, 'v', '0', kRasterNormalSize, Low(row_bytes), High(row_bytes), Low(rows), High(rows)});
  for (int y = first_row; y < first_row + rows; ++y) {
    for (int byte_index = 0; byte_index < row_bytes; ++byte_index) {
      std::uint8_t byte = 0;
      for (int bit = 0; bit < 8; ++bit) {
        const int x = byte_index * 8 + bit;
        if (x < image.width && image.Black(x, y)) byte |= static_cast<std::uint8_t>(0x80 >> bit);
      }
      bytes_.push_back(byte);
    }
  }
}

}  // namespace kiosk::devices::escpos
