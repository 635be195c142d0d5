#pragma once

// Which kind of barcode a scan came from. Keyboard-wedge and serial
// scanners do not say unless they are set to send an AIM symbology
// identifier (ISO/IEC 15424) before each code; the camera decoder always
// knows.

#include <string>
#include <string_view>

namespace kiosk::devices {

enum class Symbology { kUnknown, kQrCode, kDataMatrix, kPdf417, kCode128, kOther };

// "qr_code", "data_matrix", "pdf417", "code128", "other", "unknown".
const char* ToString(Symbology symbology);

// Strips a leading AIM identifier ("]Q1", "]d2", "]L2", "]C0", …) from
// `text` and returns what it names; kUnknown, and `text` untouched, when
// the text does not start with one.
Symbology TakeAimIdentifier(std::string& text);

}  // namespace kiosk::devices
