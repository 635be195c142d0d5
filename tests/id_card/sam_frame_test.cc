#include "drivers/id_card/sam_frame.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "drivers/id_card/sam_status.h"

namespace kiosk::devices::sam {
namespace {

using Bytes = std::vector<std::uint8_t>;

TEST_CASE("requests are framed with the preamble, the length and the XOR checksum") {
  // Find card as readers' manuals print it: length 3 (CMD PARA CHK), and
  // 00 ^ 03 ^ 20 ^ 01 = 22.
  auto frame = EncodeRequest(MakeRequest(Command::kFindCard));
  REQUIRE(frame);
  CHECK(*frame == Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22});

  auto select = EncodeRequest(MakeRequest(Command::kSelectCard));
  REQUIRE(select);
  CHECK(*select == Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x02, 0x21});

  auto read = EncodeRequest(MakeRequest(Command::kReadTextAndPhoto));
  REQUIRE(read);
  CHECK(*read == Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x30, 0x01, 0x32});

  auto reset = EncodeRequest(MakeRequest(Command::kResetSam));
  REQUIRE(reset);
  CHECK(*reset == Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x10, 0xFF, 0xEC});
}

TEST_CASE("answers are framed as SW1 SW2 SW3 data and decode back") {
  Answer found{0x00, 0x00, sw3::kCardFound, {0x00, 0x00, 0x00, 0x00}};
  auto frame = EncodeAnswer(found);
  REQUIRE(frame);
  // The find-card answer of a reader with a card on it.
  CHECK(*frame == Bytes{0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x08, 0x00, 0x00, 0x9F, 0x00, 0x00,
                        0x00, 0x00, 0x97});

  auto decoded = DecodeAnswer(std::span(*frame).subspan(7, frame->size() - 8));
  REQUIRE(decoded);
  CHECK(decoded->sw3 == sw3::kCardFound);
  CHECK(decoded->data == Bytes(4, 0x00));
}

TEST_CASE("a request with data keeps it after CMD PARA") {
  Request request{0x30, 0x10, {0x01, 0x02, 0x03}};
  auto frame = EncodeRequest(request);
  REQUIRE(frame);
  CHECK(frame->size() == 5 + 2 + 2 + 3 + 1);
  CHECK((*frame)[6] == 6);
  auto decoded = DecodeRequest(std::span(*frame).subspan(7, 5));
  REQUIRE(decoded);
  CHECK(decoded->command == 0x30);
  CHECK(decoded->parameter == 0x10);
  CHECK(decoded->data == Bytes{0x01, 0x02, 0x03});
}

TEST_CASE("bodies too short for their kind and too long to frame are refused") {
  CHECK_FALSE(DecodeRequest(Bytes{0x20}));
  CHECK_FALSE(DecodeAnswer(Bytes{0x00, 0x00}));
  CHECK(DecodeAnswer(Bytes{0x00, 0x00}).error().code == ErrorCode::kInvalidData);
  const Bytes longest(kMaxLength - 1, 0x11);
  CHECK(EncodeFrame(longest));
  const Bytes too_long(kMaxLength, 0x11);
  CHECK(EncodeFrame(too_long).error().code == ErrorCode::kInvalidArgument);
}

TEST_CASE("the checksum covers the length and the body") {
  CHECK(Checksum(Bytes{}) == 0);
  CHECK(Checksum(Bytes{0x00, 0x03, 0x20, 0x01}) == 0x22);
  CHECK(Checksum(Bytes{0xFF, 0x0F}) == 0xF0);
}

}  // namespace
}  // namespace kiosk::devices::sam
