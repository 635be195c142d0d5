#pragma once

// Pictures placed on the paper for GS v 0: a QR code drawn dot for dot
// (for printers without GS ( k) and any image centred across the printable
// width. Pure functions, so the geometry is tested without a printer.

#include "common/error.h"
#include "drivers/common/qr_matrix.h"
#include "drivers/printer/bit_image.h"
#include "drivers/printer/printer_profile.h"

namespace kiosk::devices {

// ISO/IEC 18004 asks for a light margin of 4 modules around a QR code;
// readers find the finder patterns less reliably without it.
constexpr int kQrQuietZoneModules = 4;

// The widest raster image the profile's paper takes, in whole bytes of 8
// dots (GS v 0 counts bytes), so never wider than the printable area.
int RasterWidthDots(const PrinterProfile& profile);

// The module size for a symbol of `modules` per side: `wanted`, or less so
// that the symbol and its quiet zone fit in `width_dots`. kInvalidArgument
// when even 1 dot per module does not fit.
Result<int> FitQrModuleSize(int modules, int wanted, int width_dots);

// The symbol with its quiet zone, `module_dots` dots per module.
BitImage DrawQr(const QrMatrix& matrix, int module_dots);

// `image` in the middle of a white image `width_dots` wide; the caller
// makes sure it fits (image.width <= width_dots).
BitImage CenterOnWidth(const BitImage& image, int width_dots);

}  // namespace kiosk::devices
