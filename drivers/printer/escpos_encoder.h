#pragma once

// Lays out a ReceiptDocument for one printer profile and turns it into one
// complete ESC/POS job: it starts with ESC @, so the printer state left by
// an earlier (perhaps aborted) job cannot leak into this one. Byte
// transports (file, USB, serial, TCP) only carry the result.

#include <cstdint>
#include <vector>

#include "common/error.h"
#include "drivers/printer/printer_profile.h"
#include "drivers/printer/receipt_document.h"

namespace kiosk::devices {

// QR codes use GS ( k where the profile has native_qr, else a GS v 0 raster
// image where it has raster; logos are always raster images.
//
// The job's bytes, or an error naming the element at fault: kInvalidData
// for invalid UTF-8, kInvalidArgument for text that has no GB18030 form,
// control characters, numbers out of range, a QR code (not optional) on a
// profile with neither native QR nor raster, a logo (not optional) on a
// profile without raster or wider than its paper, or an invalid profile.
Result<std::vector<std::uint8_t>> EncodeReceipt(const ReceiptDocument& document,
                                                const PrinterProfile& profile);

}  // namespace kiosk::devices
