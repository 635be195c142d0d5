#pragma once

// The ESC/POS commands we send, one method each, appending to a byte
// buffer. The encoder lays out a receipt in terms of these; the status
// commands (DLE EOT) of the transport layer will join them here.

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <utility>
#include <vector>

#include "drivers/printer/bit_image.h"
#include "drivers/printer/receipt_document.h"

namespace kiosk::devices::escpos {

// The tallest GS v 0 command we send; taller images go as several bands
// printed one after the other (escpos_commands.cc says why).
constexpr int kMaxRasterBandRows = 256;

// QR error correction levels (GS ( k function 169), in the printer's code.
enum class QrErrorCorrection : std::uint8_t { kL = 48, kM = 49, kQ = 50, kH = 51 };

class CommandWriter {
 public:
  void Initialize();                             // ESC @
  void SelectJustification(Align align);         // ESC a n
  void SetEmphasis(bool on);                     // ESC E n
  void SetCharacterSize(int width, int height);  // GS ! n; each 1..8
  void EnterChineseMode();                       // FS &
  void LeaveChineseMode();                       // FS .
  // Text already in the printer's encoding. The caller guarantees it holds
  // no control bytes (GB18030 of printable characters never does).
  void PrintText(std::string_view encoded);
  void LineFeed();                                     // LF: print the line
  void FeedLines(std::uint8_t lines);                  // ESC d n
  void QrSelectModel2();                               // GS ( k fn 65
  void QrSetModuleSize(std::uint8_t dots);             // GS ( k fn 67; 1..16
  void QrSetErrorCorrection(QrErrorCorrection level);  // GS ( k fn 69
  // GS ( k fn 80; `data` is at most 65532 bytes (the length field is 16 bits
  // and counts three header bytes too).
  void QrStore(std::string_view data);
  void QrPrint();  // GS ( k fn 81
  // GS v 0 with m = 0 (normal size), in bands of at most kMaxRasterBandRows
  // rows. Printed from the left margin: the caller pads the image to place
  // it. Must start at the beginning of a line.
  void PrintRasterImage(const BitImage& image);
  // GS V 66 n: feed to the cutter plus n motion units, then cut partially.
  void FeedAndPartialCut(std::uint8_t extra_feed);

  const std::vector<std::uint8_t>& bytes() const { return bytes_; }
  std::vector<std::uint8_t> Take() { return std::move(bytes_); }

 private:
  void Append(std::initializer_list<std::uint8_t> values);
  // GS ( k with cn = 49 (QR) and function `fn`.
  void QrFunction(std::uint8_t fn, std::string_view parameters);
  // One GS v 0 command for rows [first_row, first_row + rows).
  void RasterBand(const BitImage& image, int first_row, int rows);

  std::vector<std::uint8_t> bytes_;
};

}  // namespace kiosk::devices::escpos
