#include "drivers/id_card/id_card_photo.h"

#include "drivers/id_card/wipe_bytes.h"

namespace kiosk::devices {
namespace {

class UnlicensedPhotoDecoder final : public IdCardPhotoDecoder {
 public:
  Result<DecodedPhoto> Decode(const WltPhoto& /*photo*/) override {
    return std::unexpected(
        Error(ErrorCode::kNotFound,
              "no licensed WLT decoder is installed: the ID card photo is not shown",
              "wlt_decoder_unavailable"));
  }
};

}  // namespace

void DecodedPhoto::Wipe() {
  WipeBytes(rgb);
  width = 0;
  height = 0;
}

std::unique_ptr<IdCardPhotoDecoder> MakeUnlicensedPhotoDecoder() {
  return std::make_unique<UnlicensedPhotoDecoder>();
}

}  // namespace kiosk::devices
