#include "tests/support/escpos_decoder.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

// The decoder is the tests' eye on the paper, so it gets tests of its own on
// hand-written byte streams, independent of the encoder.

namespace kiosk::testing {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes Of(std::initializer_list<int> values) {
  Bytes bytes;
  for (int value : values) bytes.push_back(static_cast<std::uint8_t>(value));
  return bytes;
}

Bytes Concat(std::initializer_list<Bytes> parts) {
  Bytes all;
  for (const Bytes& part : parts) all.insert(all.end(), part.begin(), part.end());
  return all;
}

Bytes Text(const std::string& text) { return Bytes(text.begin(), text.end()); }

bool AnyErrorContains(const DecodedStream& stream, const std::string& needle) {
  for (const std::string& error : stream.errors) {
    if (error.find(needle) != std::string::npos) return true;
  }
  return false;
}

TEST_CASE("decoder: lines, modes and Chinese text", "[printer][decoder]") {
  const Bytes bytes = Concat({
      Of({0x1B, '@', 0x1C, '&'}),
      Of({0x1B, 'a', 1, 0x1D, '!', 0x11, 0x1B, 'E', 1}),
      Of({0xD6, 0xD0, 0xCE, 0xC4, 0x0A}),  // 中文
      Of({0x1D, '!', 0x00, 0x1B, 'E', 0, 0x1B, 'a', 50}),
      Text("ab"),
      Of({0x95, 0x32, 0x82, 0x36, 0x0A}),  // ab𠀀
      Of({0x1C, '.'}),
      Text("plain"),
      Of({0x0A}),
  });
  const DecodedStream stream = DecodeEscPos(bytes);
  INFO(DebugString(stream));
  CHECK(stream.errors.empty());
  REQUIRE(stream.jobs.size() == 1);
  const DecodedJob& job = stream.jobs[0];
  CHECK(job.sent_enter_chinese_mode);
  REQUIRE(job.lines.size() == 3);
  CHECK(job.lines[0].text == "中文");
  CHECK(job.lines[0].align == DecodedAlign::kCenter);
  CHECK(job.lines[0].width_magnification == 2);
  CHECK(job.lines[0].height_magnification == 2);
  CHECK(job.lines[0].emphasized);
  CHECK(job.lines[0].columns == 8);
  CHECK(job.lines[1].text == "ab\xF0\xA0\x80\x80");
  CHECK(job.lines[1].align == DecodedAlign::kRight);
  CHECK(job.lines[1].columns == 4);
  CHECK(job.lines[2].text == "plain");
}

TEST_CASE("decoder: each ESC @ starts a job and resets the modes", "[printer][decoder]") {
  const Bytes bytes = Concat({
      Of({0x1B, '@', 0x1B, 'a', 1}),
      Text("one"),
      Of({0x0A}),
      Of({0x1B, '@'}),
      Text("two"),
      Of({0x0A}),
  });
  const DecodedStream stream = DecodeEscPos(bytes);
  CHECK(stream.errors.empty());
  REQUIRE(stream.jobs.size() == 2);
  CHECK(stream.jobs[0].lines.at(0).align == DecodedAlign::kCenter);
  CHECK(stream.jobs[1].lines.at(0).text == "two");
  CHECK(stream.jobs[1].lines.at(0).align == DecodedAlign::kLeft);
}

TEST_CASE("decoder: QR functions and cuts", "[printer][decoder]") {
  const Bytes bytes = Concat({
      Of({0x1B, '@'}),
      Of({0x1D, '(', 'k', 4, 0, 49, 65, 50, 0}),
      Of({0x1D, '(', 'k', 3, 0, 49, 67, 5}),
      Of({0x1D, '(', 'k', 3, 0, 49, 69, 51}),
      Of({0x1D, '(', 'k', 6, 0, 49, 80, 48}),
      Text("xyz"),
      Of({0x1D, '(', 'k', 3, 0, 49, 81, 48}),
      Of({0x1B, 'd', 2}),
      Of({0x1D, 'V', 66, 3}),
      Of({0x1D, 'V', 0}),
  });
  const DecodedStream stream = DecodeEscPos(bytes);
  INFO(DebugString(stream));
  CHECK(stream.errors.empty());
  REQUIRE(stream.jobs.size() == 1);
  const DecodedJob& job = stream.jobs[0];
  REQUIRE(job.qr_codes.size() == 1);
  CHECK(job.qr_codes[0].payload == "xyz");
  CHECK(job.qr_codes[0].model == 2);
  CHECK(job.qr_codes[0].module_size == 5);
  CHECK(job.qr_codes[0].error_correction == 'H');
  CHECK(job.lines.size() == 2);
  REQUIRE(job.cuts.size() == 2);
  CHECK(job.cuts[0].partial);
  CHECK(job.cuts[0].feed == 3);
  CHECK(job.cuts[0].line_index == 2);
  CHECK_FALSE(job.cuts[1].partial);
}

TEST_CASE("decoder: ESC d prints the pending line first", "[printer][decoder]") {
  const Bytes bytes = Concat({Of({0x1B, '@'}), Text("tail"), Of({0x1B, 'd', 3})});
  const DecodedStream stream = DecodeEscPos(bytes);
  CHECK(stream.errors.empty());
  REQUIRE(stream.jobs.size() == 1);
  const auto& lines = stream.jobs[0].lines;
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].text == "tail");
  CHECK_FALSE(lines[0].fed);
  CHECK(lines[1].fed);
  CHECK(lines[2].fed);
}

