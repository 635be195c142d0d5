#pragma once

// A template with its data filled in: every {placeholder} replaced and every
// table row turned into cell texts, so that layout cannot fail on the data.
//
// A placeholder is a key of the data object, or a dotted path into nested
// objects ({person.name}); its value must be a string or a number. "{{" and
// "}}" stand for literal braces. {page} and {pages} are kept for layout in
// the footer and are not allowed elsewhere. Errors are kInvalidData with
// reason "bad_data" and name the template key and the data key or row:
// "blocks[4] (table \"contributions\"): data contributions[17]: no field
// \"amount\" (column 4 \"缴费金额\")".

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "common/error.h"
#include "drivers/document/document_template.h"

namespace kiosk::document {

struct BoundBlock {
  std::string text;     // Paragraph text, QR value, seal organisation.
  std::string caption;  // QR caption, seal caption.
  std::vector<KeyValueItem> items;
  std::vector<std::vector<std::string>> rows;  // Table cells, one vector per data row.
};

struct BoundDocument {
  DocumentTemplate layout;  // The template (its texts unfilled).
  std::string title;
  std::vector<BoundBlock> blocks;  // One per layout.blocks entry.
  std::string footer_left;         // Still holding {page} and {pages}.
  std::string footer_right;
};

Result<BoundDocument> BindDocument(const DocumentTemplate& document_template,
                                   const nlohmann::json& data);

// Fills `text`'s placeholders from `data`; `where` names the template key
// for errors. With `keep_page_numbers`, {page} and {pages} stay as they are.
enum class PageNumbers { kKeep, kRefuse };
Result<std::string> FillPlaceholders(const std::string& text, const nlohmann::json& data,
                                     const std::string& where, PageNumbers page_numbers);

// "1234.5" → "1234.50"; used for money columns.
std::string FormatMoney(double value);

}  // namespace kiosk::document
