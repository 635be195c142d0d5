#include "drivers/document/pdf_renderer.h"

#include <cairo-pdf.h>

#include <algorithm>
#include <fstream>
#include <numeric>

#include "drivers/common/qr_matrix.h"
#include "drivers/document/pango_text.h"
#include "drivers/document/seal_drawing.h"

namespace kiosk::document {
namespace {

constexpr double kA4Width = 210 * kPointsPerMm;
constexpr double kA4Height = 297 * kPointsPerMm;
constexpr double kFooterSize = 8;
constexpr double kCellPadX = 1.5 * kPointsPerMm;
constexpr double kCellPadY = 1.0 * kPointsPerMm;
constexpr double kBlockGap = 4 * kPointsPerMm;

cairo_status_t AppendBytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

cairo_status_t DiscardBytes(void*, const unsigned char*, unsigned int) {
  return CAIRO_STATUS_SUCCESS;
}

std::string ReplaceAll(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

enum class Drawing { kMeasureOnly, kDraw };

// One pass of layout over the pages. In kMeasureOnly nothing is drawn and
// only the page count is kept.
class Pass {
 public:
  Pass(cairo_t* cr, const BoundDocument& document, Drawing drawing, int total_pages)
      : cr_(cr),
        doc_(document),
        layout_(document.layout),
        drawing_(drawing),
        total_pages_(total_pages) {
    left_ = Mm(layout_.margin_left_mm);
    right_ = kA4Width - Mm(layout_.margin_right_mm);
    top_ = Mm(layout_.margin_top_mm);
    bottom_ = kA4Height - Mm(layout_.margin_bottom_mm);
    y_ = top_;
  }

  Result<int> Run() {
    Title();
    for (std::size_t i = 0; i < layout_.blocks.size(); ++i) {
      if (auto ok = RunBlock(i); !ok) return std::unexpected(ok.error());
    }
    Footer();
    if (Draws()) cairo_show_page(cr_);
    return page_;
  }

 private:
  bool Draws() const { return drawing_ == Drawing::kDraw; }
  double Width() const { return right_ - left_; }
  Font Body(double size, bool bold = false) const { return {layout_.font_family, size, bold}; }
  Font Heading(double size, bool bold = true) const {
    return {layout_.heading_font_family, size, bold};
  }

  void NewPage() {
    Footer();
    if (Draws()) cairo_show_page(cr_);
    ++page_;
    y_ = top_;
  }

  // Moves to a new page unless `height` fits under y_ (a page's worth of
  // content that is taller than the page stays where it is).
  void Reserve(double height) {
    if (y_ + height > bottom_ && y_ > top_) NewPage();
  }

  void Footer() {
    const double line_y = bottom_ + Mm(4);
    const std::string page = std::to_string(page_);
    const std::string pages = total_pages_ > 0 ? std::to_string(total_pages_) : "?";
    auto fill = [&](const std::string& text) {
      return ReplaceAll(ReplaceAll(text, "{pages}", pages), "{page}", page);
    };
    if (!Draws()) return;
    cairo_save(cr_);
    cairo_set_source_rgb(cr_, 0.5, 0.5, 0.5);
    cairo_set_line_width(cr_, 0.5);
    cairo_move_to(cr_, left_, line_y);
    cairo_line_to(cr_, right_, line_y);
    cairo_stroke(cr_);
    cairo_set_source_rgb(cr_, 0.25, 0.25, 0.25);
    auto left = MakeLayout(cr_, fill(doc_.footer_left), Heading(kFooterSize, false), Width() * 0.7,
                           Align::kLeft);
    ShowLayout(cr_, left.get(), left_, line_y + Mm(1.5));
    auto right = MakeLayout(cr_, fill(doc_.footer_right), Heading(kFooterSize, false),
                            Width() * 0.28, Align::kRight);
    ShowLayout(cr_, right.get(), right_ - Width() * 0.28, line_y + Mm(1.5));
    cairo_restore(cr_);
  }

  void Title() {
    if (doc_.title.empty()) return;
    auto title =
        MakeLayout(cr_, doc_.title, Heading(layout_.title_size_pt), Width(), Align::kCenter);
    if (Draws()) ShowLayout(cr_, title.get(), left_, y_);
    y_ += LayoutHeight(title.get()) + Mm(6);
  }

  Result<void> RunBlock(std::size_t index) {
    const Block& block = layout_.blocks[index];
    const BoundBlock& bound = doc_.blocks[index];
    switch (block.kind) {
      case BlockKind::kParagraph: {
        // A seal laid on this paragraph is drawn with it, underneath.
        const bool sealed = index + 1 < layout_.blocks.size() &&
                            layout_.blocks[index + 1].kind == BlockKind::kSeal &&
                            layout_.blocks[index + 1].overlay;
        if (sealed)
          return Paragraph(block, bound, &layout_.blocks[index + 1], &doc_.blocks[index + 1]);
        return Paragraph(block, bound, nullptr, nullptr);
      }
      case BlockKind::kKeyValue: KeyValue(block, bound); break;
      case BlockKind::kTable: return Table(block, bound, index);
      case BlockKind::kQrCode: return QrCode(block, bound);
      case BlockKind::kSeal: return Seal(block, bound);
      case BlockKind::kSpacer: y_ += Mm(block.size_mm); break;
    }
    return {};
  }

  Result<void> Paragraph(const Block& block, const BoundBlock& bound, const Block* seal,
                         const BoundBlock* seal_bound) {
    auto text = MakeLayout(cr_, bound.text, Body(block.style.size_pt, block.style.bold), Width(),
                           block.style.align);
    const double height = LayoutHeight(text.get());
    Reserve(height);
    if (seal != nullptr) {
      // Centred on the text's extent, but wholly inside the text area.
      PangoRectangle logical;
      pango_layout_get_extents(text.get(), nullptr, &logical);
      const double x0 = left_ + static_cast<double>(logical.x) / PANGO_SCALE;
      const double x1 = x0 + static_cast<double>(logical.width) / PANGO_SCALE;
      const double radius = Mm(seal->size_mm) / 2;
      const double center_x = std::clamp((x0 + x1) / 2, left_ + radius, right_ - radius);
      if (auto ok = DrawSealAt(*seal, *seal_bound, center_x, y_ + height / 2); !ok) return ok;
    }
    if (Draws()) ShowLayout(cr_, text.get(), left_, y_);
    y_ += height + block.style.size_pt * 0.6;
    return {};
  }

  void KeyValue(const Block& block, const BoundBlock& bound) {
    const double cell = Width() / block.columns;
    const Font key_font = Heading(block.style.size_pt, true);
    const Font value_font = Body(block.style.size_pt, block.style.bold);
    // The key column is as wide as the widest key, at most 45 % of a cell.
    double key_width = 0;
    for (const auto& item : bound.items) {
      auto key = MakeLayout(cr_, item.key, key_font, 0, Align::kLeft);
      key_width = std::max(key_width, LayoutWidth(key.get()));
    }
    key_width = std::min(key_width + Mm(2), cell * 0.45);
    for (std::size_t i = 0; i < bound.items.size(); i += static_cast<std::size_t>(block.columns)) {
      std::vector<std::pair<LayoutPtr, LayoutPtr>> line;
      double height = 0;
      for (std::size_t c = 0;
           c < static_cast<std::size_t>(block.columns) && i + c < bound.items.size(); ++c) {
        const auto& item = bound.items[i + c];
        auto key = MakeLayout(cr_, item.key, key_font, key_width, Align::kLeft);
        auto value =
            MakeLayout(cr_, item.value, value_font, cell - key_width - Mm(3), Align::kLeft);
        height = std::max({height, LayoutHeight(key.get()), LayoutHeight(value.get())});
        line.emplace_back(std::move(key), std::move(value));
      }
      Reserve(height);
      if (Draws()) {
        for (std::size_t c = 0; c < line.size(); ++c) {
          const double x = left_ + cell * static_cast<double>(c);
          ShowLayout(cr_, line[c].first.get(), x, y_);
          ShowLayout(cr_, line[c].second.get(), x + key_width, y_);
        }
      }
      y_ += height + Mm(2);
    }
    y_ += kBlockGap - Mm(2);
  }

  struct Row {
    std::vector<LayoutPtr> cells;
    double height = 0;
  };

  Row MakeRow(const std::vector<std::string>& texts, const std::vector<double>& widths,
              const Block& block, bool header) {
    Row row;
    for (std::size_t c = 0; c < texts.size(); ++c) {
      const Font font = header ? Heading(block.style.size_pt, true) : Body(block.style.size_pt);
      auto cell = MakeLayout(cr_, texts[c], font, widths[c] - 2 * kCellPadX,
                             header ? Align::kCenter : block.table[c].align);
      row.height = std::max(row.height, LayoutHeight(cell.get()) + 2 * kCellPadY);
      row.cells.push_back(std::move(cell));
    }
    return row;
  }

  void DrawRow(const Row& row, const std::vector<double>& widths, bool header) {
    if (!Draws()) return;
    cairo_save(cr_);
    double x = left_;
    if (header) {
      cairo_set_source_rgb(cr_, 0.9, 0.9, 0.9);
      cairo_rectangle(cr_, left_, y_, Width(), row.height);
      cairo_fill(cr_);
    }
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_set_line_width(cr_, 0.6);
    for (std::size_t c = 0; c < row.cells.size(); ++c) {
      cairo_rectangle(cr_, x, y_, widths[c], row.height);
      cairo_stroke(cr_);
      // Centred vertically: a one-line cell beside a wrapped one.
      const double slack = row.height - 2 * kCellPadY - LayoutHeight(row.cells[c].get());
      ShowLayout(cr_, row.cells[c].get(), x + kCellPadX, y_ + kCellPadY + slack / 2);
      x += widths[c];
    }
    cairo_restore(cr_);
  }

  Result<void> Table(const Block& block, const BoundBlock& bound, std::size_t index) {
    const double total =
        std::accumulate(block.table.begin(), block.table.end(), 0.0,
                        [](double sum, const TableColumn& column) { return sum + column.width; });
    std::vector<double> widths;
    std::vector<std::string> headers;
    for (const auto& column : block.table) {
      widths.push_back(Width() * column.width / total);
      headers.push_back(column.header);
    }
    const Row header = MakeRow(headers, widths, block, true);
    // The header never stands alone at the foot of a page.
    const double first_height =
        bound.rows.empty() ? 0 : MakeRow(bound.rows.front(), widths, block, false).height;
    Reserve(header.height + first_height);
    DrawRow(header, widths, true);
    y_ += header.height;
    for (std::size_t r = 0; r < bound.rows.size(); ++r) {
      const Row row = MakeRow(bound.rows[r], widths, block, false);
      if (header.height + row.height > bottom_ - top_) {
        return std::unexpected<Error>(Error(ErrorCode::kInvalidData,
                                            "blocks[" + std::to_string(index) + "] (table \"" +
                                                block.rows + "\"): data " + block.rows + "[" +
                                                std::to_string(r) + "] is taller than a page",
                                            "bad_data"));
      }
      if (y_ + row.height > bottom_) {
        NewPage();
        DrawRow(header, widths, true);
        y_ += header.height;
      }
      DrawRow(row, widths, false);
      y_ += row.height;
    }
    y_ += kBlockGap;
    return {};
  }

  double AlignedX(Align align, double width) const {
    if (align == Align::kCenter) return left_ + (Width() - width) / 2;
    if (align == Align::kRight) return right_ - width;
    return left_;
  }

  Result<void> QrCode(const Block& block, const BoundBlock& bound) {
    auto matrix = devices::EncodeQr(bound.text);
    if (!matrix) return std::unexpected(matrix.error());
    const double side = Mm(block.size_mm);
    LayoutPtr caption;
    double caption_height = 0;
    if (!bound.caption.empty()) {
      // On the code's side: left-aligned under a code on the left, and so on.
      caption = MakeLayout(cr_, bound.caption, Heading(block.style.size_pt, false), Width(),
                           block.style.align);
      caption_height = LayoutHeight(caption.get());
    }
    Reserve(side + caption_height);
    const double x = AlignedX(block.style.align, side);
    if (Draws()) {
      // Four modules of quiet zone inside `side`; the dark modules of each
      // row joined into runs and filled as one path, so no hairline seams.
      const double module = side / (matrix->size + 8);
      cairo_save(cr_);
      cairo_set_source_rgb(cr_, 0, 0, 0);
      for (int row = 0; row < matrix->size; ++row) {
        for (int col = 0; col < matrix->size;) {
          if (!matrix->Dark(col, row)) {
            ++col;
            continue;
          }
          int end = col;
          while (end < matrix->size && matrix->Dark(end, row)) ++end;
          cairo_rectangle(cr_, x + (col + 4) * module, y_ + (row + 4) * module,
                          (end - col) * module, module);
          col = end;
        }
      }
      cairo_fill(cr_);
      cairo_restore(cr_);
      if (caption) {
        ShowLayout(cr_, caption.get(), left_, y_ + side);
      }
    }
    y_ += side + caption_height + kBlockGap;
    return {};
  }

  // A seal of its own; an overlaid one was drawn with its paragraph.
  Result<void> Seal(const Block& block, const BoundBlock& bound) {
    if (block.overlay) return {};
    const double diameter = Mm(block.size_mm);
    Reserve(diameter);
    const double center_x = AlignedX(block.style.align, diameter) + diameter / 2;
    auto drawn = DrawSealAt(block, bound, center_x, y_ + diameter / 2);
    y_ += diameter + kBlockGap;
    return drawn;
  }

  Result<void> DrawSealAt(const Block& block, const BoundBlock& bound, double center_x,
                          double center_y) {
    const SealSpec seal{.center_x = center_x,
                        .center_y = center_y,
                        .diameter = Mm(block.size_mm),
                        .organisation = bound.text,
                        .caption = bound.caption,
                        .font_family = layout_.heading_font_family};
    if (!block.image.empty()) {
      if (!Draws()) return CheckSealImage(block.image);
      return DrawSealImage(cr_, block.image, seal);
    }
    if (Draws()) DrawSeal(cr_, seal);
    return {};
  }

  cairo_t* cr_;
  const BoundDocument& doc_;
  const DocumentTemplate& layout_;
  Drawing drawing_;
  int total_pages_;
  double left_ = 0, right_ = 0, top_ = 0, bottom_ = 0;
  double y_ = 0;
  int page_ = 1;
};

Result<void> CheckCairo(cairo_surface_t* surface, const char* what) {
  const cairo_status_t status = cairo_surface_status(surface);
  if (status == CAIRO_STATUS_SUCCESS) return {};
  return Fail(ErrorCode::kInternal,
              std::string("PDF ") + what + ": " + cairo_status_to_string(status));
}

}  // namespace

Result<RenderedPdf> RenderPdf(const BoundDocument& document) {
  // Pass 1: count the pages; nothing reaches any file.
  int pages = 0;
  {
    SurfacePtr surface(
        cairo_pdf_surface_create_for_stream(&DiscardBytes, nullptr, kA4Width, kA4Height));
    CairoPtr cr(cairo_create(surface.get()));
    for (const std::string& family :
         {document.layout.font_family, document.layout.heading_font_family}) {
      if (auto ok = CheckFontInstalled(cr.get(), family); !ok) return std::unexpected(ok.error());
    }
    auto counted = Pass(cr.get(), document, Drawing::kMeasureOnly, 0).Run();
    if (!counted) return std::unexpected(counted.error());
    pages = *counted;
  }
  RenderedPdf rendered;
  SurfacePtr surface(
      cairo_pdf_surface_create_for_stream(&AppendBytes, &rendered.bytes, kA4Width, kA4Height));
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, document.title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "kiosk");
  {
    CairoPtr cr(cairo_create(surface.get()));
    auto drawn = Pass(cr.get(), document, Drawing::kDraw, pages).Run();
    if (!drawn) return std::unexpected(drawn.error());
    rendered.pages = *drawn;
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
      return Fail(ErrorCode::kInternal,
                  std::string("PDF drawing: ") + cairo_status_to_string(cairo_status(cr.get())));
    }
  }
  cairo_surface_finish(surface.get());
  if (auto ok = CheckCairo(surface.get(), "output"); !ok) return std::unexpected(ok.error());
  return rendered;
}

Result<int> WritePdf(const BoundDocument& document, const std::filesystem::path& path) {
  auto rendered = RenderPdf(document);
  if (!rendered) return std::unexpected(rendered.error());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(rendered->bytes.data(), static_cast<std::streamsize>(rendered->bytes.size()));
  out.close();
  if (!out) {
    return std::unexpected<Error>(
        Error(ErrorCode::kIo, "cannot write " + path.string(), "write_failed"));
  }
  return rendered->pages;
}

}  // namespace kiosk::document
