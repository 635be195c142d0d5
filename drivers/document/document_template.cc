#include "drivers/document/document_template.h"

#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string_view>

namespace kiosk::document {
namespace {

using nlohmann::json;

std::unexpected<Error> Bad(const std::string& where, const std::string& problem) {
  return std::unexpected<Error>(
      Error(ErrorCode::kInvalidData, "template: " + where + ": " + problem, "bad_template"));
}

std::string Join(const std::string& where, const std::string& key) {
  return where.empty() ? key : where + "." + key;
}

// Every key of `object` must be one of `allowed`.
Result<void> OnlyKeys(const json& object, const std::string& where,
                      std::initializer_list<std::string_view> allowed) {
  if (!object.is_object()) return Bad(where.empty() ? "(top)" : where, "must be an object");
  for (const auto& [key, value] : object.items()) {
    bool known = false;
    for (std::string_view name : allowed) known = known || key == name;
    if (!known) return Bad(Join(where, key), "unknown key");
  }
  return {};
}

Result<std::string> GetString(const json& object, const std::string& where, const char* key,
                              bool required, std::string fallback = {}) {
  if (!object.contains(key)) {
    if (required) return Bad(Join(where, key), "missing");
    return fallback;
  }
  const json& value = object.at(key);
  if (!value.is_string()) return Bad(Join(where, key), "must be a string");
  return value.get<std::string>();
}

Result<double> GetPositive(const json& object, const std::string& where, const char* key,
                           double fallback, double max) {
  if (!object.contains(key)) return fallback;
  const json& value = object.at(key);
  if (!value.is_number() || value.get<double>() <= 0 || value.get<double>() > max) {
    return Bad(Join(where, key), "must be a number > 0 and <= " + json(max).dump());
  }
  return value.get<double>();
}

Result<bool> GetBool(const json& object, const std::string& where, const char* key) {
  if (!object.contains(key)) return false;
  if (!object.at(key).is_boolean()) return Bad(Join(where, key), "must be true or false");
  return object.at(key).get<bool>();
}

Result<Align> GetAlign(const json& object, const std::string& where, Align fallback) {
  auto name = GetString(object, where, "align", false, "");
  if (!name) return std::unexpected(name.error());
  if (name->empty()) return fallback;
  if (*name == "left") return Align::kLeft;
  if (*name == "center") return Align::kCenter;
  if (*name == "right") return Align::kRight;
  return Bad(Join(where, "align"), "must be left, center or right, not \"" + *name + "\"");
}

Result<TextStyle> GetStyle(const json& object, const std::string& where, TextStyle style) {
  auto size = GetPositive(object, where, "size", style.size_pt, 72);
  if (!size) return std::unexpected(size.error());
  auto bold = GetBool(object, where, "bold");
  if (!bold) return std::unexpected(bold.error());
  auto align = GetAlign(object, where, style.align);
  if (!align) return std::unexpected(align.error());
  style.size_pt = *size;
  style.bold = style.bold || *bold;
  style.align = *align;
  return style;
}

Result<void> ParseKeyValue(const json& object, const std::string& where, Block& block) {
  if (auto ok = OnlyKeys(object, where, {"type", "items", "columns", "size", "bold", "align"});
      !ok) {
    return ok;
  }
  auto style = GetStyle(object, where, {});
  if (!style) return std::unexpected(style.error());
  block.style = *style;
  auto columns = GetPositive(object, where, "columns", 1, 4);
  if (!columns) return std::unexpected(columns.error());
  if (*columns != static_cast<int>(*columns)) return Bad(where + ".columns", "must be 1 to 4");
  block.columns = static_cast<int>(*columns);
  if (!object.contains("items") || !object.at("items").is_array() || object.at("items").empty()) {
    return Bad(where + ".items", "must be a non-empty array of {\"key\", \"value\"}");
  }
  const json& items = object.at("items");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string at = where + ".items[" + std::to_string(i) + "]";
    if (auto ok = OnlyKeys(items[i], at, {"key", "value"}); !ok) return ok;
    auto key = GetString(items[i], at, "key", true);
    if (!key) return std::unexpected(key.error());
    auto value = GetString(items[i], at, "value", true);
    if (!value) return std::unexpected(value.error());
    block.items.push_back({*key, *value});
  }
  return {};
}

Result<void> ParseTable(const json& object, const std::string& where, Block& block) {
  if (auto ok = OnlyKeys(object, where, {"type", "rows", "columns", "size"}); !ok) return ok;
  auto rows = GetString(object, where, "rows", true);
  if (!rows) return std::unexpected(rows.error());
  if (rows->empty()) return Bad(where + ".rows", "must name an array of the data");
  block.rows = *rows;
  auto style = GetStyle(object, where, {.size_pt = 10});
  if (!style) return std::unexpected(style.error());
  block.style = *style;
  if (!object.contains("columns") || !object.at("columns").is_array() ||
      object.at("columns").empty()) {
    return Bad(where + ".columns", "must be a non-empty array of columns");
  }
  const json& columns = object.at("columns");
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const std::string at = where + ".columns[" + std::to_string(i) + "]";
    if (auto ok = OnlyKeys(columns[i], at, {"header", "field", "width", "align", "format"}); !ok) {
      return ok;
    }
    TableColumn column;
    auto header = GetString(columns[i], at, "header", true);
    if (!header) return std::unexpected(header.error());
    auto field = GetString(columns[i], at, "field", true);
    if (!field) return std::unexpected(field.error());
    if (field->empty()) return Bad(at + ".field", "must not be empty");
    auto width = GetPositive(columns[i], at, "width", 1, 1000);
    if (!width) return std::unexpected(width.error());
    auto align = GetAlign(columns[i], at, Align::kLeft);
    if (!align) return std::unexpected(align.error());
    auto format = GetString(columns[i], at, "format", false, "text");
    if (!format) return std::unexpected(format.error());
    if (*format == "money") {
      column.format = CellFormat::kMoney;
    } else if (*format != "text") {
      return Bad(at + ".format", "must be text or money, not \"" + *format + "\"");
    }
    column.header = *header;
    column.field = *field;
    column.width = *width;
    column.align = *align;
    block.table.push_back(std::move(column));
  }
  return {};
}

