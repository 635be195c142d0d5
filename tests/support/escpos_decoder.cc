#include "tests/support/escpos_decoder.h"

#include <fmt/format.h>
#include <iconv.h>

#include <optional>
#include <string_view>
#include <utility>

namespace kiosk::testing {
namespace {

constexpr std::uint8_t kLf = 0x0A;
constexpr std::uint8_t kEsc = 0x1B;
constexpr std::uint8_t kFs = 0x1C;
constexpr std::uint8_t kGs = 0x1D;
constexpr std::uint8_t kQrSymbolType = 49;

// GB18030 to UTF-8 with iconv, kept here rather than borrowed from the
// driver so the decoder stays an independent check of the encoder.
std::optional<std::string> Gb18030ToUtf8(const std::string& gb) {
  iconv_t converter = iconv_open("UTF-8", "GB18030");
  if (converter == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string input = gb;
  // UTF-8 needs at most 4 bytes for a character GB18030 writes in 1 to 4.
  std::string output(input.size() * 4, '\0');
  char* in = input.data();
  std::size_t in_left = input.size();
  char* out = output.data();
  std::size_t out_left = output.size();
  const std::size_t done = iconv(converter, &in, &in_left, &out, &out_left);
  iconv_close(converter);
  if (done == static_cast<std::size_t>(-1)) return std::nullopt;
  output.resize(output.size() - out_left);
  return output;
}

class Decoder {
 public:
  Decoder(std::span<const std::uint8_t> bytes, DecodeOptions options)
      : bytes_(bytes), options_(options) {}

  DecodedStream Run() {
    while (pos_ < bytes_.size()) Step();
    EndJob();
    return std::move(result_);
  }

 private:
  struct Modes {
    DecodedAlign align = DecodedAlign::kLeft;
    int width = 1;
    int height = 1;
    bool emphasized = false;
    bool chinese = false;
  };

  void Step() {
    const std::size_t start = pos_;
    const std::uint8_t byte = bytes_[pos_];
    if (byte == kEsc && Has(1) && bytes_[pos_ + 1] == '@') {
      pos_ += 2;
      StartJob(start);
      return;
    }
    Job(start);
    if (byte == kLf) {
      ++pos_;
      EndLine();
    } else if (byte == kEsc) {
      Esc(start);
    } else if (byte == kFs) {
      Fs(start);
    } else if (byte == kGs) {
      Gs(start);
    } else if (byte >= 0x20 && byte < 0x7F) {
      ++pos_;
      AddCharacter(std::string(1, static_cast<char>(byte)), 1);
    } else if (byte >= 0x80 && modes_.chinese) {
      Gb18030Character(start);
    } else if (byte >= 0x80) {
      ++pos_;
      Error(start, fmt::format("byte 0x{:02X} outside Chinese mode (code page text is not "
                               "something our encoder sends)",
                               byte));
    } else {
      ++pos_;
      Error(start, fmt::format("unknown control byte 0x{:02X}", byte));
    }
  }

  void Esc(std::size_t start) {
    if (!Need(start, 2, "ESC")) return;
    const std::uint8_t command = bytes_[pos_ + 1];
    if (command == 'a' || command == 'E' || command == 'd') {
      if (!Need(start, 3, fmt::format("ESC {:c}", static_cast<char>(command)))) return;
      const std::uint8_t n = bytes_[pos_ + 2];
      pos_ += 3;
      if (command == 'a') {
        Justification(start, n);
      } else if (command == 'E') {
        modes_.emphasized = (n & 1) != 0;
      } else {
        FeedLines(n);
      }
      return;
    }
    pos_ += 2;
    Error(start, fmt::format("unknown command ESC 0x{:02X}", command));
  }

  void Fs(std::size_t start) {
    if (!Need(start, 2, "FS")) return;
    const std::uint8_t command = bytes_[pos_ + 1];
    pos_ += 2;
    if (command == '&') {
      modes_.chinese = true;
      job_->sent_enter_chinese_mode = true;
    } else if (command == '.') {
      modes_.chinese = false;
    } else {
      Error(start, fmt::format("unknown command FS 0x{:02X}", command));
    }
  }

  void Gs(std::size_t start) {
    if (!Need(start, 2, "GS")) return;
    const std::uint8_t command = bytes_[pos_ + 1];
    if (command == '!') {
      if (!Need(start, 3, "GS !")) return;
      const std::uint8_t n = bytes_[pos_ + 2];
      pos_ += 3;
      modes_.width = (n >> 4) + 1;
      modes_.height = (n & 0x0F) + 1;
      if (modes_.width > 8 || modes_.height > 8) {
        Error(start, fmt::format("GS ! 0x{:02X}: magnification above 8", n));
      }
    } else if (command == '(') {
      GsParen(start);
    } else if (command == 'v') {
      RasterImage(start);
    } else if (command == 'V') {
      Cut(start);
    } else {
      pos_ += 2;
      Error(start, fmt::format("unknown command GS 0x{:02X}", command));
    }
  }

  // GS ( x pL pH <pL + 256 pH bytes>: every GS ( command has this shape, so
  // even an unknown one can be skipped cleanly.
  void GsParen(std::size_t start) {
    if (!Need(start, 5, "GS (")) return;
    const std::uint8_t kind = bytes_[pos_ + 2];
    const std::size_t length = bytes_[pos_ + 3] | (std::size_t{bytes_[pos_ + 4]} << 8);
    if (!Need(start, 5 + length, fmt::format("GS ( {:c}", static_cast<char>(kind)))) return;
    const std::span<const std::uint8_t> body = bytes_.subspan(pos_ + 5, length);
    pos_ += 5 + length;
    if (kind != 'k') {
      Error(start, fmt::format("unknown command GS ( 0x{:02X}", kind));
      return;
    }
    if (body.size() < 2 || body[0] != kQrSymbolType) {
      Error(start, "GS ( k for a symbol other than QR, or without a function");
      return;
    }
    QrFunction(start, body[1], body.subspan(2));
  }

  void QrFunction(std::size_t start, std::uint8_t fn, std::span<const std::uint8_t> params) {
    auto expect_size = [&](std::size_t size) {
      if (params.size() == size) return true;
      Error(start, fmt::format("GS ( k function {} has {} parameter bytes, expected {}", fn,
                               params.size(), size));
      return false;
    };
    switch (fn) {
      case 65:  // Select the model: n1 (49, 50, 51), n2 (0).
        if (!expect_size(2)) return;
        if (params[0] < 49 || params[0] > 51 || params[1] != 0) {
          Error(start, fmt::format("GS ( k model {} {}", params[0], params[1]));
          return;
        }
        qr_model_ = params[0] - 48;
        return;
      case 67:  // Module size in dots, 1..16.
        if (!expect_size(1)) return;
        if (params[0] < 1 || params[0] > 16) {
          Error(start, fmt::format("GS ( k module size {}", params[0]));
          return;
        }
        qr_module_size_ = params[0];
        return;
      case 69:  // Error correction, 48..51 for L, M, Q, H.
        if (!expect_size(1)) return;
        if (params[0] < 48 || params[0] > 51) {
          Error(start, fmt::format("GS ( k error correction {}", params[0]));
          return;
        }
        qr_error_correction_ = "LMQH"[params[0] - 48];
        return;
      case 80:  // Store data: m (48) and the payload.
        if (params.empty() || params[0] != 48) {
          Error(start, "GS ( k store without m = 48");
          return;
        }
        qr_stored_ = std::string(params.begin() + 1, params.end());
        qr_printed_ = false;
        return;
      case 81:  // Print the stored symbol: m (48).
        if (!expect_size(1)) return;
        if (params[0] != 48) {
          Error(start, "GS ( k print without m = 48");
          return;
        }
        if (!qr_stored_) {
          Error(start, "GS ( k print with no data stored");
          return;
        }
        if (!line_.empty()) Error(start, "QR code printed in the middle of a line");
        job_->qr_codes.push_back(DecodedQrCode{.payload = *qr_stored_,
                                               .model = qr_model_,
                                               .module_size = qr_module_size_,
                                               .error_correction = qr_error_correction_,
                                               .line_index = job_->lines.size()});
        qr_printed_ = true;
        return;
      default: Error(start, fmt::format("unknown GS ( k QR function {}", fn));
    }
  }

  // GS v 0 m xL xH yL yH, then (xL + 256 xH) * (yL + 256 yH) bytes of rows.
  void RasterImage(std::size_t start) {
    if (!Need(start, 8, "GS v 0")) return;
    if (bytes_[pos_ + 2] != '0') {
      pos_ += 3;
      Error(start, fmt::format("unknown command GS v 0x{:02X}", bytes_[pos_ - 1]));
      return;
    }
    const std::uint8_t m = bytes_[pos_ + 3];
    const std::size_t row_bytes = bytes_[pos_ + 4] | (std::size_t{bytes_[pos_ + 5]} << 8);
    const std::size_t rows = bytes_[pos_ + 6] | (std::size_t{bytes_[pos_ + 7]} << 8);
    if (!Need(start, 8 + row_bytes * rows, "GS v 0 image data")) return;
    DecodedRasterImage image;
    image.width = static_cast<int>(row_bytes * 8);
    image.height = static_cast<int>(rows);
    image.bits.assign(bytes_.begin() + static_cast<std::ptrdiff_t>(pos_ + 8),
                      bytes_.begin() + static_cast<std::ptrdiff_t>(pos_ + 8 + row_bytes * rows));
    pos_ += 8 + row_bytes * rows;
    // m is 0..3, or the same as the ASCII digits 48..51.
    if (m > 3 && (m < 48 || m > 51)) {
      Error(start, fmt::format("GS v 0 mode {}", m));
      return;
    }
    image.mode = m % 48;
    if (row_bytes == 0 || rows == 0) {
      Error(start, fmt::format("GS v 0 of {} bytes by {} rows prints nothing", row_bytes, rows));
      return;
    }
    // Like GS ( k and GS V, a raster image is only printed at the start of
    // a line.
    if (!line_.empty()) Error(start, "raster image in the middle of a line");
    image.line_index = job_->lines.size();
    job_->images.push_back(std::move(image));
  }

  // GS V m, or GS V m n for m = 65, 66.
  void Cut(std::size_t start) {
    if (!Need(start, 3, "GS V")) return;
    const std::uint8_t m = bytes_[pos_ + 2];
    DecodedCut cut;
    if (m == 0 || m == 48 || m == 1 || m == 49) {
      pos_ += 3;
      cut.partial = m == 1 || m == 49;
    } else if (m == 65 || m == 66) {
      if (!Need(start, 4, "GS V m n")) return;
      cut.partial = m == 66;
      cut.feed = bytes_[pos_ + 3];
      pos_ += 4;
    } else {
      pos_ += 3;
      Error(start, fmt::format("unknown cut mode GS V {}", m));
      return;
    }
    // Printers execute GS V only at the beginning of a line.
    if (!line_.empty()) Error(start, "cut in the middle of a line");
    cut.line_index = job_->lines.size();
    job_->cuts.push_back(cut);
  }

  void Justification(std::size_t start, std::uint8_t n) {
    // Printers honour ESC a only at the beginning of a line.
    if (!line_.empty()) Error(start, "ESC a in the middle of a line is ignored by printers");
    switch (n) {
      case 0:
      case 48: modes_.align = DecodedAlign::kLeft; return;
      case 1:
      case 49: modes_.align = DecodedAlign::kCenter; return;
      case 2:
      case 50: modes_.align = DecodedAlign::kRight; return;
      default: Error(start, fmt::format("ESC a {}: no such justification", n));
    }
  }

  // One GB18030 character: two bytes (lead 81..FE, trail 40..7E or 80..FE)
  // or four (81..FE, 30..39, 81..FE, 30..39).
  void Gb18030Character(std::size_t start) {
    const std::uint8_t lead = bytes_[pos_];
    auto in = [&](std::size_t k, std::uint8_t low, std::uint8_t high) {
      return Has(k) && bytes_[pos_ + k] >= low && bytes_[pos_ + k] <= high;
    };
    std::size_t size = 0;
    if (lead >= 0x81 && lead <= 0xFE) {
      if ((in(1, 0x40, 0x7E) || in(1, 0x80, 0xFE))) {
        size = 2;
      } else if (in(1, 0x30, 0x39) && in(2, 0x81, 0xFE) && in(3, 0x30, 0x39)) {
        size = 4;
      }
    }
    if (size == 0) {
      ++pos_;
      Error(start, fmt::format("invalid GB18030 sequence starting with 0x{:02X}", lead));
      return;
    }
    AddCharacter(std::string(reinterpret_cast<const char*>(&bytes_[pos_]), size), 2);
    pos_ += size;
  }

  void AddCharacter(const std::string& encoded, int columns) {
    if (line_.empty()) line_modes_ = modes_;
    line_ += encoded;
    line_columns_ += columns * modes_.width;
  }

  void EndLine() {
    if (line_.empty()) line_modes_ = modes_;
    DecodedLine line = MakeLine(line_modes_);
    if (auto text = Gb18030ToUtf8(line_)) {
      line.text = std::move(*text);
    } else {
      Error(pos_, fmt::format("line {} is not valid GB18030", job_->lines.size()));
    }
    line.columns = line_columns_;
    job_->lines.push_back(std::move(line));
    line_.clear();
    line_columns_ = 0;
  }

  // ESC d n prints what is buffered (that is the first line fed) and feeds
  // the rest as blank lines.
  void FeedLines(int n) {
    if (!line_.empty()) {
      EndLine();
      --n;
    }
    for (int i = 0; i < n; ++i) {
      DecodedLine blank = MakeLine(modes_);
      blank.fed = true;
      job_->lines.push_back(std::move(blank));
    }
  }

  static DecodedLine MakeLine(const Modes& modes) {
    DecodedLine line;
    line.align = modes.align;
    line.width_magnification = modes.width;
    line.height_magnification = modes.height;
    line.emphasized = modes.emphasized;
    return line;
  }

  void StartJob(std::size_t start) {
    EndJob();
    result_.jobs.emplace_back();
    job_ = &result_.jobs.back();
    job_start_ = start;
    modes_ = Modes{};
    modes_.chinese = options_.chinese_mode_at_power_on;
    qr_stored_.reset();
    qr_printed_ = false;
    qr_model_ = 0;
    qr_module_size_ = 0;
    qr_error_correction_ = '?';
  }

  // A job exists from the first ESC @; bytes before it are reported and
  // collected in a job of their own.
  void Job(std::size_t start) {
    if (job_ != nullptr) return;
    Error(start, "data before the first ESC @");
    StartJob(start);
  }

  void EndJob() {
    if (job_ == nullptr) return;
    if (!line_.empty()) {
      // ESC @ clears the print buffer, and at the end of the stream nothing
      // prints it either: this text never reaches the paper.
      Error(pos_,
            fmt::format("job starting at byte {}: text without LF is never printed", job_start_));
      line_.clear();
      line_columns_ = 0;
    }
    if (qr_stored_ && !qr_printed_) {
      Error(pos_,
            fmt::format("job starting at byte {}: QR data stored but never printed", job_start_));
    }
    job_ = nullptr;
  }

  bool Has(std::size_t k) const { return pos_ + k < bytes_.size(); }

  // Whether `size` bytes of a command are there; if not, reports the
  // truncated command and skips the rest of the stream.
  bool Need(std::size_t start, std::size_t size, std::string_view name) {
    if (bytes_.size() - pos_ >= size) return true;
    Error(start, fmt::format("{} cut short by the end of the stream", name));
    pos_ = bytes_.size();
    return false;
  }

  void Error(std::size_t offset, std::string_view message) {
    result_.errors.push_back(fmt::format("byte {}: {}", offset, message));
  }

  std::span<const std::uint8_t> bytes_;
  DecodeOptions options_;
  std::size_t pos_ = 0;
  DecodedStream result_;
  DecodedJob* job_ = nullptr;
  std::size_t job_start_ = 0;
  Modes modes_;
  Modes line_modes_;
  std::string line_;  // Encoded bytes of the line being assembled.
  int line_columns_ = 0;
  std::optional<std::string> qr_stored_;
  bool qr_printed_ = false;
  int qr_model_ = 0;
  int qr_module_size_ = 0;
  char qr_error_correction_ = '?';
};

const char* AlignName(DecodedAlign align) {
  switch (align) {
    case DecodedAlign::kLeft: return "L";
    case DecodedAlign::kCenter: return "C";
    case DecodedAlign::kRight: return "R";
  }
  return "?";
}

}  // namespace

DecodedStream DecodeEscPos(std::span<const std::uint8_t> bytes, DecodeOptions options) {
  return Decoder(bytes, options).Run();
}

std::string DebugString(const DecodedStream& stream) {
  std::string out;
  for (std::size_t j = 0; j < stream.jobs.size(); ++j) {
    const DecodedJob& job = stream.jobs[j];
    out += fmt::format("job {}{}\n", j, job.sent_enter_chinese_mode ? " (FS &)" : "");
    std::size_t qr = 0;
    std::size_t image = 0;
    std::size_t cut = 0;
    for (std::size_t i = 0; i <= job.lines.size(); ++i) {
      for (; qr < job.qr_codes.size() && job.qr_codes[qr].line_index == i; ++qr) {
        const DecodedQrCode& code = job.qr_codes[qr];
        out += fmt::format("  [QR model {} size {} ec {}] {}\n", code.model, code.module_size,
                           code.error_correction, code.payload);
      }
      for (; image < job.images.size() && job.images[image].line_index == i; ++image) {
        const DecodedRasterImage& raster = job.images[image];
        out += fmt::format("  [raster {}x{} mode {}]\n", raster.width, raster.height, raster.mode);
      }
      for (; cut < job.cuts.size() && job.cuts[cut].line_index == i; ++cut) {
        out += fmt::format("  [{} cut, feed {}]\n", job.cuts[cut].partial ? "partial" : "full",
                           job.cuts[cut].feed);
      }
      if (i == job.lines.size()) break;
      const DecodedLine& line = job.lines[i];
      out +=
          fmt::format("  {} {}x{}{} {:2}{} |{}|\n", AlignName(line.align), line.width_magnification,
                      line.height_magnification, line.emphasized ? " B" : "  ", line.columns,
                      line.fed ? " fed" : "", line.text);
    }
  }
  for (const std::string& error : stream.errors) out += fmt::format("error: {}\n", error);
  return out;
}

}  // namespace kiosk::testing
