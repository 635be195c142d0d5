#include "drivers/common/qr_matrix.h"

#include <qrencode.h>

#include <cerrno>
#include <memory>

namespace kiosk::devices {

Result<QrMatrix> EncodeQr(const std::string& text) {
  if (text.empty()) return Fail(ErrorCode::kInvalidArgument, "QR code: the value is empty");
  errno = 0;
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M),
      &QRcode_free);
  if (!code) {
    return Fail(ErrorCode::kInvalidArgument,
                errno == ERANGE ? "QR code: " + std::to_string(text.size()) +
                                      " bytes are too many for a QR code"
                                : "QR code: libqrencode could not encode the value");
  }
  QrMatrix matrix;
  matrix.size = code->width;
  const std::size_t count =
      static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width);
  matrix.dark.resize(count);
  // Bit 0 of each byte is the module's colour (1 = dark); the others say
  // what the module is for.
  for (std::size_t i = 0; i < count; ++i) matrix.dark[i] = static_cast<char>(code->data[i] & 1);
  return matrix;
}

}  // namespace kiosk::devices
