#pragma once

// Small owners and helpers over cairo and pango for the renderer and the
// seal (internal to kiosk_document). Lengths are PDF points.

#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <string>

#include "drivers/document/document_template.h"

namespace kiosk::document {

struct GObjectUnref {
  void operator()(void* object) const { g_object_unref(object); }
};
struct CairoDestroy {
  void operator()(cairo_t* cr) const { cairo_destroy(cr); }
};
struct SurfaceDestroy {
  void operator()(cairo_surface_t* surface) const { cairo_surface_destroy(surface); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
using CairoPtr = std::unique_ptr<cairo_t, CairoDestroy>;
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDestroy>;

constexpr double kPointsPerMm = 72.0 / 25.4;
inline double Mm(double millimetres) { return millimetres * kPointsPerMm; }

struct Font {
  std::string family;
  double size_pt = 11;
  bool bold = false;
};

// A layout of `text` in `font`, wrapped at `width` (word, then character:
// a long number or URL still breaks), aligned within that width. A width
// <= 0 means no wrapping.
LayoutPtr MakeLayout(cairo_t* cr, const std::string& text, const Font& font, double width,
                     Align align);

// The layout's logical width and height.
double LayoutWidth(PangoLayout* layout);
double LayoutHeight(PangoLayout* layout);

// Draws `layout` with its top-left corner at (x, y).
void ShowLayout(cairo_t* cr, PangoLayout* layout, double x, double y);

// kNotFound if fontconfig has no face of `family` (pango would fall back
// to another font in silence): fonts-noto-cjk is missing.
Result<void> CheckFontInstalled(cairo_t* cr, const std::string& family);

}  // namespace kiosk::document
