#pragma once

// What the encoder must know about a printer model. Two generic profiles
// are built in; per-model profiles (with inheritance) are data in
// firmware_config/printers/ (printer_profile_loader.h). A plain value type.

#include <string>
#include <string_view>

#include "common/error.h"

namespace kiosk::devices {

struct PrinterProfile {
  std::string name;
  int paper_width_mm = 80;
  int printable_dots = 576;
  // Characters per line in font A (12x24 dots). A Chinese character takes
  // two columns.
  int columns = 48;
  // Some models start in Chinese mode; sending FS & to them is harmless but
  // the profile lets us reproduce exactly what a vendor driver sends.
  bool chinese_mode_at_power_on = false;
  // QR printing with GS ( k; without it QR codes need a raster image.
  bool native_qr = true;
  bool has_cutter = true;
  // Dots per inch of the head (203 on most Chinese models, 180 on Epson's).
  int dpi = 203;
  // Characters per line in font B (9x17 dots); 0 when the model has none.
  int font_b_columns = 64;
  // GS v 0 raster images: logos, and QR codes where native_qr is false.
  // With neither, a receipt with a QR code (not marked optional) fails.
  bool raster = true;
  // Real-time status with DLE EOT n; without it jobs are sent blind.
  bool dle_eot_status = true;
  // Automatic status back (GS a n).
  bool auto_status_back = false;
};

// 80 mm paper, 576 dots, 48 columns, native QR, cutter.
PrinterProfile Generic80mmProfile();

// 58 mm paper, 384 dots, 32 columns, native QR, no cutter (most 58 mm
// panel printers have only a tear bar).
PrinterProfile Generic58mmProfile();

// The built-in profile called `name` ("generic-80mm", "generic-58mm"), as
// a configuration names it; kNotFound for any other name.
Result<PrinterProfile> BuiltInProfile(std::string_view name);

// Checks the numbers make sense before anything is laid out with them.
Result<void> ValidateProfile(const PrinterProfile& profile);

}  // namespace kiosk::devices
