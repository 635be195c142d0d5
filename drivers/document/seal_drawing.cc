#include "drivers/document/seal_drawing.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string_view>
#include <vector>

#include "drivers/document/pango_text.h"

namespace kiosk::document {
namespace {

constexpr double kRed[3] = {0.86, 0.08, 0.08};

std::vector<std::string> Characters(std::string_view text) {
  std::vector<std::string> characters;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    characters.emplace_back(text.substr(i, length));
    i += length;
  }
  return characters;
}

void Star(cairo_t* cr, double cx, double cy, double outer) {
  const double inner = outer * 0.382;
  for (int i = 0; i < 10; ++i) {
    const double radius = i % 2 == 0 ? outer : inner;
    const double angle = -std::numbers::pi / 2 + i * std::numbers::pi / 5;
    const double x = cx + radius * std::cos(angle);
    const double y = cy + radius * std::sin(angle);
    if (i == 0) {
      cairo_move_to(cr, x, y);
    } else {
      cairo_line_to(cr, x, y);
    }
  }
  cairo_close_path(cr);
  cairo_fill(cr);
}

}  // namespace

void DrawSeal(cairo_t* cr, const SealSpec& seal) {
  const double radius = seal.diameter / 2;
  const double ring = seal.diameter * 0.035;
  cairo_save(cr);
  cairo_set_source_rgb(cr, kRed[0], kRed[1], kRed[2]);
  cairo_set_line_width(cr, ring);
  // Text drawn before leaves a current point; the ring must not join it.
  cairo_new_path(cr);
  cairo_arc(cr, seal.center_x, seal.center_y, radius - ring / 2, 0, 2 * std::numbers::pi);
  cairo_stroke(cr);
  Star(cr, seal.center_x, seal.center_y, radius * 0.3);

  // The name along the upper arc, each character upright towards the rim,
  // over at most 240 degrees; fewer characters stand closer together.
  const auto characters = Characters(seal.organisation);
  if (!characters.empty()) {
    const double span = std::numbers::pi * 4 / 3;
    const std::size_t count = characters.size();
    const double step =
        count > 1 ? std::min(span / static_cast<double>(count - 1), std::numbers::pi / 7) : 0;
    double font_size = radius * 0.27;
    // Characters must not touch: the arc length per character bounds the size.
    if (count > 1) font_size = std::min(font_size, (radius * 0.75) * step * 0.92);
    const double text_radius = radius - ring * 1.6 - font_size * 0.6;
    const double first = -step * static_cast<double>(count - 1) / 2;
    for (std::size_t i = 0; i < count; ++i) {
      auto layout =
          MakeLayout(cr, characters[i], {seal.font_family, font_size, true}, 0, Align::kLeft);
      const double width = LayoutWidth(layout.get());
      const double height = LayoutHeight(layout.get());
      cairo_save(cr);
      cairo_translate(cr, seal.center_x, seal.center_y);
      cairo_rotate(cr, first + step * static_cast<double>(i));
      ShowLayout(cr, layout.get(), -width / 2, -text_radius - height / 2);
      cairo_restore(cr);
    }
  }
  if (!seal.caption.empty()) {
    auto layout =
        MakeLayout(cr, seal.caption, {seal.font_family, radius * 0.17, true}, 0, Align::kLeft);
    const double width = LayoutWidth(layout.get());
    ShowLayout(cr, layout.get(), seal.center_x - width / 2, seal.center_y + radius * 0.38);
  }
  cairo_restore(cr);
}

Result<void> CheckSealImage(const std::filesystem::path& png) {
  SurfacePtr image(cairo_image_surface_create_from_png(png.c_str()));
  const cairo_status_t status = cairo_surface_status(image.get());
  if (status == CAIRO_STATUS_SUCCESS) return {};
  return std::unexpected<Error>(
      Error(status == CAIRO_STATUS_FILE_NOT_FOUND ? ErrorCode::kNotFound : ErrorCode::kInvalidData,
            "seal image " + png.string() + ": " + cairo_status_to_string(status), "bad_template"));
}

Result<void> DrawSealImage(cairo_t* cr, const std::filesystem::path& png, const SealSpec& seal) {
  SurfacePtr image(cairo_image_surface_create_from_png(png.c_str()));
  if (cairo_surface_status(image.get()) != CAIRO_STATUS_SUCCESS) return CheckSealImage(png);
  const double width = cairo_image_surface_get_width(image.get());
  const double height = cairo_image_surface_get_height(image.get());
  if (width <= 0 || height <= 0) {
    return std::unexpected<Error>(
        Error(ErrorCode::kInvalidData, "seal image " + png.string() + " is empty", "bad_template"));
  }
  const double scale = seal.diameter / std::max(width, height);
  cairo_save(cr);
  cairo_translate(cr, seal.center_x - width * scale / 2, seal.center_y - height * scale / 2);
  cairo_scale(cr, scale, scale);
  cairo_set_source_surface(cr, image.get(), 0, 0);
  cairo_paint(cr);
  cairo_restore(cr);
  return {};
}

}  // namespace kiosk::document
