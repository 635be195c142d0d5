#pragma once

// An A4 document template (缴费清单, 参保证明 …) as headquarters writes it in
// JSON: a title, then blocks laid out top to bottom (paragraphs, key-value
// blocks, a table bound to an array of the data, a verification QR code, an
// electronic seal), and a footer on every page. Texts hold {placeholders}
// filled from a data JSON (document_binding.h); the format is described in
// firmware_config/documents/README.md.
//
// Parsing checks everything it can see, unknown keys too, and names the
// key that is wrong: "blocks[3].columns[1].width: must be a number > 0".
// Its errors are kInvalidData with reason "bad_template".

#include <filesystem>
#include <nlohmann/json.hpp>  // Full: LoadDocumentData returns a json by value.
#include <string>
#include <vector>

#include "common/error.h"

namespace kiosk::document {

enum class Align { kLeft, kCenter, kRight };
enum class CellFormat { kText, kMoney };  // kMoney: a number with two decimals.
enum class BlockKind { kParagraph, kKeyValue, kTable, kQrCode, kSeal, kSpacer };

struct TextStyle {
  double size_pt = 11;
  bool bold = false;
  Align align = Align::kLeft;
};

struct KeyValueItem {
  std::string key;
  std::string value;  // With placeholders.
};

struct TableColumn {
  std::string header;
  std::string field;  // The key in each row object of the data array.
  double width = 1;   // Relative; the columns share the text width in proportion.
  Align align = Align::kLeft;
  CellFormat format = CellFormat::kText;
};

struct Block {
  BlockKind kind = BlockKind::kParagraph;
  // kParagraph: the text; kQrCode: the encoded value; kSeal: the
  // organisation's name (around the arc).
  std::string text;
  TextStyle style;
  std::vector<KeyValueItem> items;  // kKeyValue.
  int columns = 1;                  // kKeyValue: pairs per line.
  std::string rows;                 // kTable: the data key of the row array.
  std::vector<TableColumn> table;   // kTable.
  double size_mm = 0;               // kQrCode side, kSeal diameter, kSpacer height.
  std::string caption;              // kQrCode: a line under the code; kSeal: text under the star.
  std::filesystem::path image;      // kSeal: a PNG instead of the drawn seal (absolute).
  // kSeal: laid on the paragraph before it (the issuer's name and the
  // date) instead of taking its own space.
  bool overlay = false;
};

struct DocumentTemplate {
  double margin_top_mm = 20, margin_right_mm = 18, margin_bottom_mm = 20, margin_left_mm = 18;
  std::string font_family = "Noto Serif CJK SC";
  std::string heading_font_family = "Noto Sans CJK SC";
  std::string title;
  double title_size_pt = 18;
  std::vector<Block> blocks;
  // On every page, under the text area. {page} and {pages} are filled at
  // layout time; the rest from the data.
  std::string footer_left;
  std::string footer_right = "第 {page} 页 / 共 {pages} 页";
};

// `base_dir` resolves relative image paths (the template file's directory).
Result<DocumentTemplate> ParseDocumentTemplate(const nlohmann::json& json,
                                               const std::filesystem::path& base_dir);

// Reads and parses a template file; a syntax error names the byte offset.
Result<DocumentTemplate> LoadDocumentTemplate(const std::filesystem::path& path);

// Reads a JSON file (the data): kNotFound, or kInvalidData with reason
// "bad_data" for a syntax error.
Result<nlohmann::json> LoadDocumentData(const std::filesystem::path& path);

}  // namespace kiosk::document
