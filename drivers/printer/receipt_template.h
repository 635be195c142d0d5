#pragma once

// Receipt templates: what a receipt says, as JSON that headquarters edits
// without a new build, filled with one receipt's data into a
// ReceiptDocument. A template:
//   {"format_version": 1,
//    "comment": "anything",
//    "elements": [
//      {"type": "title", "text": "参保缴费凭证"},
//      {"type": "text", "text": "{name}，您好", "align": "center"},
//      {"type": "row", "key": "身份证号", "value": "{id_number}",
//       "mask": {"keep_first": 6, "keep_last": 4}},
//      {"type": "row", "key": "备注", "value": "{note}", "if": "note"},
//      {"type": "separator", "fill": "="},
//      {"type": "qr", "data": "https://x.gov.cn/v?n={receipt_no}", "module_size": 6},
//      {"type": "feed", "lines": 2},
//      {"type": "cut"}]}
// Every text may hold {placeholders}, filled from the data file's object
// of the same name (a string or a number); "{{" and "}}" are literal
// braces. "if": NAME keeps an element only when the data has a non-empty
// NAME. "mask" (on text and row values) keeps the first and last
// characters and replaces the rest with '*'. Unknown keys are refused.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "drivers/printer/receipt_document.h"

namespace kiosk::devices {

struct TextMask {
  int keep_first = 0;
  int keep_last = 0;
};

enum class TemplateElementKind { kTitle, kText, kRow, kSeparator, kQr, kFeed, kCut };

struct TemplateElement {
  TemplateElementKind kind = TemplateElementKind::kText;
  std::string text;  // title and text: the text; row: the key; qr: the data.
  std::string value;  // row.
  Align align = Align::kLeft;
  std::optional<TextMask> mask;
  char fill = '-';
  int number = 0;  // qr: module size; feed: lines.
  std::string condition;  // "if".
};

struct ReceiptTemplate {
  std::vector<TemplateElement> elements;
};

// kInvalidData naming the element (by index) and key that is wrong.
Result<ReceiptTemplate> ParseReceiptTemplate(const nlohmann::json& json);

// The document for `data` (a JSON object): kInvalidData naming the
// element and the placeholder when the data lacks one, or a value that is
// neither a string nor a number.
Result<ReceiptDocument> RenderReceipt(const ReceiptTemplate& receipt_template,
                                      const nlohmann::json& data);

// Reads and parses a JSON file (template or data); kIo, kInvalidData.
Result<nlohmann::json> ReadJsonFile(const std::string& path);

// "110101199003070011" with keep_first 6, keep_last 4 → "110101********0011".
// Counts characters, not bytes; a value too short to hide anything with
// those numbers is masked whole. kInvalidData for invalid UTF-8.
Result<std::string> MaskText(std::string_view text, TextMask mask);

}  // namespace kiosk::devices