Result<Block> ParseBlock(const json& object, const std::string& where,
                         const std::filesystem::path& base_dir) {
  Block block;
  auto type = GetString(object, where, "type", true);
  if (!type) return std::unexpected(type.error());
  if (*type == "paragraph") {
    block.kind = BlockKind::kParagraph;
    if (auto ok = OnlyKeys(object, where, {"type", "text", "size", "bold", "align"}); !ok) {
      return std::unexpected(ok.error());
    }
    auto text = GetString(object, where, "text", true);
    if (!text) return std::unexpected(text.error());
    block.text = *text;
    auto style = GetStyle(object, where, {});
    if (!style) return std::unexpected(style.error());
    block.style = *style;
  } else if (*type == "key_value") {
    block.kind = BlockKind::kKeyValue;
    if (auto ok = ParseKeyValue(object, where, block); !ok) return std::unexpected(ok.error());
  } else if (*type == "table") {
    block.kind = BlockKind::kTable;
    if (auto ok = ParseTable(object, where, block); !ok) return std::unexpected(ok.error());
  } else if (*type == "qr_code") {
    block.kind = BlockKind::kQrCode;
    if (auto ok = OnlyKeys(object, where, {"type", "value", "size_mm", "caption", "align"}); !ok) {
      return std::unexpected(ok.error());
    }
    auto value = GetString(object, where, "value", true);
    if (!value) return std::unexpected(value.error());
    block.text = *value;
    auto size = GetPositive(object, where, "size_mm", 28, 120);
    if (!size) return std::unexpected(size.error());
    block.size_mm = *size;
    auto caption = GetString(object, where, "caption", false);
    if (!caption) return std::unexpected(caption.error());
    block.caption = *caption;
    auto align = GetAlign(object, where, Align::kLeft);
    if (!align) return std::unexpected(align.error());
    block.style = {.size_pt = 8, .align = *align};
  } else if (*type == "seal") {
    block.kind = BlockKind::kSeal;
    if (auto ok = OnlyKeys(
            object, where,
            {"type", "organisation", "caption", "image", "diameter_mm", "align", "overlay"});
        !ok) {
      return std::unexpected(ok.error());
    }
    auto organisation = GetString(object, where, "organisation", false);
    if (!organisation) return std::unexpected(organisation.error());
    auto image = GetString(object, where, "image", false);
    if (!image) return std::unexpected(image.error());
    if (organisation->empty() == image->empty()) {
      return Bad(where, "a seal needs exactly one of \"organisation\" (drawn) or \"image\" (PNG)");
    }
    block.text = *organisation;
    if (!image->empty()) {
      block.image = std::filesystem::path(*image).is_absolute() ? std::filesystem::path(*image)
                                                                : base_dir / *image;
    }
    auto caption = GetString(object, where, "caption", false);
    if (!caption) return std::unexpected(caption.error());
    block.caption = *caption;
    auto diameter = GetPositive(object, where, "diameter_mm", 40, 100);
    if (!diameter) return std::unexpected(diameter.error());
    block.size_mm = *diameter;
    auto align = GetAlign(object, where, Align::kRight);
    if (!align) return std::unexpected(align.error());
    block.style.align = *align;
    auto overlay = GetBool(object, where, "overlay");
    if (!overlay) return std::unexpected(overlay.error());
    block.overlay = *overlay;
  } else if (*type == "spacer") {
    block.kind = BlockKind::kSpacer;
    if (auto ok = OnlyKeys(object, where, {"type", "height_mm"}); !ok) {
      return std::unexpected(ok.error());
    }
    auto height = GetPositive(object, where, "height_mm", 5, 200);
    if (!height) return std::unexpected(height.error());
    block.size_mm = *height;
  } else {
    return Bad(where + ".type", "unknown block type \"" + *type +
                                    "\" (paragraph, key_value, table, qr_code, seal, spacer)");
  }
  return block;
}

}  // namespace

