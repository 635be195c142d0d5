#include "drivers/id_card/sam_frame_parser.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "drivers/id_card/sam_frame.h"

namespace kiosk::devices::sam {
namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes AnswerFrame(std::uint8_t status, Bytes data = {}) {
  auto frame = EncodeAnswer(Answer{0x00, 0x00, status, std::move(data)});
  REQUIRE(frame);
  return *frame;
}

// Everything the parser makes of `bytes` fed at once.
std::vector<ParseEvent> ParseAll(FrameParser& parser, const Bytes& bytes) {
  parser.Feed(bytes);
  std::vector<ParseEvent> events;
  while (auto event = parser.Next()) events.push_back(std::move(*event));
  return events;
}

TEST_CASE("a whole frame comes out as its body") {
  FrameParser parser;
  const auto events = ParseAll(parser, AnswerFrame(0x90, {1, 2, 3}));
  REQUIRE(events.size() == 1);
  CHECK(events[0].kind == ParseEventKind::kFrame);
  CHECK(events[0].body == Bytes{0x00, 0x00, 0x90, 1, 2, 3});
  CHECK(parser.BytesHeld() == 0);
  CHECK_FALSE(parser.HoldsPartialFrame());
}

TEST_CASE("a frame split across reads comes out once it is whole, at any split") {
  const Bytes frame = AnswerFrame(0x90, Bytes(1288 - 4, 0x5A));
  for (std::size_t split : {std::size_t{1}, std::size_t{3}, std::size_t{5}, std::size_t{6},
                            std::size_t{7}, std::size_t{8}, std::size_t{700}, frame.size() - 1}) {
    FrameParser parser;
    parser.Feed(std::span(frame).first(split));
    CHECK_FALSE(parser.Next());
    CHECK(parser.HoldsPartialFrame() == (split >= 5));
    parser.Feed(std::span(frame).subspan(split));
    auto event = parser.Next();
    REQUIRE(event);
    CHECK(event->kind == ParseEventKind::kFrame);
    CHECK(event->body.size() == 1288 - 1);
    CHECK_FALSE(parser.Next());
  }
}

TEST_CASE("a frame fed one byte at a time comes out exactly once") {
  const Bytes frame = AnswerFrame(0x9F, {0, 0, 0, 0});
  FrameParser parser;
  int frames = 0;
  for (std::uint8_t byte : frame) {
    parser.Feed(Bytes{byte});
    while (auto event = parser.Next()) frames += event->kind == ParseEventKind::kFrame;
  }
  CHECK(frames == 1);
}

TEST_CASE("noise before the preamble is skipped and counted") {
  FrameParser parser;
  Bytes stream = {0x00, 0x13, 0xFF, 0xAA, 0x96, 0xAA, 0xAA, 0x69, 0xAA, 0xAA, 0xAA, 0x96};
  const std::size_t noise = stream.size();
  const Bytes frame = AnswerFrame(0x90);
  stream.insert(stream.end(), frame.begin(), frame.end());
  const auto events = ParseAll(parser, stream);
  REQUIRE(events.size() == 1);
  CHECK(events[0].kind == ParseEventKind::kFrame);
  CHECK(events[0].body == Bytes{0x00, 0x00, 0x90});
  CHECK(parser.NoiseSkipped() == noise);
}

TEST_CASE("a preamble broken across two reads after noise is still found") {
  FrameParser parser;
  const Bytes frame = AnswerFrame(0x80);
  Bytes first = {0x42, 0x42, 0xAA, 0xAA};  // Noise, then the preamble begins.
  parser.Feed(first);
  CHECK_FALSE(parser.Next());
  CHECK(parser.BytesHeld() == 2);  // Only what may begin a preamble is kept.
  parser.Feed(std::span(frame).subspan(2));
  auto event = parser.Next();
  REQUIRE(event);
  CHECK(event->kind == ParseEventKind::kFrame);
  CHECK(event->body == Bytes{0x00, 0x00, 0x80});
}

TEST_CASE("a bad checksum is reported and the parser resyncs on the next frame") {
  FrameParser parser;
  Bytes corrupt = AnswerFrame(0x90, {1, 2, 3, 4});
  corrupt.back() ^= 0x01;
  Bytes stream = corrupt;
  const Bytes good = AnswerFrame(0x9F, {0, 0, 0, 0});
  stream.insert(stream.end(), good.begin(), good.end());
  const auto events = ParseAll(parser, stream);
  REQUIRE(events.size() == 2);
  CHECK(events[0].kind == ParseEventKind::kBadChecksum);
  CHECK(events[1].kind == ParseEventKind::kFrame);
  CHECK(events[1].body[2] == 0x9F);
}

TEST_CASE("a corrupted body byte is caught by the checksum") {
  FrameParser parser;
  Bytes frame = AnswerFrame(0x90, Bytes(100, 0x31));
  frame[50] ^= 0x40;
  const auto events = ParseAll(parser, frame);
  REQUIRE_FALSE(events.empty());
  CHECK(events[0].kind == ParseEventKind::kBadChecksum);
  for (const auto& event : events) CHECK(event.kind != ParseEventKind::kFrame);
}

TEST_CASE("impossible lengths are rejected at once, not waited for") {
  for (std::uint16_t length : {0, 1, 2, static_cast<int>(kMaxLength) + 1, 0xFFFF}) {
    FrameParser parser;
    Bytes stream = {0xAA,
                    0xAA,
                    0xAA,
                    0x96,
                    0x69,
                    static_cast<std::uint8_t>(length >> 8),
                    static_cast<std::uint8_t>(length & 0xFF)};
    const Bytes good = AnswerFrame(0x90);
    stream.insert(stream.end(), good.begin(), good.end());
    const auto events = ParseAll(parser, stream);
    REQUIRE(events.size() == 2);
    CHECK(events[0].kind == ParseEventKind::kBadLength);
    CHECK(events[0].declared_length == length);
    CHECK(events[1].kind == ParseEventKind::kFrame);
  }
}

TEST_CASE("the shortest and the longest lengths are frames") {
  FrameParser parser;
  auto shortest = EncodeRequest(Request{0x20, 0x01, {}});
  REQUIRE(shortest);
  auto events = ParseAll(parser, *shortest);
  REQUIRE(events.size() == 1);
  CHECK(events[0].kind == ParseEventKind::kFrame);

  auto longest = EncodeFrame(Bytes(kMaxLength - 1, 0x77));
  REQUIRE(longest);
  events = ParseAll(parser, *longest);
  REQUIRE(events.size() == 1);
  CHECK(events[0].kind == ParseEventKind::kFrame);
  CHECK(events[0].declared_length == kMaxLength);
}

TEST_CASE("a frame hidden in a truncated one is found after the truncated one fails") {
  // A reader that broke off an answer and then sent a new one: the first
  // frame's length swallows the second frame's start, its checksum fails,
  // and the search resumes inside it.
  FrameParser parser;
  Bytes truncated = AnswerFrame(0x90, Bytes(40, 0x10));
  truncated.resize(20);
  const Bytes good = AnswerFrame(0x9F, {0, 0, 0, 0});
  Bytes stream = truncated;
  stream.insert(stream.end(), good.begin(), good.end());
  stream.insert(stream.end(), 40, 0x00);  // Enough for the truncated frame's length.
  const auto events = ParseAll(parser, stream);
  bool found = false;
  for (const auto& event : events) {
    if (event.kind == ParseEventKind::kFrame && event.body.size() >= 3 && event.body[2] == 0x9F) {
      found = true;
    }
  }
  CHECK(found);
}

TEST_CASE("back-to-back frames in one read all come out in order") {
  FrameParser parser;
  Bytes stream;
  for (std::uint8_t status : {0x90, 0x9F, 0x80, 0x41}) {
    const Bytes frame = AnswerFrame(status);
    stream.insert(stream.end(), frame.begin(), frame.end());
  }
  const auto events = ParseAll(parser, stream);
  REQUIRE(events.size() == 4);
  CHECK(events[0].body[2] == 0x90);
  CHECK(events[1].body[2] == 0x9F);
  CHECK(events[2].body[2] == 0x80);
  CHECK(events[3].body[2] == 0x41);
}

TEST_CASE("reset forgets a partial frame") {
  FrameParser parser;
  const Bytes frame = AnswerFrame(0x90, Bytes(10, 1));
  parser.Feed(std::span(frame).first(12));
  CHECK_FALSE(parser.Next());
  CHECK(parser.HoldsPartialFrame());
  parser.Reset();
  CHECK(parser.BytesHeld() == 0);
  const auto events = ParseAll(parser, AnswerFrame(0x80));
  REQUIRE(events.size() == 1);
  CHECK(events[0].body[2] == 0x80);
}

TEST_CASE("pure noise never grows the buffer beyond a preamble's length") {
  FrameParser parser;
  Bytes noise(10000);
  for (std::size_t i = 0; i < noise.size(); ++i) noise[i] = static_cast<std::uint8_t>(i * 13);
  parser.Feed(noise);
  CHECK_FALSE(parser.Next());
  CHECK(parser.BytesHeld() < kPreamble.size());
  CHECK(parser.NoiseSkipped() + parser.BytesHeld() == noise.size());
}

}  // namespace
}  // namespace kiosk::devices::sam
