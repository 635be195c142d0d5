#include "kiosk/core/flow/displayed_record.h"

#include "common/secure_wipe.h"
#include "kiosk/core/records/insurance_record.h"
#include "kiosk/core/validation/mask.h"

namespace kiosk {

const nlohmann::json* FindPath(const nlohmann::json& record, std::string_view path) {
  const nlohmann::json* current = &record;
  while (!path.empty()) {
    const std::size_t dot = path.find('.');
    const std::string key(path.substr(0, dot));
    if (!current->is_object()) return nullptr;
    auto found = current->find(key);
    if (found == current->end()) return nullptr;
    current = &*found;
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return current;
}

std::string ScalarText(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_number_float()) return value.dump();
  if (value.is_boolean()) return value.get<bool>() ? "是" : "否";
  return {};
}

std::string FormatValue(const nlohmann::json* value, DisplayFormat format) {
  constexpr const char* kMissing = "—";
  if (value == nullptr || value->is_null()) return kMissing;
  const std::string text = ScalarText(*value);
  if (text.empty() && !value->is_string()) return kMissing;
  switch (format) {
    case DisplayFormat::kMoneyFen:
      if (!value->is_number_integer()) return text;
      return FormatYuan(value->get<std::int64_t>()) + " 元";
    case DisplayFormat::kMonths: return text + " 个月";
    case DisplayFormat::kCount: return text;
    case DisplayFormat::kMaskedId: return validation::MaskMiddle(text, 6, 4);
    case DisplayFormat::kDate:
    case DisplayFormat::kText: return text;
  }
  return text;
}

DisplayedRecord RenderDisplay(const DisplayTemplate& display, const nlohmann::json& record) {
  DisplayedRecord shown;
  shown.title = display.title.zh;
  for (const auto& field : display.fields) {
    shown.rows.emplace_back(field.label.zh,
                            FormatValue(FindPath(record, field.path), field.format));
  }
  for (const auto& table : display.tables) {
    DisplayedTable rendered;
    rendered.title = table.title.zh;
    for (const auto& column : table.columns) rendered.headers.push_back(column.label.zh);
    const nlohmann::json* rows = FindPath(record, table.path);
    if (rows != nullptr && rows->is_array()) {
      for (const auto& row : *rows) {
        std::vector<std::string> cells;
        for (const auto& column : table.columns) {
          cells.push_back(FormatValue(FindPath(row, column.path), column.format));
        }
        rendered.rows.push_back(std::move(cells));
      }
    }
    shown.tables.push_back(std::move(rendered));
  }
  return shown;
}

void DisplayedRecord::Wipe() {
  for (auto& [label, value] : rows) SecureWipe(value);
  for (auto& table : tables) {
    for (auto& row : table.rows) {
      for (auto& cell : row) SecureWipe(cell);
    }
  }
  rows.clear();
  tables.clear();
}

}  // namespace kiosk
