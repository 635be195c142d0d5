// GS v 0 raster images from the encoder: QR codes on printers without
// native QR, read back with ZXing from the decoded bits; logos, bit for
// bit; and the precise errors when a printer cannot print them.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "drivers/printer/escpos_encoder.h"
#include "drivers/printer/printer_profile.h"
#include "drivers/printer/printer_profile_loader.h"
#include "drivers/printer/raster_layout.h"
#include "drivers/printer/receipt_template.h"
#include "tests/printer/decode_helpers.h"
#include "tests/printer/raster_helpers.h"

namespace kiosk::devices {
namespace {

using testing::DecodedJob;
using testing::DecodedRasterImage;
using testing::EncodeAndDecode;

const std::string kConfig = KIOSK_CONFIG_DIR;

// The shipped 58 mm profile for printers without GS ( k.
PrinterProfile Basic58mmProfile() {
  auto profile = LoadPrinterProfile(kConfig + "/printers", "generic-58mm-basic");
  INFO((profile ? std::string() : profile.error().Describe()));
  REQUIRE(profile.has_value());
  return *profile;
}

PrinterProfile WithoutQrOrRaster() {
  PrinterProfile profile = Generic58mmProfile();
  profile.name = "no-qr-no-raster";
  profile.native_qr = false;
  profile.raster = false;
  return profile;
}

Error EncodeError(const ReceiptDocument& document, const PrinterProfile& profile) {
  auto bytes = EncodeReceipt(document, profile);
  REQUIRE_FALSE(bytes.has_value());
  return bytes.error();
}

// An irregular test pattern, so a shifted or mirrored copy cannot pass.
BitImage Pattern(int width, int height) {
  BitImage image = BitImage::Blank(width, height);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      if ((x * 7 + y * 3) % 5 == 0 || x == y || x == 0) image.SetBlack(x, y);
    }
  }
  return image;
}

// The picture holds `image` at column `left`, and nothing else.
bool HoldsAt(const DecodedRasterImage& picture, const BitImage& image, int left) {
  if (picture.height != image.height) return false;
  for (int y = 0; y < picture.height; ++y) {
    for (int x = 0; x < picture.width; ++x) {
      const bool inside = x >= left && x < left + image.width;
      const bool expected = inside && image.Black(x - left, y);
      if (picture.Black(x, y) != expected) return false;
    }
  }
  return true;
}

TEST_CASE("the basic 58 mm profile has raster but no native QR", "[printer][raster]") {
  const PrinterProfile profile = Basic58mmProfile();
  CHECK_FALSE(profile.native_qr);
  CHECK(profile.raster);
  CHECK(profile.printable_dots == 384);
  CHECK(RasterWidthDots(profile) == 384);
}

TEST_CASE("QR codes without native QR print as raster images that scan back", "[printer][raster]") {
  const PrinterProfile profile = Basic58mmProfile();
  const std::string url = "https://si.example.gov.cn/verify?no=SB20261204000123";
  // 700 bytes need version 17 or so: at 8 dots a module it would not fit
  // 384 dots, and it is taller than one 256-row band.
  const std::string long_payload(700, 'Q');
  const std::string chinese = "凭证号：123";
  for (const auto& [payload, module_size] :
       {std::pair{url, 6}, std::pair{long_payload, 8}, std::pair{chinese, 4}}) {
    INFO(payload.substr(0, 40) << " at module size " << module_size);
    const DecodedJob job = EncodeAndDecode(
        ReceiptDocument{{Text{"before"}, QrCode{payload, module_size}, Text{"after"}}}, profile);
    CHECK(job.qr_codes.empty());  // No GS ( k on this printer.
    REQUIRE(job.lines.size() == 2);
    CHECK(job.lines[1].text == "after");
    const std::vector<DecodedRasterImage> pictures = testing::Pictures(job);
    REQUIRE(pictures.size() == 1);
    const DecodedRasterImage& symbol = pictures[0];
    CHECK(symbol.line_index == 1);
    CHECK(symbol.mode == 0);
    // No wider than the paper, and no band taller than the printer takes.
    CHECK(symbol.width <= profile.printable_dots);
    for (const DecodedRasterImage& band : job.images) CHECK(band.height <= 256);
    // Centred: as much white on the left of the symbol as on its right.
    const auto [left, right] = testing::BlackColumns(symbol);
    REQUIRE(left >= 0);
    const int right_margin = symbol.width - 1 - right;
    CHECK(std::abs(left - right_margin) <= 1);
    // The module size asked for where it fits, smaller where it does not.
    const int symbol_width = right - left + 1;
    if (module_size == 8) {
      CHECK(job.images.size() > 1);
      CHECK(symbol_width + 2 * kQrQuietZoneModules * 4 <= profile.printable_dots);
    } else {
      CHECK(symbol_width % module_size == 0);
      CHECK(left >= kQrQuietZoneModules * module_size);
    }
    CHECK(testing::ScanQr(symbol) == payload);
  }
}

TEST_CASE("a QR code that cannot fit even at one dot a module is refused", "[printer][raster]") {
  PrinterProfile tiny = Basic58mmProfile();
  // 2331 bytes need version 40: 177 modules, 185 dots with the quiet zone.
  tiny.printable_dots = 40;
  Error error = EncodeError(ReceiptDocument{{QrCode{std::string(2331, 'x'), 4}}}, tiny);
  CHECK(error.code == ErrorCode::kInvalidArgument);
  CHECK_THAT(error.detail, Catch::Contains("receipt element 0 (QrCode)"));
  CHECK_THAT(error.detail, Catch::Contains("modules needs"));
  CHECK(FitQrModuleSize(21, 6, 384) == 6);
  CHECK(FitQrModuleSize(177, 6, 384) == 2);
  CHECK_FALSE(FitQrModuleSize(177, 1, 184).has_value());
}

