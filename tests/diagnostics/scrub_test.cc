// The personal data scrubber: every shape of citizen number masked, the
// numbers a log is full of left alone.

#include <catch2/catch.hpp>

#include "kiosk/core/diagnostics/personal_data_scrub.h"

namespace kiosk {

TEST_CASE("ID numbers are masked, first 4 and last 4 kept", "[diagnostics][scrub]") {
  ScrubCounts counts;
  CHECK(ScrubPersonalData("identity 110101199003071234 read", &counts) ==
        "identity 1101**********1234 read");
  CHECK(ScrubPersonalData("11010119900307123X", &counts) == "1101**********123X");
  CHECK(ScrubPersonalData("id=11010119900307123x;", &counts) == "id=1101**********123x;");
  CHECK(ScrubPersonalData("old form 110101900307123", &counts) == "old form 1101*******7123");
  CHECK(ScrubPersonalData("\"id_number\":\"440306198801011234\"", &counts) ==
        "\"id_number\":\"4403**********1234\"");
  CHECK(ScrubPersonalData("身份证号110101199003071234已读取", &counts) ==
        "身份证号1101**********1234已读取");
  CHECK(counts.id_numbers == 6);
  CHECK(counts.phone_numbers == 0);
  CHECK(counts.card_numbers == 0);
}

TEST_CASE("mobile numbers are masked, first 3 and last 4 kept", "[diagnostics][scrub]") {
  ScrubCounts counts;
  CHECK(ScrubPersonalData("phone 13812345678", &counts) == "phone 138****5678");
  CHECK(ScrubPersonalData("tel:19912345678,", &counts) == "tel:199****5678,");
  CHECK(ScrubPersonalData("+8615012345678", &counts) == "+86150****5678");
  CHECK(counts.phone_numbers == 3);
  // 11 digits that are not a mobile number (12…, 10…) stay.
  CHECK(ScrubPersonalData("12345678901 10012345678") == "12345678901 10012345678");
}

TEST_CASE("card numbers of 16 to 19 digits are masked", "[diagnostics][scrub]") {
  ScrubCounts counts;
  CHECK(ScrubPersonalData("card 6222021234567890", &counts) == "card 6222********7890");
  CHECK(ScrubPersonalData("6222021234567890123", &counts) == "6222***********0123");
  CHECK(ScrubPersonalData("62220212345678901", &counts) == "6222*********8901");
  CHECK(counts.card_numbers == 3);
  CHECK(counts.Total() == 3);
}

TEST_CASE("several numbers in one text are all masked", "[diagnostics][scrub]") {
  ScrubCounts counts;
  CHECK(ScrubPersonalData("a 110101199003071234 b 13812345678 c 6222021234567890", &counts) ==
        "a 1101**********1234 b 138****5678 c 6222********7890");
  CHECK(counts.id_numbers == 1);
  CHECK(counts.phone_numbers == 1);
  CHECK(counts.card_numbers == 1);
}

TEST_CASE("ordinary numbers pass unchanged", "[diagnostics][scrub]") {
  const std::vector<std::string> ordinary = {
      "kiosk 0.9.3 (build 20261123)",
      "2026-11-23T08:15:02.042Z INFO sync: delivered",
      "tracking number 440300-20261123-000042",
      "acceptance SL20261123-1A2B3C4D and SL20261123-12345678",
      "listening on 127.0.0.1:8480, port 9100",
      "outbox holds 268435456 bytes in 20000 rows",
      "unix ms 1764921898123, unix s 1764921898",
      "config version 42, EF06 record 09 is 31 bytes",
      "uuid 123e4567-e89b-12d3-a456-426614174000",
      "20-digit counter 12345678901234567890",
      "",
  };
  for (const auto& text : ordinary) {
    ScrubCounts counts;
    CHECK(ScrubPersonalData(text, &counts) == text);
    CHECK(counts.Total() == 0);
  }
}

}  // namespace kiosk
