#include "kiosk/app/a4_document_printer.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "common/log.h"
#include "drivers/document/document_binding.h"
#include "drivers/document/document_template.h"
#include "drivers/document/pdf_renderer.h"

namespace kiosk {
namespace {

constexpr const char* kLog = "a4";

// Text from a record put into a template text: its braces are literal.
std::string Literal(const std::string& text) {
  std::string out;
  for (char c : text) {
    out.push_back(c);
    if (c == '{' || c == '}') out.push_back(c);
  }
  return out;
}

// The record's tables vary by item in number and columns, so they are
// added to the layout here: a title paragraph and a table per record
// table, its rows bound to "table_N" in the data.
void AppendRecordTables(document::DocumentTemplate& layout, nlohmann::json& data) {
  if (!data.contains("tables") || !data["tables"].is_array()) return;
  int index = 0;
  for (const auto& table : data["tables"]) {
    const std::string key = fmt::format("table_{}", index++);
    document::Block title;
    title.kind = document::BlockKind::kParagraph;
    title.text = Literal(table.value("title", ""));
    title.style.size_pt = 11;
    title.style.bold = true;
    layout.blocks.push_back(std::move(title));

    document::Block block;
    block.kind = document::BlockKind::kTable;
    block.rows = key;
    block.style.size_pt = 9;
    const auto& headers = table["headers"];
    for (std::size_t column = 0; column < headers.size(); ++column) {
      block.table.push_back(document::TableColumn{.header = headers[column].get<std::string>(),
                                                  .field = fmt::format("c{}", column)});
    }
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : table["rows"]) {
      nlohmann::json cells = nlohmann::json::object();
      for (std::size_t column = 0; column < headers.size(); ++column) {
        cells[fmt::format("c{}", column)] = column < row.size() ? row[column] : nlohmann::json("");
      }
      rows.push_back(std::move(cells));
    }
    data[key] = std::move(rows);
    if (!block.table.empty()) layout.blocks.push_back(std::move(block));
  }
}

}  // namespace

Result<document::CupsSettings> LoadDocumentPrinterSettings(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Fail(ErrorCode::kIo, "cannot read document printer settings " + path);
  std::stringstream text;
  text << in.rdbuf();
  const auto document = nlohmann::json::parse(text.str(), nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    return Fail(ErrorCode::kInvalidData, path + ": not a JSON object");
  }
  document::CupsSettings settings;
  for (const auto& [key, value] : document.items()) {
    const std::string where = path + ": \"" + key + "\"";
    if (key == "format_version") {
      if (value != 1) return Fail(ErrorCode::kInvalidData, where + " must be 1");
    } else if (key == "comment") {
      continue;
    } else if (key == "queue" && value.is_string() && !value.get<std::string>().empty()) {
      settings.queue = value.get<std::string>();
    } else if (key == "server" && value.is_string()) {
      settings.server = value.get<std::string>();
    } else if (key == "timeout_s" && value.is_number_integer() && value.get<int>() >= 5 &&
               value.get<int>() <= 3600) {
      settings.timeout = std::chrono::seconds(value.get<int>());
    } else {
      return Fail(ErrorCode::kInvalidData,
                  where + " is not understood (queue: a name, server: text, timeout_s: 5 to 3600)");
    }
  }
  if (settings.queue.empty())
    return Fail(ErrorCode::kInvalidData, path + ": \"queue\" is required");
  return settings;
}

PdfA4DocumentPrinter::PdfA4DocumentPrinter(std::filesystem::path templates_dir,
                                           std::filesystem::path output_dir,
                                           std::unique_ptr<document::DocumentPrinter> cups)
    : output_dir_(std::move(output_dir)),
      templates_dir_(std::move(templates_dir)),
      cups_(std::move(cups)) {}

void PdfA4DocumentPrinter::Reconfigure(std::filesystem::path templates_dir,
                                       std::unique_ptr<document::DocumentPrinter> cups) {
  std::lock_guard lock(settings_mutex_);
  templates_dir_ = std::move(templates_dir);
  cups_ = std::move(cups);
}

Result<void> PdfA4DocumentPrinter::PrintDocument(const std::string& template_id,
                                                 const nlohmann::json& data) {
  std::lock_guard lock(job_mutex_);
  std::filesystem::path templates_dir;
  std::shared_ptr<document::DocumentPrinter> cups;
  {
    std::lock_guard settings_lock(settings_mutex_);
    templates_dir = templates_dir_;
    cups = cups_;
  }
  auto layout = document::LoadDocumentTemplate(templates_dir / (template_id + ".json"));
  if (!layout) return std::unexpected(layout.error());
  nlohmann::json filled = data;
  AppendRecordTables(*layout, filled);
  auto bound = document::BindDocument(*layout, filled);
  if (!bound) return std::unexpected(bound.error());

  std::error_code error;
  std::filesystem::create_directories(output_dir_, error);
  if (error) {
    return Fail(ErrorCode::kIo, "cannot create " + output_dir_.string() + ": " + error.message());
  }
  const auto pdf = output_dir_ / fmt::format("{:04}-{}.pdf", next_number_++, template_id);
  auto pages = document::WritePdf(*bound, pdf);
  if (!pages) return std::unexpected(pages.error());
  if (!cups) {
    log::Info(kLog, "{} ({} pages) kept as {} (simulated printer)", template_id, *pages,
              pdf.string());
    return {};
  }
  auto job = cups->PrintPdf(pdf.string(), bound->title);
  // Printed or not, the citizen's record does not stay on disk.
  std::filesystem::remove(pdf, error);
  if (!job) return std::unexpected(job.error());
  log::Info(kLog, "{} ({} pages) printed as CUPS job {}", template_id, *pages, job->job_id);
  return {};
}

}  // namespace kiosk
