// Decoding codes in image files: QR codes made by qrencode, Data Matrix,
// PDF417 and Code 128 made by ZXing's own writer, and "photos": the QR
// image distorted by ImageMagick (perspective, blur, low contrast, noise,
// rotation, small in a 1280x720 frame), all at test time.

#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>
#include <stb_image_write.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "drivers/scanner/image_file.h"
#include "drivers/scanner/scan_payload.h"
#include "tests/scanner/scanner_test_support.h"

namespace kiosk::devices {
namespace {

using testing::RunCommand;
using testing::ShellQuote;
using testing::TempDir;
using testing::WriteQrPng;

const std::string kLicence = "https://www.gdzwfw.gov.cn/ymtx/yyzz?uscc=91440300MA5FUY831L&v=1";
const std::string kToken = "q8Zr3VxN0m5T-bH7yKdL2wQ9sJc_EuA4gFiR6tPoXnB1lDz8vMhYeWkS0aCjU";

// ImageMagick's convert with `arguments` between input and output.
void Convert(const std::filesystem::path& in, const std::string& arguments,
             const std::filesystem::path& out) {
  std::string output;
  const int status = RunCommand(
      "convert " + ShellQuote(in.string()) + " " + arguments + " " + ShellQuote(out.string()),
      &output);
  INFO("convert (Debian package imagemagick) " << arguments << ": " << output);
  REQUIRE(status == 0);
}

// A code from ZXing's writer as a PNG: `scale` pixels a module, a white
// border of `border` pixels.
void WriteZxingPng(const std::filesystem::path& file, ZXing::BarcodeFormat format,
                   const std::string& text, int width, int height, int border) {
  const ZXing::BitMatrix matrix =
      ZXing::MultiFormatWriter(format).setMargin(0).encode(text, width, height);
  const int w = matrix.width() + 2 * border;
  const int h = matrix.height() + 2 * border;
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(w) * h, 255);
  for (int y = 0; y < matrix.height(); ++y) {
    for (int x = 0; x < matrix.width(); ++x) {
      if (matrix.get(x, y)) pixels[static_cast<std::size_t>(y + border) * w + x + border] = 0;
    }
  }
  REQUIRE(stbi_write_png(file.string().c_str(), w, h, 1, pixels.data(), w) != 0);
}

TEST_CASE("qrencode QR codes of every payload kind decode to their text") {
  TempDir dir;
  const std::string payloads[] = {kLicence, "ESSC1:" + kToken, "NHSA1:" + kToken,
                                  "社会保障卡 服务 ✓"};
  for (const auto& payload : payloads) {
    INFO(payload);
    const auto file = dir / "code.png";
    WriteQrPng(file, payload);
    auto decoded = DecodeImageFile(file.string());
    REQUIRE(decoded.has_value());
    CHECK(decoded->symbology == Symbology::kQrCode);
    CHECK(decoded->text == payload);
    CHECK(decoded->raw == payload);  // qrencode writes UTF-8 bytes as they are.
    // qrencode draws a 4-module quiet zone of 6 pixels a module.
    CHECK(decoded->corners[0].x >= 20);
    CHECK(decoded->corners[0].x <= 30);
    CHECK(decoded->corners[2].x > decoded->corners[0].x);
  }
}

TEST_CASE("Data Matrix PDF417 and Code 128 from ZXing's writer decode") {
  TempDir dir;
  struct Case {
    ZXing::BarcodeFormat format;
    Symbology symbology;
    std::string text;
    int width;
    int height;
  };
  const Case cases[] = {
      {ZXing::BarcodeFormat::DataMatrix, Symbology::kDataMatrix, kLicence, 200, 200},
      {ZXing::BarcodeFormat::PDF417, Symbology::kPdf417, "NHSA1:" + kToken, 600, 200},
      {ZXing::BarcodeFormat::Code128, Symbology::kCode128, "91440300557193620Y", 500, 100},
  };
  for (const auto& test : cases) {
    INFO(ToString(test.symbology));
    const auto file = dir / "code.png";
    WriteZxingPng(file, test.format, test.text, test.width, test.height, 30);
    auto decoded = DecodeImageFile(file.string());
    REQUIRE(decoded.has_value());
    CHECK(decoded->symbology == test.symbology);
    CHECK(decoded->text == test.text);
    // Restricted to other formats, the same image holds nothing.
    std::vector<Symbology> others;
    for (Symbology s : AllDecodedSymbologies()) {
      if (s != test.symbology) others.push_back(s);
    }
    auto missed = DecodeImageFile(file.string(), others);
    REQUIRE_FALSE(missed.has_value());
    CHECK(missed.error().code == ErrorCode::kNotFound);
  }
}

TEST_CASE("photo-like distortions of a QR code still decode") {
  TempDir dir;
  const auto code = dir / "code.png";
  WriteQrPng(code, kLicence, 6);
  // qrencode's PNG is (N + 8) * 6 pixels square; the perspective moves the
  // corners of a 0..100% box.
  const std::pair<const char*, std::string> distortions[] = {
      {"perspective",
       "-virtual-pixel white -distort Perspective "
       "'0,0 30,20  %[fx:w-1],0 %[fx:w-25],45  0,%[fx:h-1] 10,%[fx:h-20]  "
       "%[fx:w-1],%[fx:h-1] %[fx:w-40],%[fx:h-5]'"},
      {"blur", "-blur 0x1.6"},
      {"low contrast", "+level 35%,65%"},
      {"noise", "-colorspace Gray -attenuate 0.6 +noise Gaussian"},
      {"rotation", "-background white -rotate 33"},
      {"small in a 1280x720 frame",
       "-resize 260x260 -background gray55 -gravity center -extent 1280x720"},
      {"all at once, as JPEG",
       "-virtual-pixel white -distort Perspective "
       "'0,0 20,10  %[fx:w-1],0 %[fx:w-15],30  0,%[fx:h-1] 5,%[fx:h-10]  "
       "%[fx:w-1],%[fx:h-1] %[fx:w-25],%[fx:h-3]' "
       "-background white -rotate 12 -blur 0x1 +level 25%,75% -attenuate 0.4 +noise Gaussian "
       "-resize 320x320 -background gray40 -gravity center -extent 1280x720 -quality 70"},
  };
  for (const auto& [name, arguments] : distortions) {
    INFO(name);
    const auto photo =
        dir / (std::string(name).find("JPEG") != std::string::npos ? "photo.jpg" : "photo.png");
    Convert(code, arguments, photo);
    auto decoded = DecodeImageFile(photo.string());
    REQUIRE(decoded.has_value());
    CHECK(decoded->text == kLicence);
    auto payload = ClassifyScanPayload(decoded->text);
    REQUIRE(payload.has_value());
    CHECK(payload->credit_code == "91440300MA5FUY831L");
  }
}

TEST_CASE("a picture without a code reports not found") {
  TempDir dir;
  const auto picture = dir / "nocode.png";
  std::string output;
  INFO(output);
  REQUIRE(RunCommand("convert -size 1280x720 -seed 7 plasma:fractal -colorspace Gray -blur 0x2 " +
                         ShellQuote(picture.string()),
                     &output) == 0);
  auto decoded = DecodeImageFile(picture.string());
  REQUIRE_FALSE(decoded.has_value());
  CHECK(decoded.error().code == ErrorCode::kNotFound);
  CHECK(decoded.error().detail == "no barcode found in the image");
}

TEST_CASE("files that are not images fail precisely") {
  TempDir dir;
  auto missing = LoadGrayImageFile((dir / "absent.png").string());
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == ErrorCode::kNotFound);

