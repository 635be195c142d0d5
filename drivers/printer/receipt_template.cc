#include "drivers/printer/receipt_template.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "drivers/printer/pbm_image.h"
#include "drivers/printer/utf8.h"

namespace kiosk::devices {
namespace {

using nlohmann::json;

constexpr int kFormatVersion = 1;

std::unexpected<Error> Invalid(std::size_t index, const std::string& detail) {
  return Fail(ErrorCode::kInvalidData, fmt::format("receipt template element {}: {}", index, detail));
}

const std::map<std::string, TemplateElementKind>& Kinds() {
  static const std::map<std::string, TemplateElementKind> kinds = {
      {"title", TemplateElementKind::kTitle}, {"text", TemplateElementKind::kText},
      {"row", TemplateElementKind::kRow},     {"separator", TemplateElementKind::kSeparator},
      {"qr", TemplateElementKind::kQr},       {"logo", TemplateElementKind::kLogo},
      {"feed", TemplateElementKind::kFeed},   {"cut", TemplateElementKind::kCut}};
  return kinds;
}

// The keys each kind takes besides "type" and "if".
const std::set<std::string>& KeysOf(TemplateElementKind kind) {
  static const std::map<TemplateElementKind, std::set<std::string>> keys = {
      {TemplateElementKind::kTitle, {"text"}},
      {TemplateElementKind::kText, {"text", "align", "mask"}},
      {TemplateElementKind::kRow, {"key", "value", "mask"}},
      {TemplateElementKind::kSeparator, {"fill"}},
      {TemplateElementKind::kQr, {"data", "module_size", "optional"}},
      {TemplateElementKind::kLogo, {"file", "optional"}},
      {TemplateElementKind::kFeed, {"lines"}},
      {TemplateElementKind::kCut, {}}};
  return keys.at(kind);
}

Result<std::string> String(std::size_t index, const json& element, const char* key) {
  if (!element.contains(key) || !element[key].is_string()) {
    return Invalid(index, fmt::format("\"{}\" must be a string", key));
  }
  return element[key].get<std::string>();
}

Result<int> Integer(std::size_t index, const json& element, const char* key, int fallback, int low,
                    int high) {
  if (!element.contains(key)) return fallback;
  const json& value = element[key];
  if (!value.is_number_integer() || value.get<long long>() < low || value.get<long long>() > high) {
    return Invalid(index, fmt::format("\"{}\" must be a whole number {}..{}", key, low, high));
  }
  return value.get<int>();
}

Result<TextMask> ParseMask(std::size_t index, const json& mask) {
  if (!mask.is_object()) return Invalid(index, "\"mask\" must be {\"keep_first\": N, \"keep_last\": M}");
  for (const auto& [key, value] : mask.items()) {
    if (key != "keep_first" && key != "keep_last") {
      return Invalid(index, fmt::format("unknown key \"{}\" in \"mask\"", key));
    }
  }
  auto first = Integer(index, mask, "keep_first", 0, 0, 64);
  if (!first) return std::unexpected(first.error());
  auto last = Integer(index, mask, "keep_last", 0, 0, 64);
  if (!last) return std::unexpected(last.error());
  return TextMask{*first, *last};
}

Result<bool> Boolean(std::size_t index, const json& element, const char* key) {
  if (!element.contains(key)) return false;
  if (!element[key].is_boolean()) {
    return Invalid(index, fmt::format("\"{}\" must be true or false", key));
  }
  return element[key].get<bool>();
}

// A logo's file: a relative path that stays inside the template's
// directory, so a template cannot make the kiosk read files elsewhere.
Result<BitImage> ReadLogo(std::size_t index, const std::string& file,
                          const std::filesystem::path& directory) {
  const std::filesystem::path relative(file);
  const bool leaves = std::any_of(relative.begin(), relative.end(),
                                  [](const std::filesystem::path& part) { return part == ".."; });
  if (file.empty() || relative.is_absolute() || leaves) {
    return Invalid(index, fmt::format("logo \"{}\" must be a file name relative to the "
                                      "template's directory",
                                      file));
  }
  auto image = LoadPbmFile((directory / relative).string());
  if (!image) return Invalid(index, fmt::format("logo: {}", image.error().detail));
  return image;
}

Result<TemplateElement> ParseElement(std::size_t index, const json& object,
                                     const std::filesystem::path& directory) {
  if (!object.is_object()) return Invalid(index, "expected an object");
  if (!object.contains("type") || !object["type"].is_string() ||
      !Kinds().contains(object["type"].get<std::string>())) {
    return Invalid(index, "\"type\" must be title, text, row, separator, qr, logo, feed or cut");
  }
  TemplateElement element;
  element.kind = Kinds().at(object["type"].get<std::string>());
  for (const auto& [key, value] : object.items()) {
    if (key != "type" && key != "if" && !KeysOf(element.kind).contains(key)) {
      return Invalid(index, fmt::format("unknown key \"{}\" for a {}", key,
                                        object["type"].get<std::string>()));
    }
  }
  if (object.contains("if")) {
    if (!object["if"].is_string() || object["if"].get<std::string>().empty()) {
      return Invalid(index, "\"if\" must name a data field");
    }
    element.condition = object["if"];
  }
  auto optional = Boolean(index, object, "optional");
  if (!optional) return std::unexpected(optional.error());
  element.optional = *optional;
  if (object.contains("mask")) {
    auto mask = ParseMask(index, object["mask"]);
    if (!mask) return std::unexpected(mask.error());
    element.mask = *mask;
  }
  switch (element.kind) {
    case TemplateElementKind::kTitle:
    case TemplateElementKind::kText: {
      auto text = String(index, object, "text");
      if (!text) return std::unexpected(text.error());
      element.text = *text;
      if (object.contains("align")) {
        const json& align = object["align"];
        if (align == "left") {
          element.align = Align::kLeft;
        } else if (align == "center") {
          element.align = Align::kCenter;
        } else if (align == "right") {
          element.align = Align::kRight;
        } else {
          return Invalid(index, "\"align\" must be left, center or right");
        }
      }
      break;
    }
    case TemplateElementKind::kRow: {
      auto key = String(index, object, "key");
      if (!key) return std::unexpected(key.error());
      auto value = String(index, object, "value");
      if (!value) return std::unexpected(value.error());
      element.text = *key;
      element.value = *value;
      break;
    }
    case TemplateElementKind::kSeparator: {
      if (object.contains("fill")) {
        const json& fill = object["fill"];
        if (!fill.is_string() || fill.get<std::string>().size() != 1 ||
            fill.get<std::string>()[0] < ' ' || fill.get<std::string>()[0] > '~') {
          return Invalid(index, "\"fill\" must be one printable ASCII character");
        }
        element.fill = fill.get<std::string>()[0];
      }
      break;
    }
    case TemplateElementKind::kQr: {
      auto data = String(index, object, "data");
      if (!data) return std::unexpected(data.error());
      element.text = *data;
      auto size = Integer(index, object, "module_size", 6, 1, 16);
      if (!size) return std::unexpected(size.error());
      element.number = *size;
      break;
    }
    case TemplateElementKind::kLogo: {
      auto file = String(index, object, "file");
      if (!file) return std::unexpected(file.error());
      auto image = ReadLogo(index, *file, directory);
      if (!image) return std::unexpected(image.error());
      element.text = *file;
      element.logo = std::move(*image);
      break;
    }
    case TemplateElementKind::kFeed: {
      auto lines = Integer(index, object, "lines", 1, 0, 255);
      if (!lines) return std::unexpected(lines.error());
      element.number = *lines;
      break;
    }
    case TemplateElementKind::kCut: break;
  }
  return element;
}

// A data field as text: a string as it is, a number as JSON writes it;
// nullopt when absent or null.
Result<std::optional<std::string>> Field(const json& data, const std::string& name) {
  if (!data.contains(name) || data[name].is_null()) return std::optional<std::string>();
  const json& value = data[name];
  if (value.is_string()) return std::optional<std::string>(value.get<std::string>());
  if (value.is_number()) return std::optional<std::string>(value.dump());
  return Fail(ErrorCode::kInvalidData,
              fmt::format("data field \"{}\" must be a string or a number", name));
}

Result<std::string> Fill(std::size_t index, std::string_view text, const json& data) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
      out += '{';
      ++i;
    } else if (c == '}' && i + 1 < text.size() && text[i + 1] == '}') {
      out += '}';
      ++i;
    } else if (c == '{') {
      const auto close = text.find('}', i);
      if (close == std::string_view::npos) {
        return Invalid(index, fmt::format("'{{' without '}}' in \"{}\"", text));
      }
      const std::string name(text.substr(i + 1, close - i - 1));
      if (name.empty() || name.find('{') != std::string::npos) {
        return Invalid(index, fmt::format("bad placeholder in \"{}\"", text));
      }
      auto value = Field(data, name);
      if (!value) return Invalid(index, value.error().detail);
      if (!*value) return Invalid(index, fmt::format("the data has no \"{}\"", name));
      out += **value;
      i = close;
    } else if (c == '}') {
      return Invalid(index, fmt::format("'}}' without '{{' in \"{}\" (write }}}} for a brace)", text));
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

Result<std::string> MaskText(std::string_view text, TextMask mask) {
  auto characters = DecodeUtf8(text);
  if (!characters) return std::unexpected(characters.error());
  const std::size_t count = characters->size();
  const auto first = static_cast<std::size_t>(mask.keep_first);
  const auto last = static_cast<std::size_t>(mask.keep_last);
  if (first + last >= count) return std::string(count, '*');
  std::string out;
  for (std::size_t i = 0; i < count; ++i) {
    const Utf8Char& character = (*characters)[i];
    if (i < first || i >= count - last) {
      out.append(text.substr(character.offset, character.size));
    } else {
      out += '*';
    }
  }
  return out;
}

Result<ReceiptTemplate> ParseReceiptTemplate(const json& object,
                                             const std::filesystem::path& directory) {
  if (!object.is_object()) return Fail(ErrorCode::kInvalidData, "receipt template: expected an object");
  for (const auto& [key, value] : object.items()) {
    if (key != "format_version" && key != "comment" && key != "elements") {
      return Fail(ErrorCode::kInvalidData, fmt::format("receipt template: unknown key \"{}\"", key));
    }
  }
  if (!object.contains("format_version") || object["format_version"] != kFormatVersion) {
    return Fail(ErrorCode::kInvalidData,
                fmt::format("receipt template: \"format_version\" must be {}", kFormatVersion));
  }
  if (!object.contains("elements") || !object["elements"].is_array() ||
      object["elements"].empty()) {
    return Fail(ErrorCode::kInvalidData, "receipt template: \"elements\" must be a non-empty list");
  }
  ReceiptTemplate parsed;
  for (std::size_t i = 0; i < object["elements"].size(); ++i) {
    auto element = ParseElement(i, object["elements"][i], directory);
    if (!element) return std::unexpected(element.error());
    parsed.elements.push_back(std::move(*element));
  }
  return parsed;
}

Result<ReceiptDocument> RenderReceipt(const ReceiptTemplate& receipt_template, const json& data) {
  if (!data.is_object()) return Fail(ErrorCode::kInvalidData, "receipt data: expected an object");
  ReceiptDocument document;
  for (std::size_t i = 0; i < receipt_template.elements.size(); ++i) {
    const TemplateElement& element = receipt_template.elements[i];
    if (!element.condition.empty()) {
      auto value = Field(data, element.condition);
      if (!value) return Invalid(i, value.error().detail);
      if (!*value || (*value)->empty()) continue;
    }
    if (element.kind == TemplateElementKind::kLogo) {
      // A file name, not text: no placeholders in it.
      document.elements.push_back(Logo{element.text, element.logo, element.optional});
      continue;
    }
    auto text = Fill(i, element.text, data);
    if (!text) return std::unexpected(text.error());
    auto masked = [&](std::string filled) -> Result<std::string> {
      if (!element.mask) return filled;
      auto result = MaskText(filled, *element.mask);
      if (!result) return Invalid(i, result.error().detail);
      return result;
    };
    switch (element.kind) {
      case TemplateElementKind::kTitle: document.elements.push_back(Title{*text}); break;
      case TemplateElementKind::kText: {
        auto shown = masked(*text);
        if (!shown) return std::unexpected(shown.error());
        document.elements.push_back(Text{*shown, element.align});
        break;
      }
      case TemplateElementKind::kRow: {
        auto value = Fill(i, element.value, data);
        if (!value) return std::unexpected(value.error());
        auto shown = masked(*value);
        if (!shown) return std::unexpected(shown.error());
        document.elements.push_back(KeyValue{*text, *shown});
        break;
      }
      case TemplateElementKind::kSeparator:
        document.elements.push_back(Separator{element.fill});
        break;
      case TemplateElementKind::kQr:
        document.elements.push_back(QrCode{*text, element.number, element.optional});
        break;
      case TemplateElementKind::kLogo: break;  // Added above.
      case TemplateElementKind::kFeed: document.elements.push_back(Feed{element.number}); break;
      case TemplateElementKind::kCut: document.elements.push_back(Cut{}); break;
    }
  }
  return document;
}

Result<ReceiptTemplate> LoadReceiptTemplate(const std::string& path) {
  auto object = ReadJsonFile(path);
  if (!object) return std::unexpected(object.error());
  auto parsed = ParseReceiptTemplate(*object, std::filesystem::path(path).parent_path());
  if (!parsed) return Fail(parsed.error().code, path + ": " + parsed.error().detail);
  return parsed;
}

Result<json> ReadJsonFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kIo, "cannot open " + path);
  json parsed = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Fail(ErrorCode::kInvalidData, path + " is not JSON");
  return parsed;
}

}  // namespace kiosk::devices
