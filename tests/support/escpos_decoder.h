#pragma once

// Test support: reads an ESC/POS byte stream the way a receipt printer
// would and says what would come out on paper, so tests check receipts by
// their printed lines rather than by byte patterns. It parses the stream
// command by command, independently of the encoder (it shares no code with
// drivers/printer), and reports every byte it does not understand; it is
// meant as well for bytes captured from TCP port 9100 or a pty.
//
// Commands understood: ESC @, ESC a, ESC d, ESC E, GS !, FS &, FS ., GS ( k
// (QR code functions 65, 67, 69, 80, 81), GS v 0 (raster bit images), GS V
// and LF. In Chinese mode text
// bytes are GB18030; outside it only printable ASCII is accepted.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace kiosk::testing {

enum class DecodedAlign { kLeft, kCenter, kRight };

// One printed line (ended by LF or ESC d), with the modes in force when its
// first character arrived.
struct DecodedLine {
  std::string text;  // UTF-8.
  DecodedAlign align = DecodedAlign::kLeft;
  int width_magnification = 1;
  int height_magnification = 1;
  bool emphasized = false;
  // Font A columns the line takes on paper: 1 per single-byte character and
  // 2 per multi-byte GB18030 character, times the width magnification.
  int columns = 0;
  // A blank line fed by ESC d rather than printed by a line feed.
  bool fed = false;
};

struct DecodedQrCode {
  std::string payload;          // The bytes of the last store-data function.
  int model = 0;                // 1 or 2 (3 for Micro QR), 0 if never set.
  int module_size = 0;          // Dots, 0 if never set.
  char error_correction = '?';  // 'L', 'M', 'Q' or 'H'; '?' if never set.
  std::size_t line_index = 0;   // Lines of the job printed before it.
};

// One GS v 0 command. A tall picture may come as several of these, one
// band below the other (see StackBands in tests/printer).
struct DecodedRasterImage {
  int mode = 0;    // m, 0..3: normal, double width, double height, both.
  int width = 0;   // Dots: 8 for each byte of a row.
  int height = 0;  // Rows.
  // The rows as sent: width / 8 bytes each, the leftmost dot in the most
  // significant bit, 1 = black.
  std::vector<std::uint8_t> bits;
  std::size_t line_index = 0;  // Lines of the job printed before it.

  bool Black(int x, int y) const {
    const auto row_bytes = static_cast<std::size_t>(width / 8);
    const std::uint8_t byte =
        bits[static_cast<std::size_t>(y) * row_bytes + static_cast<std::size_t>(x / 8)];
    return ((byte >> (7 - x % 8)) & 1) != 0;
  }
};

struct DecodedCut {
  bool partial = false;
  int feed = 0;  // The n of GS V 65/66 n.
  std::size_t line_index = 0;
};

// Everything from one ESC @ up to the next.
struct DecodedJob {
  std::vector<DecodedLine> lines;
  std::vector<DecodedQrCode> qr_codes;
  std::vector<DecodedRasterImage> images;  // In the order printed.
  std::vector<DecodedCut> cuts;
  bool sent_enter_chinese_mode = false;  // Saw FS &.
};

struct DecodedStream {
  std::vector<DecodedJob> jobs;
  // "byte 12: unknown command ESC t (1B 74)": unknown or malformed commands,
  // text a printer would drop, and anything the encoder should never send.
  std::vector<std::string> errors;
};

struct DecodeOptions {
  // What the printer does after ESC @: some models start in Chinese mode.
  bool chinese_mode_at_power_on = false;
};

DecodedStream DecodeEscPos(std::span<const std::uint8_t> bytes, DecodeOptions options = {});

// A readable dump (lines with their modes, QR codes, cuts, errors) for the
// message of a failing test.
std::string DebugString(const DecodedStream& stream);

}  // namespace kiosk::testing
