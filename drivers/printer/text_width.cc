#include "drivers/printer/text_width.h"

#include <fmt/format.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "drivers/printer/utf8.h"

namespace kiosk::devices {
namespace {

bool IsControl(char32_t c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0); }

// Scripts written without spaces, where a line may break before or after
// any character: CJK ideographs, kana, Hangul, CJK punctuation and the
// full-width forms.
bool IsBreakAnywhere(char32_t c) {
  return (c >= 0x1100 && c <= 0x11FF) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0x20000 && c <= 0x3FFFD);
}

// Closing punctuation must not start a line and opening punctuation must
// not end one (the Chinese typesetting rule); such a character stays with
// its neighbour.
constexpr std::u32string_view kNoBreakBefore = U"，。、；：！？）」』】》〉］｝．’”…%,.;:!?)]}";
constexpr std::u32string_view kNoBreakAfter = U"（「『【《〈［｛‘“([{";

bool IsNoBreakBefore(char32_t c) { return kNoBreakBefore.find(c) != std::u32string_view::npos; }
bool IsNoBreakAfter(char32_t c) { return kNoBreakAfter.find(c) != std::u32string_view::npos; }

std::unexpected<Error> ControlCharacterAt(const Utf8Char& c) {
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("control character U+{:04X} at byte offset {} cannot be printed",
                          static_cast<std::uint32_t>(c.code_point), c.offset));
}

// A piece of a paragraph that is not broken unless it is longer than a whole
// line: a word, a Chinese character with any punctuation glued to it, or a
// run of spaces. [first, last) indexes the paragraph's characters.
struct Unit {
  std::size_t first = 0;
  std::size_t last = 0;
  int width = 0;
  bool is_space = false;
  // Whether a following letter continues this unit (true for words, false
  // after a Chinese character, where a line may break).
  bool open = false;
};

std::vector<Unit> SplitIntoUnits(const std::vector<Utf8Char>& chars) {
  std::vector<Unit> units;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    const char32_t c = chars[i].code_point;
    const int width = ColumnsOf(c);
    Unit* previous = units.empty() ? nullptr : &units.back();
    const bool after_space = previous == nullptr || previous->is_space;
    const bool space = c == U' ';
    bool join = false;
    bool open = false;
    if (space) {
      join = previous != nullptr && previous->is_space;
    } else if (!after_space && (IsNoBreakBefore(c) || IsNoBreakAfter(chars[i - 1].code_point))) {
      join = true;
      open = previous->open && !IsBreakAnywhere(c);
    } else if (IsBreakAnywhere(c)) {
      join = false;
    } else {
      join = !after_space && previous->open;
      open = true;
    }
    if (join && previous != nullptr) {
      previous->last = i + 1;
      previous->width += width;
      previous->open = open;
    } else {
      units.push_back(
          Unit{.first = i, .last = i + 1, .width = width, .is_space = space, .open = open});
    }
  }
  return units;
}

std::string BytesOf(std::string_view text, const std::vector<Utf8Char>& chars, std::size_t first,
                    std::size_t last) {
  if (first >= last) return {};
  const std::size_t begin = chars[first].offset;
  const std::size_t end = chars[last - 1].offset + chars[last - 1].size;
  return std::string(text.substr(begin, end - begin));
}

// Greedy line filling of one paragraph (text without "\n").
std::vector<std::string> WrapParagraph(std::string_view text, const std::vector<Utf8Char>& chars,
                                       int columns) {
  std::vector<std::string> lines;
  std::string line;
  int line_width = 0;
  // Spaces seen since the last word; printed only if another word follows
  // on the same line, so no line ends or (after a break) starts with them.
  std::string spaces;
  int spaces_width = 0;
  bool first_line = true;

  auto flush = [&] {
    lines.push_back(std::move(line));
    line.clear();
    line_width = 0;
    first_line = false;
  };

  for (const Unit& unit : SplitIntoUnits(chars)) {
    if (unit.is_space) {
      // Leading spaces of a paragraph are kept as indentation.
      if (line_width > 0 || first_line) {
        spaces = BytesOf(text, chars, unit.first, unit.last);
        spaces_width = unit.width;
      }
      continue;
    }
    if (line_width + spaces_width + unit.width <= columns) {
      line += spaces;
      line += BytesOf(text, chars, unit.first, unit.last);
      line_width += spaces_width + unit.width;
    } else {
      if (line_width > 0) flush();
      if (unit.width <= columns) {
        line = BytesOf(text, chars, unit.first, unit.last);
        line_width = unit.width;
      } else {
        // Longer than a line: break between characters, never inside one.
        for (std::size_t i = unit.first; i < unit.last; ++i) {
          const int width = ColumnsOf(chars[i].code_point);
          if (line_width + width > columns) flush();
          line += BytesOf(text, chars, i, i + 1);
          line_width += width;
        }
      }
    }
    spaces.clear();
    spaces_width = 0;
  }
  flush();
  return lines;
}

}  // namespace

int ColumnsOf(char32_t code_point) {
  if (IsControl(code_point)) return 0;
  return code_point < 0x80 ? 1 : 2;
}

Result<int> DisplayWidth(std::string_view text) {
  auto chars = DecodeUtf8(text);
  if (!chars) return std::unexpected(chars.error());
  int width = 0;
  for (const Utf8Char& c : *chars) {
    if (IsControl(c.code_point)) return ControlCharacterAt(c);
    width += ColumnsOf(c.code_point);
  }
  return width;
}

Result<std::vector<std::string>> WrapToColumns(std::string_view text, int columns) {
  if (columns < 2) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("cannot wrap to {} columns: a Chinese character needs 2", columns));
  }
  auto chars = DecodeUtf8(text);
  if (!chars) return std::unexpected(chars.error());

  std::vector<std::string> lines;
  std::vector<Utf8Char> paragraph;
  std::size_t paragraph_start = 0;
  auto wrap_paragraph = [&](std::size_t end) {
    // Offsets are rebased so BytesOf can slice the paragraph on its own.
    const std::string_view slice = text.substr(paragraph_start, end - paragraph_start);
    for (Utf8Char& c : paragraph) c.offset -= paragraph_start;
    for (std::string& line : WrapParagraph(slice, paragraph, columns)) {
      lines.push_back(std::move(line));
    }
    paragraph.clear();
  };
  for (const Utf8Char& c : *chars) {
    if (c.code_point == U'\n') {
      wrap_paragraph(c.offset);
      paragraph_start = c.offset + 1;
      continue;
    }
    if (IsControl(c.code_point)) return ControlCharacterAt(c);
    paragraph.push_back(c);
  }
  wrap_paragraph(text.size());
  return lines;
}

Result<std::string> PadEnd(std::string_view text, int columns) {
  auto width = DisplayWidth(text);
  if (!width) return std::unexpected(width.error());
  if (*width > columns) {
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format("text is {} columns wide, more than the {} available", *width, columns));
  }
  std::string padded(text);
  padded.append(static_cast<std::size_t>(columns - *width), ' ');
  return padded;
}

Result<std::string> PadStart(std::string_view text, int columns) {
  auto width = DisplayWidth(text);
  if (!width) return std::unexpected(width.error());
  if (*width > columns) {
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format("text is {} columns wide, more than the {} available", *width, columns));
  }
  std::string padded(static_cast<std::size_t>(columns - *width), ' ');
  padded += text;
  return padded;
}

}  // namespace kiosk::devices
