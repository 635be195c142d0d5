#include "drivers/scanner/symbology.h"

namespace kiosk::devices {

const char* ToString(Symbology symbology) {
  switch (symbology) {
    case Symbology::kUnknown: return "unknown";
    case Symbology::kQrCode: return "qr_code";
    case Symbology::kDataMatrix: return "data_matrix";
    case Symbology::kPdf417: return "pdf417";
    case Symbology::kCode128: return "code128";
    case Symbology::kOther: return "other";
  }
  return "unknown";
}

Symbology TakeAimIdentifier(std::string& text) {
  // "]" + code character + one modifier character (ISO/IEC 15424).
  if (text.size() < 3 || text[0] != ']') return Symbology::kUnknown;
  const char code = text[1];
  const char modifier = text[2];
  const bool modifier_ok =
      (modifier >= '0' && modifier <= '9') || (modifier >= 'A' && modifier <= 'Z');
  const bool code_ok = (code >= 'A' && code <= 'Z') || (code >= 'a' && code <= 'z');
  if (!code_ok || !modifier_ok) return Symbology::kUnknown;
  text.erase(0, 3);
  switch (code) {
    case 'Q': return Symbology::kQrCode;
    case 'd': return Symbology::kDataMatrix;
    case 'L': return Symbology::kPdf417;
    case 'C': return Symbology::kCode128;
    default: return Symbology::kOther;
  }
}

}  // namespace kiosk::devices
