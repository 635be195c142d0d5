#include "kiosk/core/config/text_table_check.h"

#include <vector>

namespace kiosk {
namespace {

std::string Join(const std::set<std::string>& names) {
  std::string joined;
  for (const auto& name : names) {
    if (!joined.empty()) joined += ", ";
    joined += "{" + name + "}";
  }
  return joined.empty() ? "none" : joined;
}

}  // namespace

std::set<std::string> Placeholders(const std::string& text) {
  std::set<std::string> names;
  for (auto open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
    const auto close = text.find('}', open + 1);
    if (close == std::string::npos) break;
    const std::string name = text.substr(open + 1, close - open - 1);
    if (!name.empty() && name.find('{') == std::string::npos) names.insert(name);
  }
  return names;
}

Result<void> CheckSameKeysAndPlaceholders(const TextTable& reference, const TextTable& other,
                                          const std::string& name) {
  std::vector<std::string> missing;
  std::vector<std::string> mismatched;
  for (const auto& [key, text] : reference.All()) {
    auto found = other.All().find(key);
    if (found == other.All().end()) {
      missing.push_back(key);
      continue;
    }
    const auto expected = Placeholders(text);
    const auto actual = Placeholders(found->second);
    if (expected != actual) {
      mismatched.push_back(key + " has " + Join(actual) + ", expected " + Join(expected));
    }
  }
  if (missing.empty() && mismatched.empty()) return {};
  std::string detail = name + ":";
  if (!missing.empty()) {
    detail += " missing key(s)";
    for (std::size_t i = 0; i < missing.size(); ++i) detail += (i ? ", " : " ") + missing[i];
  }
  if (!mismatched.empty()) {
    if (!missing.empty()) detail += ";";
    detail += " placeholders differ:";
    for (std::size_t i = 0; i < mismatched.size(); ++i) {
      detail += (i ? "; " : " ") + mismatched[i];
    }
  }
  return Fail(ErrorCode::kInvalidData, detail);
}

Result<std::map<std::string, TextTable>> LoadTextTables(const KioskConfig& config) {
  std::map<std::string, TextTable> tables;
  std::map<std::string, std::string> files = config.text_files;
  // A configuration built in code may name only texts_file.
  if (files.empty()) files[config.default_language] = config.texts_file;
  auto reference_file = files.find(config.default_language);
  if (reference_file == files.end()) {
    return Fail(ErrorCode::kInvalidData,
                "default language " + config.default_language + " has no text table");
  }
  auto reference = TextTable::Load(reference_file->second);
  if (!reference) return std::unexpected(reference.error());
  for (const auto& [language, file] : files) {
    if (language == config.default_language) continue;
    auto table = TextTable::Load(file);
    if (!table) return std::unexpected(table.error());
    auto checked = CheckSameKeysAndPlaceholders(
        *reference, *table, file + " (" + language + ", against " + config.default_language + ")");
    if (!checked) return std::unexpected(checked.error());
    tables.emplace(language, std::move(*table));
  }
  tables.emplace(config.default_language, std::move(*reference));
  return tables;
}

}  // namespace kiosk
