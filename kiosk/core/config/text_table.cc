#include "kiosk/core/config/text_table.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "common/log.h"

namespace kiosk {

Result<TextTable> TextTable::Load(const std::string& file) {
  std::ifstream in(file);
  if (!in) return Fail(ErrorCode::kIo, "cannot open text table " + file);
  auto document = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object() || !document.contains("texts") ||
      !document["texts"].is_object()) {
    return Fail(ErrorCode::kInvalidData, file + ": expected an object with a \"texts\" object");
  }
  std::map<std::string, std::string> texts;
  for (const auto& [key, value] : document["texts"].items()) {
    if (!value.is_string()) {
      return Fail(ErrorCode::kInvalidData, file + ": texts." + key + " is not a string");
    }
    texts[key] = value.get<std::string>();
  }
  return FromMap(std::move(texts));
}

TextTable TextTable::FromMap(std::map<std::string, std::string> texts) {
  TextTable table;
  table.texts_ = std::move(texts);
  return table;
}

const std::string& TextTable::Get(const std::string& key) const {
  auto found = texts_.find(key);
  if (found != texts_.end()) return found->second;
  if (reported_missing_.insert(key).second) log::Warning("texts", "missing text key {}", key);
  return missing_placeholders_.try_emplace(key, "<" + key + ">").first->second;
}

std::string TextTable::Format(const std::string& key,
                              const std::map<std::string, std::string>& values) const {
  std::string text = Get(key);
  for (const auto& [name, value] : values) {
    const std::string placeholder = "{" + name + "}";
    for (auto at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size())) {
      text.replace(at, placeholder.size(), value);
    }
  }
  return text;
}

}  // namespace kiosk
