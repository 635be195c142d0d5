#include "drivers/printer/pbm_image.h"

#include <fmt/format.h>

#include <cstddef>
#include <fstream>
#include <iterator>
#include <optional>
#include <vector>

namespace kiosk::devices {
namespace {

bool IsSpace(std::uint8_t byte) {
  return byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r' || byte == '\v' ||
         byte == '\f';
}

// Reads the header fields and plain raster digits, which Netpbm separates by
// whitespace and "#" comments running to the end of the line.
class Reader {
 public:
  explicit Reader(std::span<const std::uint8_t> bytes) : bytes_(bytes) {}

  void SkipSpaceAndComments() {
    while (pos_ < bytes_.size()) {
      if (bytes_[pos_] == '#') {
        while (pos_ < bytes_.size() && bytes_[pos_] != '\n') ++pos_;
      } else if (IsSpace(bytes_[pos_])) {
        ++pos_;
      } else {
        return;
      }
    }
  }

  // A decimal number of at most five digits (the caller bounds it further).
  std::optional<int> Number() {
    SkipSpaceAndComments();
    int value = 0;
    std::size_t digits = 0;
    while (pos_ < bytes_.size() && bytes_[pos_] >= '0' && bytes_[pos_] <= '9' && digits < 5) {
      value = value * 10 + (bytes_[pos_] - '0');
      ++pos_;
      ++digits;
    }
    if (digits == 0) return std::nullopt;
    return value;
  }

  std::optional<std::uint8_t> Next() {
    if (pos_ >= bytes_.size()) return std::nullopt;
    return bytes_[pos_++];
  }

  std::span<const std::uint8_t> Rest() const { return bytes_.subspan(pos_); }

 private:
  std::span<const std::uint8_t> bytes_;
  std::size_t pos_ = 0;
};

// P4: rows of ceil(width / 8) bytes, the first dot in the top bit; the
// bits that pad a row to whole bytes mean nothing.
Result<void> ReadBinaryRaster(std::span<const std::uint8_t> raster, BitImage& image,
                              const std::string& name) {
  const auto row_bytes = static_cast<std::size_t>((image.width + 7) / 8);
  const std::size_t needed = row_bytes * static_cast<std::size_t>(image.height);
  if (raster.size() < needed) {
    return Fail(ErrorCode::kInvalidData, fmt::format("{}: the bitmap is cut short ({} of {} bytes)",
                                                     name, raster.size(), needed));
  }
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      const std::uint8_t byte =
          raster[static_cast<std::size_t>(y) * row_bytes + static_cast<std::size_t>(x / 8)];
      if ((byte >> (7 - x % 8)) & 1) image.SetBlack(x, y);
    }
  }
  return {};
}

// P1: one '0' or '1' per dot, whitespace allowed (not required) between them.
Result<void> ReadPlainRaster(Reader& reader, BitImage& image, const std::string& name) {
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      reader.SkipSpaceAndComments();
      const auto digit = reader.Next();
      if (!digit) {
        return Fail(ErrorCode::kInvalidData,
                    fmt::format("{}: the bitmap is cut short at row {}, column {}", name, y, x));
      }
      if (*digit != '0' && *digit != '1') {
        return Fail(ErrorCode::kInvalidData,
                    fmt::format("{}: byte 0x{:02X} at row {}, column {} is neither 0 nor 1", name,
                                *digit, y, x));
      }
      if (*digit == '1') image.SetBlack(x, y);
    }
  }
  return {};
}

}  // namespace

Result<BitImage> ParsePbm(std::span<const std::uint8_t> bytes, const std::string& name) {
  Reader reader(bytes);
  const auto p = reader.Next();
  const auto kind = reader.Next();
  if (!p || *p != 'P' || !kind || (*kind != '1' && *kind != '4')) {
    return Fail(ErrorCode::kInvalidData,
                fmt::format("{}: not a PBM bitmap (expected \"P1\" or \"P4\" at the start; "
                            "greyscale and colour images must be made 1-bit first)",
                            name));
  }
  const auto width = reader.Number();
  const auto height = reader.Number();
  if (!width || !height || *width < 1 || *height < 1 || *width > kMaxPbmSide ||
      *height > kMaxPbmSide) {
    return Fail(ErrorCode::kInvalidData,
                fmt::format("{}: the header must give a width and height of 1..{} dots", name,
                            kMaxPbmSide));
  }
  BitImage image = BitImage::Blank(*width, *height);
  if (*kind == '1') {
    if (auto read = ReadPlainRaster(reader, image, name); !read) {
      return std::unexpected(read.error());
    }
    return image;
  }
  // Exactly one whitespace byte ends a binary header; the raster may start
  // with any byte, even one that looks like whitespace.
  const auto separator = reader.Next();
  if (!separator || !IsSpace(*separator)) {
    return Fail(ErrorCode::kInvalidData,
                fmt::format("{}: no whitespace between the header and the bitmap", name));
  }
  if (auto read = ReadBinaryRaster(reader.Rest(), image, name); !read) {
    return std::unexpected(read.error());
  }
  return image;
}

Result<BitImage> LoadPbmFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Fail(ErrorCode::kIo, fmt::format("cannot open {}", path));
  const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in),
                                        std::istreambuf_iterator<char>()};
  if (in.bad()) return Fail(ErrorCode::kIo, fmt::format("cannot read {}", path));
  return ParsePbm(bytes, path);
}

}  // namespace kiosk::devices
