#include "drivers/id_card/ucs2_text.h"

#include <fmt/format.h>

#include <vector>

#include "common/secure_wipe.h"
#include "drivers/id_card/wipe_bytes.h"

namespace kiosk::devices {
namespace {

bool IsPadding(char32_t c) { return c == U' ' || c == U'\u3000'; }

bool IsControl(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

// Code points of the field up to the first U+0000; the buffer is wiped
// when it goes, as it holds the citizen's name or address.
class CodePoints {
 public:
  ~CodePoints() { WipeMemory(points_.data(), points_.capacity() * sizeof(char32_t)); }

  Result<void> Decode(std::span<const std::uint8_t> bytes) {
    points_.reserve(bytes.size() / 2);
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
      const char32_t unit = bytes[i] | (char32_t{bytes[i + 1]} << 8);
      if (unit == 0) break;
      if (unit >= 0xDC00 && unit <= 0xDFFF) {
        return Fail(ErrorCode::kInvalidData, "a UTF-16 low surrogate without a high one");
      }
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        const char32_t low =
            i + 3 < bytes.size() ? bytes[i + 2] | (char32_t{bytes[i + 3]} << 8) : 0;
        if (low < 0xDC00 || low > 0xDFFF) {
          return Fail(ErrorCode::kInvalidData, "a UTF-16 high surrogate without a low one");
        }
        points_.push_back(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
        i += 2;
        continue;
      }
      points_.push_back(unit);
    }
    return {};
  }

  const std::vector<char32_t>& points() const { return points_; }

 private:
  std::vector<char32_t> points_;
};

}  // namespace

Result<std::string> DecodeUcs2Field(std::span<const std::uint8_t> bytes) {
  if (bytes.size() % 2 != 0) {
    return Fail(ErrorCode::kInvalidData,
                fmt::format("a UCS-2 field of {} bytes (an odd number)", bytes.size()));
  }
  CodePoints decoded;
  if (auto done = decoded.Decode(bytes); !done) return std::unexpected(done.error());
  const std::vector<char32_t>& points = decoded.points();
  std::size_t begin = 0;
  std::size_t end = points.size();
  while (begin < end && IsPadding(points[begin])) ++begin;
  while (end > begin && IsPadding(points[end - 1])) --end;
  std::string text;
  text.reserve((end - begin) * 3);
  for (std::size_t i = begin; i < end; ++i) {
    if (IsControl(points[i])) {
      SecureWipe(text);
      return Fail(ErrorCode::kInvalidData, "a control character in a text field");
    }
    AppendUtf8(text, points[i]);
  }
  return text;
}

}  // namespace kiosk::devices
