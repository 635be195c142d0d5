#pragma once

// What the encoder must know about a printer model. Today two generic
// profiles are built in; a later issue loads per-model profiles (with
// inheritance) from firmware_config, so keep this a plain value type.

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
