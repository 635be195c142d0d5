#pragma once

// Turning the card's WLT photo into pixels. The WLT format is the Ministry
// of Public Security's and only its licensed library decodes it; a kiosk
// with that library installs a decoder behind this interface. Until then
// the unlicensed decoder refuses, and the screen shows no photo: never an
// image we cannot vouch for.

#include <cstdint>
#include <memory>
#include <vector>

#include "common/error.h"
#include "drivers/id_card/id_card.h"

namespace kiosk::devices {

struct DecodedPhoto {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgb;  // width * height * 3 bytes, rows top to bottom.

  void Wipe();
};

class IdCardPhotoDecoder {
 public:
  virtual ~IdCardPhotoDecoder() = default;
  virtual Result<DecodedPhoto> Decode(const WltPhoto& photo) = 0;
};

// Always kNotFound, reason "wlt_decoder_unavailable".
std::unique_ptr<IdCardPhotoDecoder> MakeUnlicensedPhotoDecoder();

}  // namespace kiosk::devices
