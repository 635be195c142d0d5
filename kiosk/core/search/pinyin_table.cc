#include "kiosk/core/search/pinyin_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>
#include <unordered_map>

#include "kiosk/core/search/utf8.h"

namespace kiosk::search {
namespace {

bool IsValidSyllable(std::string_view syllable) {
  if (syllable.empty() || syllable.size() > PinyinTable::kMaxSyllableLength) return false;
  return std::all_of(syllable.begin(), syllable.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// Splits on spaces and tabs; the table is hand-editable, so any run of
// either separates fields.
std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t') ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

}  // namespace

Result<PinyinTable> PinyinTable::Load(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file)
    return Fail(ErrorCode::kNotFound, fmt::format("pinyin table {} cannot be opened", path));
  std::ostringstream content;
  content << file.rdbuf();
  if (file.bad()) return Fail(ErrorCode::kIo, fmt::format("pinyin table {} cannot be read", path));
  return Parse(content.str(), path);
}

Result<PinyinTable> PinyinTable::Parse(std::string_view text, std::string_view source_name) {
  PinyinTable table;
  std::unordered_map<std::string, std::uint16_t> syllable_ids;
  std::size_t line_number = 0;
  auto problem = [&](const std::string& message) {
    return Fail(ErrorCode::kInvalidData,
                fmt::format("{}:{}: {}", source_name, line_number, message));
  };
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const auto fields = Fields(line);
    if (fields.empty() || fields.front().starts_with('#')) continue;

    const std::u32string hanzi = DecodeUtf8(fields.front());
    if (hanzi.size() != 1 || hanzi.front() < 0x80 || hanzi.front() == 0xFFFD) {
      return problem(fmt::format("\"{}\" is not one character", fields.front()));
    }
    if (fields.size() < 2) return problem(fmt::format("\"{}\" has no reading", fields.front()));
    Entry entry{hanzi.front(), static_cast<std::uint32_t>(table.reading_ids_.size()), 0};
    for (std::size_t i = 1; i < fields.size(); ++i) {
      std::string syllable(fields[i]);
      if (!IsValidSyllable(syllable)) {
        return problem(fmt::format("reading \"{}\" is not 1 to {} letters a-z (write ü as v)",
                                   syllable, kMaxSyllableLength));
      }
      auto [found, added] =
          syllable_ids.try_emplace(syllable, static_cast<std::uint16_t>(table.syllables_.size()));
      if (added) {
        if (table.syllables_.size() == std::numeric_limits<std::uint16_t>::max()) {
          return problem("more distinct syllables than any pinyin has");
        }
        table.syllables_.push_back(syllable);
      }
      const auto first = table.reading_ids_.begin() + entry.first_reading;
      if (std::find(first, table.reading_ids_.end(), found->second) != table.reading_ids_.end()) {
        continue;  // A repeated reading adds nothing.
      }
      table.reading_ids_.push_back(found->second);
      ++entry.reading_count;
    }
    table.entries_.push_back(entry);
  }
  std::stable_sort(table.entries_.begin(), table.entries_.end(),
                   [](const Entry& a, const Entry& b) { return a.hanzi < b.hanzi; });
  const auto duplicate =
      std::adjacent_find(table.entries_.begin(), table.entries_.end(),
                         [](const Entry& a, const Entry& b) { return a.hanzi == b.hanzi; });
  if (duplicate != table.entries_.end()) {
    std::string character;
    AppendUtf8(character, duplicate->hanzi);
    return Fail(ErrorCode::kInvalidData,
                fmt::format("{}: \"{}\" has more than one line; merge its readings", source_name,
                            character));
  }
  return table;
}

std::span<const std::uint16_t> PinyinTable::SyllableIds(char32_t hanzi) const {
  const auto found =
      std::lower_bound(entries_.begin(), entries_.end(), hanzi,
                       [](const Entry& entry, char32_t code) { return entry.hanzi < code; });
  if (found == entries_.end() || found->hanzi != hanzi) return {};
  return std::span<const std::uint16_t>(reading_ids_)
      .subspan(found->first_reading, found->reading_count);
}

std::vector<std::string_view> PinyinTable::Readings(char32_t hanzi) const {
  std::vector<std::string_view> readings;
  for (std::uint16_t id : SyllableIds(hanzi)) readings.push_back(syllables_[id]);
  return readings;
}

}  // namespace kiosk::search
