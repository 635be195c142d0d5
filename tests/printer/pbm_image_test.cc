#include "drivers/printer/pbm_image.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace kiosk::devices {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes Of(const std::string& text) { return Bytes(text.begin(), text.end()); }

std::string Failure(const Bytes& bytes) {
  auto image = ParsePbm(bytes, "logo.pbm");
  REQUIRE_FALSE(image.has_value());
  CHECK(image.error().code == ErrorCode::kInvalidData);
  return image.error().detail;
}

// 10 x 2: a row with the first, the ninth and the last dot black, then a
// row of black. Plain and binary forms of the same picture.
const char kPlain[] =
    "P1\n# a comment\n10 2\n"
    "1 0 0 0 0 0 0 0 1 1\n"
    "1111111111\n";

Bytes Binary() {
  // Rows of 2 bytes; the 6 padding bits of each row are set to show they
  // are ignored.
  Bytes bytes = Of("P4\n10 2\n");
  for (std::uint8_t byte : {0x80, 0xFF, 0xFF, 0xFF}) bytes.push_back(byte);
  return bytes;
}

void CheckPicture(const BitImage& image) {
  CHECK(image.width == 10);
  CHECK(image.height == 2);
  CHECK(image.Black(0, 0));
  for (int x = 1; x < 8; ++x) CHECK_FALSE(image.Black(x, 0));
  CHECK(image.Black(8, 0));
  CHECK(image.Black(9, 0));
  for (int x = 0; x < 10; ++x) CHECK(image.Black(x, 1));
}

TEST_CASE("PBM: plain (P1) and binary (P4) bitmaps", "[printer][pbm]") {
  auto plain = ParsePbm(Of(kPlain), "plain.pbm");
  INFO((plain ? std::string() : plain.error().Describe()));
  REQUIRE(plain.has_value());
  CheckPicture(*plain);

  auto binary = ParsePbm(Binary(), "binary.pbm");
  INFO((binary ? std::string() : binary.error().Describe()));
  REQUIRE(binary.has_value());
  CheckPicture(*binary);
  CHECK(binary->dots == plain->dots);
}

TEST_CASE("PBM: what is refused, by name", "[printer][pbm]") {
  CHECK_THAT(Failure(Of("P5\n1 1\n255\n\xff")), Catch::Contains("logo.pbm: not a PBM bitmap"));
  CHECK_THAT(Failure(Of("")), Catch::Contains("not a PBM bitmap"));
  CHECK_THAT(Failure(Of("P4\n0 5\n")), Catch::Contains("width and height of 1..4096"));
  CHECK_THAT(Failure(Of("P4\n5000 1\n")), Catch::Contains("width and height of 1..4096"));
  CHECK_THAT(Failure(Of("P1\n2\n")), Catch::Contains("width and height"));
  CHECK_THAT(Failure(Of("P4\n16 2\n\x01\x02\x03")),
             Catch::Contains("logo.pbm: the bitmap is cut short (3 of 4 bytes)"));
  CHECK_THAT(Failure(Of("P1\n2 2\n1 0 1")),
             Catch::Contains("the bitmap is cut short at row 1, column 1"));
  CHECK_THAT(Failure(Of("P1\n2 1\n1 2")),
             Catch::Contains("byte 0x32 at row 0, column 1 is neither 0 nor 1"));
}

TEST_CASE("PBM: files", "[printer][pbm]") {
  testing::TempDir dir;
  {
    std::ofstream out(dir.File("logo.pbm"), std::ios::binary);
    const Bytes bytes = Binary();
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
  }
  auto image = LoadPbmFile(dir.File("logo.pbm"));
  REQUIRE(image.has_value());
  CheckPicture(*image);

  auto missing = LoadPbmFile(dir.File("missing.pbm"));
  REQUIRE_FALSE(missing.has_value());
  CHECK(missing.error().code == ErrorCode::kIo);
  CHECK_THAT(missing.error().detail, Catch::Contains("missing.pbm"));

  // The shipped emblem: 1-bit, and narrow enough for 58 mm paper.
  auto emblem = LoadPbmFile(std::string(KIOSK_CONFIG_DIR) + "/receipts/emblem.pbm");
  INFO((emblem ? std::string() : emblem.error().Describe()));
  REQUIRE(emblem.has_value());
  CHECK(emblem->width <= 384);
}

}  // namespace
}  // namespace kiosk::devices