TEST_CASE("decoder: reports what it does not understand", "[printer][decoder]") {
  SECTION("unknown ESC command") {
    const DecodedStream stream = DecodeEscPos(Concat({Of({0x1B, '@', 0x1B, 't', 0x30})}));
    CHECK(AnyErrorContains(stream, "byte 2: unknown command ESC 0x74"));
  }
  SECTION("unknown GS ( command is skipped by its length") {
    const DecodedStream stream = DecodeEscPos(
        Concat({Of({0x1B, '@', 0x1D, '(', 'L', 2, 0, 48, 69}), Text("ok"), Of({0x0A})}));
    CHECK(stream.errors.size() == 1);
    CHECK(AnyErrorContains(stream, "unknown command GS ( 0x4C"));
    CHECK(stream.jobs.at(0).lines.at(0).text == "ok");
  }
  SECTION("stray control byte") {
    const DecodedStream stream = DecodeEscPos(Of({0x1B, '@', 0x0D}));
    CHECK(AnyErrorContains(stream, "unknown control byte 0x0D"));
  }
  SECTION("data before the first ESC @") {
    const DecodedStream stream = DecodeEscPos(Concat({Text("x"), Of({0x0A})}));
    CHECK(AnyErrorContains(stream, "byte 0: data before the first ESC @"));
  }
  SECTION("text that is never printed") {
    const DecodedStream stream = DecodeEscPos(Concat({Of({0x1B, '@'}), Text("lost")}));
    CHECK(AnyErrorContains(stream, "text without LF is never printed"));
  }
  SECTION("truncated command") {
    const DecodedStream stream = DecodeEscPos(Of({0x1B, '@', 0x1D, '(', 'k', 10, 0, 49}));
    CHECK(AnyErrorContains(stream, "GS ( k cut short by the end of the stream"));
  }
  SECTION("high bytes outside Chinese mode") {
    const DecodedStream stream = DecodeEscPos(Of({0x1B, '@', 0xD6, 0xD0, 0x0A}));
    CHECK(AnyErrorContains(stream, "outside Chinese mode"));
  }
  SECTION("invalid GB18030") {
    const DecodedStream stream = DecodeEscPos(Of({0x1B, '@', 0x1C, '&', 0x81, 0x20, 0x0A}));
    CHECK(AnyErrorContains(stream, "invalid GB18030 sequence starting with 0x81"));
  }
  SECTION("QR print without data") {
    const DecodedStream stream = DecodeEscPos(Of({0x1B, '@', 0x1D, '(', 'k', 3, 0, 49, 81, 48}));
    CHECK(AnyErrorContains(stream, "print with no data stored"));
  }
  SECTION("alignment in the middle of a line") {
    const DecodedStream stream =
        DecodeEscPos(Concat({Of({0x1B, '@'}), Text("a"), Of({0x1B, 'a', 1, 0x0A})}));
    CHECK(AnyErrorContains(stream, "ESC a in the middle of a line"));
  }
  SECTION("raster image in the middle of a line") {
    const DecodedStream stream = DecodeEscPos(Concat(
        {Of({0x1B, '@'}), Text("a"), Of({0x1D, 'v', '0', 0, 1, 0, 1, 0, 0xFF}), Of({0x0A})}));
    CHECK(AnyErrorContains(stream, "raster image in the middle of a line"));
  }
  SECTION("raster image cut short") {
    const DecodedStream stream =
        DecodeEscPos(Of({0x1B, '@', 0x1D, 'v', '0', 0, 2, 0, 2, 0, 0xFF, 0xFF, 0xFF}));
    CHECK(AnyErrorContains(stream, "GS v 0 image data cut short"));
  }
  SECTION("raster image mode out of range") {
    const DecodedStream stream = DecodeEscPos(Of({0x1B, '@', 0x1D, 'v', '0', 4, 1, 0, 1, 0, 0}));
    CHECK(AnyErrorContains(stream, "GS v 0 mode 4"));
  }
}

TEST_CASE("decoder: GS v 0 raster images", "[printer][decoder]") {
  // 16 dots (2 bytes) by 3 rows, then a second image of 8 by 1 in mode 51
  // (double width and height, written as an ASCII digit); a line between.
  const Bytes bytes = Concat({
      Of({0x1B, '@'}),
      Of({0x1D, 'v', '0', 0, 2, 0, 3, 0}),
      Of({0x80, 0x01, 0x00, 0x00, 0xFF, 0xFF}),
      Text("x"),
      Of({0x0A}),
      Of({0x1D, 'v', '0', 51, 1, 0, 1, 0, 0x5A}),
  });
  const DecodedStream stream = DecodeEscPos(bytes);
  INFO(DebugString(stream));
  CHECK(stream.errors.empty());
  REQUIRE(stream.jobs.size() == 1);
  const DecodedJob& job = stream.jobs[0];
  REQUIRE(job.images.size() == 2);
  const DecodedRasterImage& first = job.images[0];
  CHECK(first.mode == 0);
  CHECK(first.width == 16);
  CHECK(first.height == 3);
  CHECK(first.line_index == 0);
  // The most significant bit is the leftmost dot.
  CHECK(first.Black(0, 0));
  CHECK_FALSE(first.Black(1, 0));
  CHECK_FALSE(first.Black(14, 0));
  CHECK(first.Black(15, 0));
  for (int x = 0; x < 16; ++x) {
    CHECK_FALSE(first.Black(x, 1));
    CHECK(first.Black(x, 2));
  }
  const DecodedRasterImage& second = job.images[1];
  CHECK(second.mode == 3);
  CHECK(second.width == 8);
  CHECK(second.line_index == 1);
  CHECK(second.bits == Bytes{0x5A});
  CHECK_THAT(DebugString(stream), Catch::Contains("[raster 16x3 mode 0]"));
}

}  // namespace
}  // namespace kiosk::testing
