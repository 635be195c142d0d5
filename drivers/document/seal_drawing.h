#pragma once

// The electronic seal (电子印章) on a document: drawn in red with cairo (a
// ring, a five-pointed star, the issuing organisation's name along the
// upper arc, an optional line under the star), or a PNG scaled to the
// diameter. The renderer draws an overlaid seal before the text it lies
// on, so the text stays readable as under a real stamp, without PDF
// transparency: a blend mode or a soft mask makes the print path's
// PostScript step (pdftops, ghostscript) rasterise the whole page, and the
// text is lost. (A PNG with an alpha channel is still a soft mask.)

#include <cairo.h>

#include <filesystem>
#include <string>

#include "common/error.h"

namespace kiosk::document {

struct SealSpec {
  double center_x = 0, center_y = 0, diameter = 0;  // Points.
  std::string organisation;
  std::string caption;  // Under the star, e.g. "业务专用章"; may be empty.
  std::string font_family;
};

void DrawSeal(cairo_t* cr, const SealSpec& seal);

// kNotFound / kInvalidData (reason "bad_template") naming the file.
Result<void> DrawSealImage(cairo_t* cr, const std::filesystem::path& png, const SealSpec& seal);

// Checks that `png` loads, without drawing it.
Result<void> CheckSealImage(const std::filesystem::path& png);

}  // namespace kiosk::document
