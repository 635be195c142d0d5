#include "kiosk/core/search/unihan_pinyin.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <string_view>
#include <vector>

#include "kiosk/core/search/letter_folding.h"
#include "kiosk/core/search/utf8.h"

namespace kiosk::search {
namespace {

struct CharacterReadings {
  std::vector<std::string> mandarin;
  std::vector<std::string> tghz2013;
  std::vector<std::string> xhc1983;
  std::vector<std::string> hanyu_pinlu;
  std::vector<std::string> hanyu_pinyin;
};

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find(separator), text.size());
    if (end > 0) parts.push_back(text.substr(0, end));
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return parts;
}

// "zhǎng" → "zhang", "lǜ" → "lv", "m̀" → "m".
Result<std::string> Toneless(std::string_view reading) {
  std::string letters;
  for (char32_t code_point : DecodeUtf8(reading)) {
    if (IsCombiningMark(code_point)) continue;
    const char letter = FoldLetter(code_point);
    if (letter == '\0') {
      return Fail(ErrorCode::kInvalidData,
                  fmt::format("reading \"{}\" has a character that is not pinyin", reading));
    }
    letters.push_back(letter);
  }
  return letters;
}

// The readings of one field value. Dictionary fields prefix each group of
// readings with its page location ("0442.080:háng 0443.050:hàng",
// "20811.060:háng,xìng"); kHanyuPinlu suffixes a count ("xíng(2943)").
Result<std::vector<std::string>> ParseReadings(std::string_view field, std::string_view value) {
  std::vector<std::string> readings;
  for (std::string_view entry : Split(value, ' ')) {
    if (const std::size_t colon = entry.rfind(':'); colon != std::string_view::npos) {
      entry.remove_prefix(colon + 1);
    }
    if (field == "kHanyuPinlu") entry = entry.substr(0, entry.find('('));
    for (std::string_view reading : Split(entry, ',')) {
      auto toneless = Toneless(reading);
      if (!toneless) return std::unexpected(toneless.error());
      readings.push_back(std::move(*toneless));
    }
  }
  return readings;
}

std::vector<std::string>* FieldReadings(CharacterReadings& readings, std::string_view field) {
  if (field == "kMandarin") return &readings.mandarin;
  if (field == "kTGHZ2013") return &readings.tghz2013;
  if (field == "kXHC1983") return &readings.xhc1983;
  if (field == "kHanyuPinlu") return &readings.hanyu_pinlu;
  if (field == "kHanyuPinyin") return &readings.hanyu_pinyin;
  return nullptr;
}

// The preference order documented in the header.
std::vector<std::string> ChooseReadings(const CharacterReadings& found) {
  std::vector<std::string> chosen = found.mandarin;
  const std::vector<std::string>* dictionary = &found.hanyu_pinyin;
  if (!found.tghz2013.empty()) {
    dictionary = &found.tghz2013;
  } else if (!found.xhc1983.empty()) {
    dictionary = &found.xhc1983;
  } else if (!found.hanyu_pinlu.empty()) {
    dictionary = &found.hanyu_pinlu;
  } else if (!found.mandarin.empty()) {
    dictionary = nullptr;  // 汉语大字典's extra readings would only add noise.
  }
  if (dictionary != nullptr) chosen.insert(chosen.end(), dictionary->begin(), dictionary->end());
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    if (chosen[i] == "lve" || chosen[i] == "nve")
      chosen.push_back(fmt::format("{}ue", chosen[i][0]));
  }
  std::vector<std::string> distinct;
  for (auto& reading : chosen) {
    if (std::find(distinct.begin(), distinct.end(), reading) == distinct.end()) {
      distinct.push_back(std::move(reading));
    }
  }
  return distinct;
}

}  // namespace

Result<UnihanPinyinTable> BuildPinyinTableFromUnihan(std::istream& unihan_readings) {
  std::map<char32_t, CharacterReadings> characters;
  std::string unicode_version = "unknown";
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(unihan_readings, line)) {
    ++line_number;
    const std::string_view text(line);
    if (constexpr std::string_view kVersion = "# Unicode version: "; text.starts_with(kVersion)) {
      unicode_version = std::string(text.substr(kVersion.size()));
    }
    if (!text.starts_with("U+")) continue;
    const auto columns = Split(text, '\t');
    if (columns.size() != 3) {
      return Fail(ErrorCode::kInvalidData,
                  fmt::format("Unihan line {} does not have 3 columns", line_number));
    }
    std::uint32_t code = 0;
    const std::string_view hex = columns[0].substr(2);
    const auto parsed = std::from_chars(hex.data(), hex.data() + hex.size(), code, 16);
    if (parsed.ec != std::errc() || parsed.ptr != hex.data() + hex.size()) {
      return Fail(ErrorCode::kInvalidData,
                  fmt::format("Unihan line {} has a bad code point {}", line_number, columns[0]));
    }
    CharacterReadings& entry = characters[static_cast<char32_t>(code)];
    std::vector<std::string>* field = FieldReadings(entry, columns[1]);
    if (field == nullptr) continue;
    auto readings = ParseReadings(columns[1], columns[2]);
    if (!readings) {
      return Fail(ErrorCode::kInvalidData,
                  fmt::format("Unihan line {} ({} {}): {}", line_number, columns[0], columns[1],
                              readings.error().detail));
    }
    *field = std::move(*readings);
  }
  if (unihan_readings.bad()) return Fail(ErrorCode::kIo, "reading the Unihan file failed");

  UnihanPinyinTable table;
  table.text = fmt::format(
      "# Hanzi -> toneless pinyin for citizen search (kiosk/core/search/pinyin_table.h).\n"
      "# A character, then every reading, the most common first (search ranks matches\n"
      "# through it higher); v stands for ü. Generated by pinyin_table_gen from\n"
      "# Unihan_Readings.txt of Unicode {} (Debian package unicode-data): kMandarin,\n"
      "# then kTGHZ2013, else kXHC1983, else kHanyuPinlu, else kHanyuPinyin.\n",
      unicode_version);
  for (const auto& [code, found] : characters) {
    const std::vector<std::string> readings = ChooseReadings(found);
    if (readings.empty()) continue;
    AppendUtf8(table.text, code);
    for (const auto& reading : readings) {
      table.text += ' ';
      table.text += reading;
    }
    table.text += '\n';
    ++table.characters;
    if (readings.size() > 1) ++table.polyphonic_characters;
  }
  if (table.characters == 0) {
    return Fail(ErrorCode::kInvalidData, "the Unihan file has no Mandarin readings");
  }
  return table;
}

}  // namespace kiosk::search
