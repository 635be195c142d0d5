#pragma once

// Lays a bound document out on A4 pages and renders it to PDF with cairo
// and pango. The title opens page 1; blocks follow top to bottom; a
// paragraph or key-value block that does not fit moves to the next page; a
// table breaks between rows and repeats its header row on each page it
// continues on; long cells wrap inside their column. Every page has the
// footer (left text, and "page X of Y" on the right). Layout runs twice:
// once to count the pages, once to draw.

#include <filesystem>
#include <string>

#include "common/error.h"
#include "drivers/document/document_binding.h"

namespace kiosk::document {

struct RenderedPdf {
  std::string bytes;
  int pages = 0;
};

// Errors: kNotFound "font_missing" (fonts-noto-cjk not installed), the
// seal image's and the QR code's errors, kInvalidData "bad_data" for a
// table row taller than a page, kInternal for a cairo failure.
Result<RenderedPdf> RenderPdf(const BoundDocument& document);

// Renders and writes the file (kIo naming the path); returns the pages.
Result<int> WritePdf(const BoundDocument& document, const std::filesystem::path& path);

}  // namespace kiosk::document
