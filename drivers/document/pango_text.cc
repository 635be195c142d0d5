#include "drivers/document/pango_text.h"

#include <strings.h>

namespace kiosk::document {
namespace {

struct FontDescriptionFree {
  void operator()(PangoFontDescription* description) const {
    pango_font_description_free(description);
  }
};
using FontDescriptionPtr = std::unique_ptr<PangoFontDescription, FontDescriptionFree>;

FontDescriptionPtr Describe(const Font& font) {
  FontDescriptionPtr description(pango_font_description_new());
  pango_font_description_set_family(description.get(), font.family.c_str());
  // Absolute: in user units (points on a PDF surface), whatever the
  // context's resolution.
  pango_font_description_set_absolute_size(description.get(), font.size_pt * PANGO_SCALE);
  pango_font_description_set_weight(description.get(),
                                    font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  return description;
}

}  // namespace

LayoutPtr MakeLayout(cairo_t* cr, const std::string& text, const Font& font, double width,
                     Align align) {
  LayoutPtr layout(pango_cairo_create_layout(cr));
  pango_context_set_language(pango_layout_get_context(layout.get()),
                             pango_language_from_string("zh-cn"));
  auto description = Describe(font);
  pango_layout_set_font_description(layout.get(), description.get());
  if (width > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(layout.get(), align == Align::kCenter  ? PANGO_ALIGN_CENTER
                                           : align == Align::kRight ? PANGO_ALIGN_RIGHT
                                                                    : PANGO_ALIGN_LEFT);
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  return layout;
}

double LayoutWidth(PangoLayout* layout) {
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout, &width, &height);
  return static_cast<double>(width) / PANGO_SCALE;
}

double LayoutHeight(PangoLayout* layout) {
  int width = 0;
  int height = 0;
  pango_layout_get_size(layout, &width, &height);
  return static_cast<double>(height) / PANGO_SCALE;
}

void ShowLayout(cairo_t* cr, PangoLayout* layout, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
}

Result<void> CheckFontInstalled(cairo_t* cr, const std::string& family) {
  LayoutPtr layout(pango_cairo_create_layout(cr));
  auto description = Describe({family, 10, false});
  std::unique_ptr<PangoFont, GObjectUnref> font(
      pango_context_load_font(pango_layout_get_context(layout.get()), description.get()));
  if (font) {
    FontDescriptionPtr loaded(pango_font_describe(font.get()));
    const char* name = pango_font_description_get_family(loaded.get());
    if (name != nullptr && ::strcasecmp(name, family.c_str()) == 0) return {};
  }
  return std::unexpected<Error>(
      Error(ErrorCode::kNotFound,
            "font \"" + family + "\" is not installed (Debian: fonts-noto-cjk)", "font_missing"));
}

}  // namespace kiosk::document
