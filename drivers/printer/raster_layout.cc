#include "drivers/printer/raster_layout.h"

#include <fmt/format.h>

#include <algorithm>

namespace kiosk::devices {

int RasterWidthDots(const PrinterProfile& profile) { return profile.printable_dots / 8 * 8; }

Result<int> FitQrModuleSize(int modules, int wanted, int width_dots) {
  const int side = modules + 2 * kQrQuietZoneModules;
  const int fitting = std::min(wanted, width_dots / side);
  if (fitting < 1) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("a QR code of {} modules needs {} dots with its quiet zone, the "
                            "paper has {}",
                            modules, side, width_dots));
  }
  return fitting;
}

BitImage DrawQr(const QrMatrix& matrix, int module_dots) {
  const int side = (matrix.size + 2 * kQrQuietZoneModules) * module_dots;
  BitImage image = BitImage::Blank(side, side);
  const int margin = kQrQuietZoneModules * module_dots;
  for (int y = 0; y < side - 2 * margin; ++y) {
    for (int x = 0; x < side - 2 * margin; ++x) {
      if (matrix.Dark(x / module_dots, y / module_dots)) image.SetBlack(margin + x, margin + y);
    }
  }
  return image;
}

BitImage CenterOnWidth(const BitImage& image, int width_dots) {
  BitImage centred = BitImage::Blank(width_dots, image.height);
  const int left = (width_dots - image.width) / 2;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      if (image.Black(x, y)) centred.SetBlack(left + x, y);
    }
  }
  return centred;
}

}  // namespace kiosk::devices
