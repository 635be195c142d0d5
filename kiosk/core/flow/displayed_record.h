#pragma once

// A query's answer laid out by the item's display template: labels and
// formatted values, ready for the screen and the receipt alike, so both
// always show the same thing.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kiosk/core/catalog/service_item.h"

namespace kiosk {

struct DisplayedTable {
  std::string title;
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
};

struct DisplayedRecord {
  std::string title;
  std::vector<std::pair<std::string, std::string>> rows;  // Label, value.
  std::vector<DisplayedTable> tables;

  void Wipe();
};

// The value at a dotted path ("last_payment.period"); nullptr if absent.
const nlohmann::json* FindPath(const nlohmann::json& record, std::string_view path);
// A scalar as text: strings as they are, numbers in decimal, true/false as
// 是/否; empty for anything else.
std::string ScalarText(const nlohmann::json& value);
// "—" for a missing value, so a gap is visible rather than blank.
std::string FormatValue(const nlohmann::json* value, DisplayFormat format);
DisplayedRecord RenderDisplay(const DisplayTemplate& display, const nlohmann::json& record);

}  // namespace kiosk
