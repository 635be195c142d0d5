#include "drivers/id_card/sam_status.h"

#include <catch2/catch.hpp>
#include <string>

namespace kiosk::devices::sam {
namespace {

TEST_CASE("every SW3 of the protocol maps to a precise error") {
  struct Expected {
    std::uint8_t status;
    ErrorCode code;
    const char* reason;
    const char* words;
  };
  const Expected cases[] = {
      {0x10, ErrorCode::kIo, "checksum_error", "bad checksum"},
      {0x11, ErrorCode::kIo, "length_error", "bad length"},
      {0x21, ErrorCode::kDevice, "bad_command", "does not accept"},
      {0x31, ErrorCode::kDevice, "card_rejected_sam", "card failed to authenticate the SAM"},
      {0x32, ErrorCode::kDevice, "sam_rejected_card", "SAM failed to authenticate the card"},
      {0x33, ErrorCode::kDevice, "verification_failed", "failed verification"},
      {0x40, ErrorCode::kDeviceNotReady, "wrong_card", "not a resident ID card"},
      {0x41, ErrorCode::kDeviceNotReady, "read_failed", "reading the card failed"},
      {0x80, ErrorCode::kDeviceNotReady, "no_card", "no card found"},
      {0x81, ErrorCode::kDeviceNotReady, "select_failed", "selecting the card failed"},
      {0x60, ErrorCode::kDevice, "sam_self_test_failed", "self-test"},
      {0x66, ErrorCode::kDevice, "sam_not_authorised", "not authorised"},
      {0x77, ErrorCode::kDevice, "unknown_status", "unknown status"},
  };
  for (const auto& expected : cases) {
    const Error error = StatusError(Command::kReadTextAndPhoto, expected.status);
    INFO(error.detail);
    CHECK(error.code == expected.code);
    CHECK(error.reason == expected.reason);
    CHECK_THAT(error.detail, Catch::Contains(expected.words));
    CHECK_THAT(error.detail, Catch::Contains("read text and photo (30 01)"));
  }
  CHECK_THAT(StatusError(Command::kFindCard, 0x80).detail,
             Catch::Equals("find card (20 01) answered SW3 80: no card found"));
}

TEST_CASE("success is 9F for find card, 90 otherwise, 91 too for the appended address") {
  CHECK(IsSuccess(Command::kFindCard, 0x9F));
  CHECK_FALSE(IsSuccess(Command::kFindCard, 0x90));
  CHECK(IsSuccess(Command::kSelectCard, 0x90));
  CHECK_FALSE(IsSuccess(Command::kSelectCard, 0x9F));
  CHECK(IsSuccess(Command::kReadTextAndPhoto, 0x90));
  CHECK(IsSuccess(Command::kReadAppendedAddress, 0x91));
  CHECK_FALSE(IsSuccess(Command::kReadTextAndPhoto, 0x91));
}

TEST_CASE("commands are CMD and PARA") {
  CHECK(MakeRequest(Command::kSamId).command == 0x12);
  CHECK(MakeRequest(Command::kSamId).parameter == 0xFF);
  CHECK(MakeRequest(Command::kReadAppendedAddress).command == 0x30);
  CHECK(MakeRequest(Command::kReadAppendedAddress).parameter == 0x03);
  CHECK(std::string(CommandName(Command::kSamStatus)) == "SAM status (11 FF)");
}

TEST_CASE("the implied read errors carry their reasons") {
  CHECK(NoCardError("serial /dev/x", 1500).reason == "no_card");
  CHECK_THAT(NoCardError("serial /dev/x", 1500).detail, Catch::Contains("1500 ms"));
  const Error removed = CardRemovedError(Command::kReadTextAndPhoto, 0x41);
  CHECK(removed.code == ErrorCode::kDeviceNotReady);
  CHECK(removed.reason == "card_removed");
}

}  // namespace
}  // namespace kiosk::devices::sam
