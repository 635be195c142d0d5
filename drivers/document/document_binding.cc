#include "drivers/document/document_binding.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace kiosk::document {
namespace {

using nlohmann::json;

std::unexpected<Error> BadData(const std::string& where, const std::string& problem) {
  return std::unexpected<Error>(Error(ErrorCode::kInvalidData, where + ": " + problem, "bad_data"));
}

// The value at dotted `path` in `data`, or nullptr.
const json* Lookup(const json& data, const std::string& path) {
  const json* node = &data;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? dot : dot - start);
    if (!node->is_object() || !node->contains(key)) return nullptr;
    node = &node->at(key);
    if (dot == std::string::npos) return node;
    start = dot + 1;
  }
}

// A scalar as text: strings as they are, integers without a fraction.
std::optional<std::string> ScalarText(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return value.dump();
  if (value.is_number_float()) {
    const double number = value.get<double>();
    if (std::isfinite(number) && number == std::floor(number) && std::fabs(number) < 1e15) {
      return std::to_string(static_cast<long long>(number));
    }
    return value.dump();
  }
  return std::nullopt;
}

const char* TypeName(const json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return "a boolean";
  if (value.is_array()) return "an array";
  if (value.is_object()) return "an object";
  if (value.is_string()) return "a string";
  return "a number";
}

}  // namespace

std::string FormatMoney(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

Result<std::string> FillPlaceholders(const std::string& text, const json& data,
                                     const std::string& where, PageNumbers page_numbers) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '}') {
      if (i + 1 < text.size() && text[i + 1] == '}') {
        out += '}';
        ++i;
        continue;
      }
      return std::unexpected<Error>(Error(ErrorCode::kInvalidData,
                                          "template: " + where + ": a lone \"}\" at byte " +
                                              std::to_string(i) + " (write \"}}\" for a brace)",
                                          "bad_template"));
    }
    if (c != '{') {
      out += c;
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '{') {
      out += '{';
      ++i;
      continue;
    }
    const std::size_t close = text.find('}', i + 1);
    if (close == std::string::npos) {
      return std::unexpected<Error>(
          Error(ErrorCode::kInvalidData,
                "template: " + where + ": \"{\" at byte " + std::to_string(i) + " is never closed",
                "bad_template"));
    }
    const std::string name = text.substr(i + 1, close - i - 1);
    if (name.empty() || name.find_first_of("{ ") != std::string::npos) {
      return std::unexpected<Error>(
          Error(ErrorCode::kInvalidData,
                "template: " + where + ": bad placeholder \"{" + name + "}\"", "bad_template"));
    }
    if (name == "page" || name == "pages") {
      if (page_numbers == PageNumbers::kRefuse) {
        return std::unexpected<Error>(
            Error(ErrorCode::kInvalidData,
                  "template: " + where + ": {" + name + "} is only allowed in the footer",
                  "bad_template"));
      }
      out += "{" + name + "}";
    } else {
      const json* value = Lookup(data, name);
      if (value == nullptr) {
        return BadData("template " + where, "placeholder {" + name + "} is not in the data");
      }
      auto scalar = ScalarText(*value);
      if (!scalar) {
        return BadData("template " + where, "data " + name + " is " + TypeName(*value) +
                                                ", a placeholder needs a string or a number");
      }
      out += *scalar;
    }
    i = close;
  }
  return out;
}

Result<BoundDocument> BindDocument(const DocumentTemplate& document_template, const json& data) {
  BoundDocument bound;
  bound.layout = document_template;
  auto title = FillPlaceholders(document_template.title, data, "title", PageNumbers::kRefuse);
  if (!title) return std::unexpected(title.error());
  bound.title = *title;
  for (std::size_t b = 0; b < document_template.blocks.size(); ++b) {
    const Block& block = document_template.blocks[b];
    const std::string where = "blocks[" + std::to_string(b) + "]";
    BoundBlock out;
    auto text = FillPlaceholders(block.text, data, where, PageNumbers::kRefuse);
    if (!text) return std::unexpected(text.error());
    out.text = *text;
    auto caption = FillPlaceholders(block.caption, data, where + ".caption", PageNumbers::kRefuse);
    if (!caption) return std::unexpected(caption.error());
    out.caption = *caption;
    for (std::size_t i = 0; i < block.items.size(); ++i) {
      const std::string at = where + ".items[" + std::to_string(i) + "]";
      auto key = FillPlaceholders(block.items[i].key, data, at + ".key", PageNumbers::kRefuse);
      if (!key) return std::unexpected(key.error());
      auto value =
          FillPlaceholders(block.items[i].value, data, at + ".value", PageNumbers::kRefuse);
      if (!value) return std::unexpected(value.error());
      out.items.push_back({*key, *value});
    }
    if (block.kind == BlockKind::kTable) {
      const std::string table_where = where + " (table \"" + block.rows + "\")";
      const json* rows = Lookup(data, block.rows);
      if (rows == nullptr) return BadData(table_where, "data has no \"" + block.rows + "\"");
      if (!rows->is_array()) {
        return BadData(table_where, "data " + block.rows + " is " + TypeName(*rows) +
                                        ", a table needs an array of row objects");
      }
      for (std::size_t r = 0; r < rows->size(); ++r) {
        const json& row = (*rows)[r];
        const std::string row_where = "data " + block.rows + "[" + std::to_string(r) + "]";
        if (!row.is_object()) {
          return BadData(table_where, row_where + ": is " + TypeName(row) + ", not an object");
        }
        std::vector<std::string> cells;
        for (std::size_t c = 0; c < block.table.size(); ++c) {
          const TableColumn& column = block.table[c];
          const std::string column_name =
              "(column " + std::to_string(c + 1) + " \"" + column.header + "\")";
          if (!row.contains(column.field)) {
            return BadData(table_where,
                           row_where + ": no field \"" + column.field + "\" " + column_name);
          }
          const json& value = row.at(column.field);
          if (column.format == CellFormat::kMoney) {
            if (!value.is_number()) {
              return BadData(table_where, row_where + "." + column.field +
                                              ": must be a number for a money column " +
                                              column_name);
            }
            cells.push_back(FormatMoney(value.get<double>()));
            continue;
          }
          auto scalar = ScalarText(value);
          if (!scalar) {
            return BadData(table_where, row_where + "." + column.field + ": is " + TypeName(value) +
                                            ", a cell needs a string or a number " + column_name);
          }
          cells.push_back(std::move(*scalar));
        }
        out.rows.push_back(std::move(cells));
      }
    }
    bound.blocks.push_back(std::move(out));
  }
  auto left =
      FillPlaceholders(document_template.footer_left, data, "footer.left", PageNumbers::kKeep);
  if (!left) return std::unexpected(left.error());
  auto right =
      FillPlaceholders(document_template.footer_right, data, "footer.right", PageNumbers::kKeep);
  if (!right) return std::unexpected(right.error());
  bound.footer_left = *left;
  bound.footer_right = *right;
  return bound;
}

}  // namespace kiosk::document
