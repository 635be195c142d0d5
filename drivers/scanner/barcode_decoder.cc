// ZXing 1.4's Result::text() returns std::wstring unless asked for UTF-8.
#define ZX_USE_UTF8 1

#include "drivers/scanner/barcode_decoder.h"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/ReadBarcode.h>

namespace kiosk::devices {
namespace {

ZXing::BarcodeFormat ToZxing(Symbology symbology) {
  switch (symbology) {
    case Symbology::kQrCode: return ZXing::BarcodeFormat::QRCode;
    case Symbology::kDataMatrix: return ZXing::BarcodeFormat::DataMatrix;
    case Symbology::kPdf417: return ZXing::BarcodeFormat::PDF417;
    case Symbology::kCode128: return ZXing::BarcodeFormat::Code128;
    case Symbology::kUnknown:
    case Symbology::kOther: break;
  }
  return ZXing::BarcodeFormat::None;
}

Symbology FromZxing(ZXing::BarcodeFormat format) {
  switch (format) {
    case ZXing::BarcodeFormat::QRCode: return Symbology::kQrCode;
    case ZXing::BarcodeFormat::DataMatrix: return Symbology::kDataMatrix;
    case ZXing::BarcodeFormat::PDF417: return Symbology::kPdf417;
    case ZXing::BarcodeFormat::Code128: return Symbology::kCode128;
    default: return Symbology::kOther;
  }
}

std::vector<Symbology> Without(std::vector<Symbology> formats, Symbology unwanted) {
  std::erase(formats, unwanted);
  return formats;
}

}  // namespace

std::vector<Symbology> AllDecodedSymbologies() {
  return {Symbology::kQrCode, Symbology::kDataMatrix, Symbology::kPdf417, Symbology::kCode128};
}

Result<DecodedBarcode> DecodeBarcode(const GrayImage& image, const DecodePass& pass) {
  if (!image.Valid()) {
    return Fail(ErrorCode::kInvalidArgument, "image size and pixel count disagree");
  }
  ZXing::BarcodeFormats formats;
  for (Symbology symbology : pass.formats) {
    const auto format = ToZxing(symbology);
    if (format != ZXing::BarcodeFormat::None) formats |= format;
  }
  if (formats.empty()) return Fail(ErrorCode::kInvalidArgument, "no barcode format to look for");
  const int subsample = pass.subsample < 1 ? 1 : pass.subsample;
  if (image.width / subsample < 21 || image.height / subsample < 21) {
    return Fail(ErrorCode::kNotFound, "the image is too small to hold a barcode");
  }
  ZXing::DecodeHints hints;
  hints.setFormats(formats)
      .setTryHarder(pass.try_harder)
      .setTryRotate(pass.try_harder)
      .setTryDownscale(pass.try_harder)
      .setBinarizer(pass.binarizer == DecodePass::Binarizer::kGlobalHistogram
                        ? ZXing::Binarizer::GlobalHistogram
                        : ZXing::Binarizer::LocalAverage);
  ZXing::ImageView view(image.pixels.data(), image.width, image.height, ZXing::ImageFormat::Lum);
  if (subsample > 1) view = view.subsampled(subsample);
  const ZXing::Result result = ZXing::ReadBarcode(view, hints);
  if (!result.isValid()) return Fail(ErrorCode::kNotFound, "no barcode found in the image");
  DecodedBarcode decoded;
  decoded.symbology = FromZxing(result.format());
  decoded.raw.assign(result.bytes().begin(), result.bytes().end());
  decoded.text = result.text();
  const auto& position = result.position();
  for (std::size_t i = 0; i < 4; ++i) {
    decoded.corners[i] = {position[i].x * subsample, position[i].y * subsample};
  }
  return decoded;
}

std::vector<DecodePass> CameraPassCycle(const std::vector<Symbology>& formats) {
  // PDF417's reader costs more at full resolution on a frame without a
  // code (~11 ms) than all the rest together, so it runs on the
  // half-resolution view only (~0.7 ms). 1. Local average, full
  // resolution. 2. Global histogram, full resolution. 3. Local average on
  // a half-resolution view, every format.
  DecodePass local;
  local.formats = Without(formats, Symbology::kPdf417);
  DecodePass global = local;
  global.binarizer = DecodePass::Binarizer::kGlobalHistogram;
  DecodePass half;
  half.subsample = 2;
  half.formats = formats;
  std::vector<DecodePass> cycle;
  if (!local.formats.empty()) {
    cycle.push_back(local);
    cycle.push_back(global);
  }
  cycle.push_back(half);
  return cycle;
}

Result<DecodedBarcode> DecodeBarcodeThoroughly(const GrayImage& image,
                                               const std::vector<Symbology>& formats) {
  DecodePass local;
  local.try_harder = true;
  local.formats = formats;
  DecodePass global = local;
  global.binarizer = DecodePass::Binarizer::kGlobalHistogram;
  auto decoded = DecodeBarcode(image, local);
  if (decoded || decoded.error().code != ErrorCode::kNotFound) return decoded;
  return DecodeBarcode(image, global);
}

}  // namespace kiosk::devices