Result<DocumentTemplate> ParseDocumentTemplate(const json& json_template,
                                               const std::filesystem::path& base_dir) {
  DocumentTemplate result;
  if (auto ok = OnlyKeys(
          json_template, "",
          {"title", "title_size", "font", "heading_font", "margins_mm", "blocks", "footer"});
      !ok) {
    return std::unexpected(ok.error());
  }
  auto title = GetString(json_template, "", "title", true);
  if (!title) return std::unexpected(title.error());
  result.title = *title;
  auto title_size = GetPositive(json_template, "", "title_size", result.title_size_pt, 72);
  if (!title_size) return std::unexpected(title_size.error());
  result.title_size_pt = *title_size;
  auto font = GetString(json_template, "", "font", false, result.font_family);
  if (!font) return std::unexpected(font.error());
  result.font_family = *font;
  auto heading = GetString(json_template, "", "heading_font", false, result.heading_font_family);
  if (!heading) return std::unexpected(heading.error());
  result.heading_font_family = *heading;

  if (json_template.contains("margins_mm")) {
    const json& margins = json_template.at("margins_mm");
    if (!margins.is_array() || margins.size() != 4) {
      return Bad("margins_mm", "must be [top, right, bottom, left] in millimetres");
    }
    double* targets[] = {&result.margin_top_mm, &result.margin_right_mm, &result.margin_bottom_mm,
                         &result.margin_left_mm};
    for (std::size_t i = 0; i < 4; ++i) {
      if (!margins[i].is_number() || margins[i].get<double>() < 5 ||
          margins[i].get<double>() > 60) {
        return Bad("margins_mm[" + std::to_string(i) + "]", "must be 5 to 60 millimetres");
      }
      *targets[i] = margins[i].get<double>();
    }
  }

  if (!json_template.contains("blocks") || !json_template.at("blocks").is_array()) {
    return Bad("blocks", "must be an array of blocks");
  }
  const json& blocks = json_template.at("blocks");
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const std::string where = "blocks[" + std::to_string(i) + "]";
    auto block = ParseBlock(blocks[i], where, base_dir);
    if (!block) return std::unexpected(block.error());
    if (block->kind == BlockKind::kSeal && block->overlay &&
        (i == 0 || result.blocks.back().kind != BlockKind::kParagraph)) {
      return Bad(where + ".overlay", "an overlaid seal needs a paragraph before it");
    }
    result.blocks.push_back(std::move(*block));
  }

  if (json_template.contains("footer")) {
    const json& footer = json_template.at("footer");
    if (auto ok = OnlyKeys(footer, "footer", {"left", "right"}); !ok) {
      return std::unexpected(ok.error());
    }
    auto left = GetString(footer, "footer", "left", false, result.footer_left);
    if (!left) return std::unexpected(left.error());
    auto right = GetString(footer, "footer", "right", false, result.footer_right);
    if (!right) return std::unexpected(right.error());
    result.footer_left = *left;
    result.footer_right = *right;
  }
  return result;
}

namespace {

Result<json> ReadJsonFile(const std::filesystem::path& path, const char* what, const char* reason) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::unexpected<Error>(
        Error(ErrorCode::kNotFound, std::string(what) + " " + path.string() + ": cannot be read",
              reason));
  }
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return json::parse(text.str());
  } catch (const json::parse_error& error) {
    return std::unexpected<Error>(Error(ErrorCode::kInvalidData,
                                        std::string(what) + " " + path.string() +
                                            ": not JSON at byte " + std::to_string(error.byte),
                                        reason));
  }
}

}  // namespace

Result<DocumentTemplate> LoadDocumentTemplate(const std::filesystem::path& path) {
  auto parsed = ReadJsonFile(path, "template", "bad_template");
  if (!parsed) return std::unexpected(parsed.error());
  auto result = ParseDocumentTemplate(*parsed, path.parent_path());
  if (!result) {
    Error error = result.error();
    error.detail = path.filename().string() + ": " + error.detail;
    return std::unexpected(error);
  }
  return result;
}

Result<nlohmann::json> LoadDocumentData(const std::filesystem::path& path) {
  auto parsed = ReadJsonFile(path, "data", "bad_data");
  if (!parsed) return parsed;
  if (!parsed->is_object()) {
    return std::unexpected<Error>(Error(
        ErrorCode::kInvalidData, "data " + path.string() + ": must be a JSON object", "bad_data"));
  }
  return parsed;
}

}  // namespace kiosk::document
