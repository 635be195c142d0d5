#include "drivers/printer/escpos_status.h"

#include <catch2/catch.hpp>

namespace kiosk::devices::escpos {
namespace {

constexpr std::uint8_t kIdle = 0x12;  // 0001 0010: nothing to report.

TEST_CASE("DLE EOT requests", "[printer][status]") {
  CHECK(StatusRequest(StatusQuery::kPrinter) == std::array<std::uint8_t, 3>{0x10, 0x04, 1});
  CHECK(StatusRequest(StatusQuery::kPaper) == std::array<std::uint8_t, 3>{0x10, 0x04, 4});
}

TEST_CASE("status bytes must have the pattern 0xx1xx10", "[printer][status]") {
  CHECK(IsStatusByte(0x12));
  CHECK(IsStatusByte(0x7E));  // Every x set.
  CHECK_FALSE(IsStatusByte(0x92));  // Bit 7 set.
  CHECK_FALSE(IsStatusByte(0x02));  // Bit 4 clear.
  CHECK_FALSE(IsStatusByte(0x10));  // Bit 1 clear.
  CHECK_FALSE(IsStatusByte(0x13));  // Bit 0 set.
  CHECK_FALSE(IsStatusByte(0xFF));
  CHECK_FALSE(IsStatusByte(0x00));

  for (auto bytes : {StatusBytes{0xFF, kIdle, kIdle, kIdle}, StatusBytes{kIdle, 0x00, kIdle, kIdle},
                     StatusBytes{kIdle, kIdle, 0x13, kIdle}, StatusBytes{kIdle, kIdle, kIdle, 0x92}}) {
    auto status = DecodeStatus(bytes);
    REQUIRE_FALSE(status.has_value());
    CHECK(status.error().code == ErrorCode::kInvalidData);
    CHECK_THAT(status.error().detail, Catch::Contains("0xx1xx10"));
  }
}

TEST_CASE("an idle printer is online with paper and the cover closed", "[printer][status]") {
  auto status = DecodeStatus({kIdle, kIdle, kIdle, kIdle});
  REQUIRE(status.has_value());
  CHECK(status->device == DeviceState::kOnline);
  CHECK(status->paper == PaperState::kFull);
  CHECK(status->cover == CoverState::kClosed);
  CHECK(status->detail.empty());
}

TEST_CASE("paper near its end and paper out come from DLE EOT 4", "[printer][status]") {
  auto low = DecodeStatus({kIdle, kIdle, kIdle, 0x12 | 0x0C});
  REQUIRE(low.has_value());
  CHECK(low->device == DeviceState::kOnline);
  CHECK(low->paper == PaperState::kLow);
  CHECK(low->detail == "paper near its end");

  auto out = DecodeStatus({0x12 | 0x08, 0x12 | 0x20, kIdle, 0x12 | 0x0C | 0x60});
  REQUIRE(out.has_value());
  CHECK(out->device == DeviceState::kOffline);
  CHECK(out->paper == PaperState::kOut);
  CHECK_THAT(out->detail, Catch::Contains("paper out"));
  CHECK_THAT(out->detail, Catch::Contains("printing stopped by paper end"));
}

TEST_CASE("the cover, the feed button and errors", "[printer][status]") {
  auto open = DecodeStatus({0x12 | 0x08, 0x12 | 0x04, kIdle, kIdle});
  REQUIRE(open.has_value());
  CHECK(open->device == DeviceState::kOffline);
  CHECK(open->cover == CoverState::kOpen);
  CHECK(open->detail == "cover open");

  auto cutter = DecodeStatus({0x12 | 0x08, 0x12 | 0x40, 0x12 | 0x08, kIdle});
  REQUIRE(cutter.has_value());
  CHECK(cutter->device == DeviceState::kHardwareError);
  CHECK_THAT(cutter->detail, Catch::Contains("autocutter error"));

  auto hot = DecodeStatus({0x12 | 0x08, 0x12 | 0x40, 0x12 | 0x40, kIdle});
  REQUIRE(hot.has_value());
  CHECK(hot->device == DeviceState::kOffline);  // It recovers by itself.
  CHECK_THAT(hot->detail, Catch::Contains("automatically recoverable"));
}

TEST_CASE("a printer answering only DLE EOT 1 and 4", "[printer][status]") {
  auto partial = DecodeStatus({kIdle, std::nullopt, std::nullopt, kIdle});
  REQUIRE(partial.has_value());
  CHECK(partial->device == DeviceState::kOnline);
  CHECK(partial->cover == CoverState::kUnknown);
  CHECK(partial->paper == PaperState::kFull);

  auto silent = DecodeStatus({});
  REQUIRE_FALSE(silent.has_value());
  CHECK_THAT(silent.error().detail, Catch::Contains("did not answer DLE EOT 1"));
}

}  // namespace
}  // namespace kiosk::devices::escpos