  const auto text = dir / "notes.png";
  std::ofstream(text) << "this is not a picture\n";
  auto not_image = LoadGrayImageFile(text.string());
  REQUIRE_FALSE(not_image.has_value());
  CHECK(not_image.error().code == ErrorCode::kInvalidData);

  // A PNG cut in half.
  const auto code = dir / "code.png";
  WriteQrPng(code, kLicence);
  const auto size = std::filesystem::file_size(code);
  std::filesystem::resize_file(code, size / 2);
  auto truncated = LoadGrayImageFile(code.string());
  REQUIRE_FALSE(truncated.has_value());
  CHECK(truncated.error().code == ErrorCode::kInvalidData);

  auto directory = LoadGrayImageFile(dir.Path().string());
  REQUIRE_FALSE(directory.has_value());
  CHECK(directory.error().code == ErrorCode::kInvalidArgument);
}

TEST_CASE("an image larger than the limit is refused before decoding") {
  TempDir dir;
  const auto code = dir / "code.png";
  WriteQrPng(code, kLicence);
  auto refused = LoadGrayImageFile(code.string(), 100 * 100);
  REQUIRE_FALSE(refused.has_value());
  CHECK(refused.error().code == ErrorCode::kInvalidData);
  CHECK(refused.error().detail.find("refused") != std::string::npos);
}

}  // namespace
}  // namespace kiosk::devices