TEST_CASE("a profile with neither native QR nor raster refuses a QR code", "[printer][raster]") {
  const Error error = EncodeError(ReceiptDocument{{Text{"x"}, QrCode{"https://x.cn/v?n=1", 6}}},
                                  WithoutQrOrRaster());
  CHECK(error.code == ErrorCode::kInvalidArgument);
  CHECK(error.detail ==
        "receipt element 1 (QrCode): printer profile 'no-qr-no-raster' prints QR codes neither "
        "natively (native_qr) nor as raster images (raster); mark the QR code optional to leave "
        "it out on such printers");

  // Marked optional, it is left out and the rest prints.
  QrCode optional{"https://x.cn/v?n=1", 6};
  optional.optional = true;
  const DecodedJob job =
      EncodeAndDecode(ReceiptDocument{{Text{"x"}, optional, Text{"y"}}}, WithoutQrOrRaster());
  CHECK(job.qr_codes.empty());
  CHECK(job.images.empty());
  CHECK(job.lines.size() == 2);
}

TEST_CASE("logo bits round-trip through GS v 0, centred", "[printer][raster]") {
  // 37 dots: neither the width nor the margin is a whole number of bytes.
  const BitImage pattern = Pattern(37, 21);
  for (const PrinterProfile& profile : {Generic58mmProfile(), Generic80mmProfile()}) {
    INFO(profile.name);
    const DecodedJob job =
        EncodeAndDecode(ReceiptDocument{{Logo{"pattern.pbm", pattern}, Title{"标题"}}}, profile);
    REQUIRE(job.images.size() == 1);
    const DecodedRasterImage& picture = job.images[0];
    CHECK(picture.line_index == 0);
    CHECK(picture.width == profile.printable_dots);
    CHECK(HoldsAt(picture, pattern, (profile.printable_dots - 37) / 2));
    CHECK(job.lines.at(0).text == "标题");
  }

  // Taller than a band: the bands stack up to the whole picture.
  const BitImage tall = Pattern(64, 300);
  const DecodedJob job =
      EncodeAndDecode(ReceiptDocument{{Logo{"tall.pbm", tall}}}, Generic58mmProfile());
  REQUIRE(job.images.size() == 2);
  CHECK(job.images[0].height == 256);
  CHECK(job.images[1].height == 44);
  const std::vector<DecodedRasterImage> pictures = testing::Pictures(job);
  REQUIRE(pictures.size() == 1);
  CHECK(HoldsAt(pictures[0], tall, (384 - 64) / 2));
}

TEST_CASE("a logo wider than the paper or without raster is refused", "[printer][raster]") {
  const ReceiptDocument wide{{Text{"x"}, Logo{"wide.pbm", Pattern(400, 8)}}};
  Error error = EncodeError(wide, Generic58mmProfile());
  CHECK(error.code == ErrorCode::kInvalidArgument);
  CHECK(error.detail ==
        "receipt element 1 (Logo): logo wide.pbm is 400 dots wide; printer profile "
        "'generic-58mm' prints at most 384 dots (58 mm paper)");
  // 80 mm paper takes it.
  CHECK(EncodeAndDecode(wide, Generic80mmProfile()).images.size() == 1);

  error = EncodeError(ReceiptDocument{{Logo{"small.pbm", Pattern(8, 8)}}}, WithoutQrOrRaster());
  CHECK(error.code == ErrorCode::kInvalidArgument);
  CHECK_THAT(error.detail, Catch::Contains("logo small.pbm: printer profile 'no-qr-no-raster' "
                                           "has no raster images"));

  // Optional logos are left out instead.
  const DecodedJob job = EncodeAndDecode(
      ReceiptDocument{{Logo{"wide.pbm", Pattern(400, 8), true}, Text{"x"}}}, Generic58mmProfile());
  CHECK(job.images.empty());
  CHECK(job.lines.size() == 1);
}

TEST_CASE("the shipped receipt prints its emblem and a raster QR on the basic profile",
          "[printer][raster][template]") {
  auto receipt_template = LoadReceiptTemplate(kConfig + "/receipts/social_insurance_payment.json");
  INFO((receipt_template ? std::string() : receipt_template.error().Describe()));
  REQUIRE(receipt_template.has_value());
  auto data = ReadJsonFile(kConfig + "/receipts/social_insurance_payment.example-data.json");
  REQUIRE(data.has_value());
  auto document = RenderReceipt(*receipt_template, *data);
  INFO((document ? std::string() : document.error().Describe()));
  REQUIRE(document.has_value());

  const DecodedJob job = EncodeAndDecode(*document, Basic58mmProfile());
  const std::vector<DecodedRasterImage> pictures = testing::Pictures(job);
  REQUIRE(pictures.size() == 2);
  CHECK(pictures[0].line_index == 0);  // The emblem above the title.
  CHECK(job.lines.at(0).text == "参保缴费凭证");
  CHECK(testing::ScanQr(pictures[1]) == "https://si.example.gov.cn/verify?no=SB20261204000123");
}

}  // namespace
}  // namespace kiosk::devices
