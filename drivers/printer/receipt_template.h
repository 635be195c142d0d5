#pragma once

// Receipt templates: what a receipt says, as JSON that headquarters edits
// without a new build, filled with one receipt's data into a
// ReceiptDocument. A template:
//   {"format_version": 1,
//    "comment": "anything",
//    "elements": [
//      {"type": "logo", "file": "emblem.pbm"},
//      {"type": "title", "text": "参保缴费凭证"},
//      {"type": "text", "text": "{name}，您好", "align": "center"},
//      {"type": "row", "key": "身份证号", "value": "{id_number}",
//       "mask": {"keep_first": 6, "keep_last": 4}},
//      {"type": "row", "key": "备注", "value": "{note}", "if": "note"},
//      {"type": "separator", "fill": "="},
//      {"type": "qr", "data": "https://x.gov.cn/v?n={receipt_no}", "module_size": 6,
//       "optional": true},
//      {"type": "feed", "lines": 2},
//      {"type": "cut"}]}
// Every text may hold {placeholders}, filled from the data file's object
// of the same name (a string or a number); "{{" and "}}" are literal
// braces. "if": NAME keeps an element only when the data has a non-empty
// NAME. "mask" (on text and row values) keeps the first and last
// characters and replaces the rest with '*'. Unknown keys are refused.
// firmware_config/receipts/README.md has a table of the elements.
//
// "logo" prints a 1-bit PBM bitmap (P4 or P1, pbm_image.h), centred, as a
// GS v 0 raster image; "file" is relative to the template's directory
// (firmware_config/receipts/) and may not leave it. The file is read and
// checked when the template is parsed; whether it fits the paper is checked
// when the receipt is encoded for a printer (a precise error naming the
// file). "qr" prints with the printer's own QR command where the profile
// has native_qr, else as a raster image where it has raster. On a printer
// that can do neither, the receipt fails, unless the element says
// "optional": true: then it is left out (for a logo also when it is wider
// than the paper). "optional" is about the printer; "if" about the data.

#include <filesystem>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "drivers/printer/bit_image.h"
#include "drivers/printer/receipt_document.h"

namespace kiosk::devices {

struct TextMask {
  int keep_first = 0;
  int keep_last = 0;
};

enum class TemplateElementKind { kTitle, kText, kRow, kSeparator, kQr, kLogo, kFeed, kCut };

struct TemplateElement {
  TemplateElementKind kind = TemplateElementKind::kText;
  std::string text;   // title and text: the text; row: the key; qr: the data; logo: the file.
  std::string value;  // row.
  Align align = Align::kLeft;
  std::optional<TextMask> mask;
  char fill = '-';
  int number = 0;  // qr: module size; feed: lines.
  std::string condition;  // "if".
  bool optional = false;  // qr and logo: "optional".
  BitImage logo;          // logo: the bitmap read from `text`.
};

struct ReceiptTemplate {
  std::vector<TemplateElement> elements;
};

// kInvalidData naming the element (by index) and key that is wrong; logo
// files are read from `directory` (the working directory when empty), and
// one that is missing or not a PBM bitmap fails with the file's name.
Result<ReceiptTemplate> ParseReceiptTemplate(const nlohmann::json& json,
                                             const std::filesystem::path& directory = {});

// Reads the template file at `path` and parses it, its logos relative to
// the file's directory; every error names `path`.
Result<ReceiptTemplate> LoadReceiptTemplate(const std::string& path);

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
