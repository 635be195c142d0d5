// The 社保卡's bytes without a reader: APDUs, status words, items, GBK /
// GB18030 text, BCD, padding.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "drivers/card_reader/ssse_apdu.h"
#include "drivers/card_reader/ssse_record.h"

namespace kiosk::devices::ssse {
namespace {

std::vector<std::uint8_t> B(std::initializer_list<int> values) {
  std::vector<std::uint8_t> bytes;
  for (int v : values) bytes.push_back(static_cast<std::uint8_t>(v));
  return bytes;
}

std::string Text(const std::vector<std::uint8_t>& bytes) {
  auto text = Gb18030ToUtf8(bytes);
  REQUIRE(text.has_value());
  return *text;
}

TEST_CASE("the APDUs are the ones DEVICES.md gives") {
  CHECK(SelectApplication().apdu ==
        B({0x00, 0xA4, 0x04, 0x00, 0x0F, 0x73, 0x78, 0x31, 0x2E, 0x73,
           0x68, 0x2E, 0xC9, 0xE7, 0xBB, 0xE1, 0xB1, 0xA3, 0xD5, 0xCF}));
  // The name is "sx1.sh.社会保障" in GBK.
  const auto select = SelectApplication().apdu;
  CHECK(Text({select.begin() + 5, select.end()}) == "sx1.sh.社会保障");
  CHECK(SelectFile(0x05).apdu == B({0x00, 0xA4, 0x02, 0x00, 0x02, 0xEF, 0x05}));
  CHECK(SelectFile(0x06).apdu == B({0x00, 0xA4, 0x02, 0x00, 0x02, 0xEF, 0x06}));
  CHECK(ReadRecord(0x09, 0x00, 0x20).apdu == B({0x00, 0xB2, 0x09, 0x00, 0x20}));
  CHECK(ReadRecord(0x01, 0x04, 0x12).apdu == B({0x00, 0xB2, 0x01, 0x04, 0x12}));
  CHECK(GetResponse(0x10).apdu == B({0x00, 0xC0, 0x00, 0x00, 0x10}));
  CHECK(WithLe(ReadRecord(0x09, 0x00, 0x20), 0x0A).apdu == B({0x00, 0xB2, 0x09, 0x00, 0x0A}));
  CHECK(WithLe(SelectFile(0x05), 0x00).apdu.size() == 8);
  CHECK(ReadRecord(0x09, 0x04, 0x20).Describe() == "READ RECORD 09 (P2 04)");
  CHECK(SelectFile(0x06).Describe() == "SELECT EF06");
}

TEST_CASE("a response splits into data and status word") {
  auto split = SplitResponse(B({0x01, 0x02, 0x90, 0x00}));
  REQUIRE(split);
  CHECK(split->data == B({0x01, 0x02}));
  CHECK(split->sw == 0x9000);
  auto empty = SplitResponse(B({0x6A, 0x82}));
  REQUIRE(empty);
  CHECK(empty->data.empty());
  CHECK(empty->sw == 0x6A82);
  auto short_answer = SplitResponse(B({0x90}));
  REQUIRE_FALSE(short_answer);
  CHECK(short_answer.error().reason == "short_response");
}

TEST_CASE("every status word DEVICES.md names maps to a precise error") {
  struct Expected {
    Step step;
    std::uint16_t status;
    ErrorCode code;
    const char* reason;
    const char* words;
  };
  const Expected cases[] = {
      {Step::kSelectApplication, 0x6A82, ErrorCode::kDeviceNotReady, "wrong_card",
       "file not found"},
      {Step::kSelectFile, 0x6A82, ErrorCode::kDevice, "file_not_found", "file not found"},
      {Step::kReadRecord, 0x6A83, ErrorCode::kDevice, "record_not_found", "record not found"},
      {Step::kReadRecord, 0x6982, ErrorCode::kDevice, "security_status_not_satisfied",
       "security status not satisfied"},
      {Step::kSelectApplication, 0x6D00, ErrorCode::kDevice, "not_supported",
       "instruction not supported"},
      {Step::kReadRecord, 0x6E00, ErrorCode::kDevice, "not_supported", "class not supported"},
      // Further words cards are known to send.
      {Step::kSelectFile, 0x6283, ErrorCode::kDevice, "card_blocked", "deactivated"},
      {Step::kReadRecord, 0x6581, ErrorCode::kDevice, "card_memory_failure", "memory failure"},
      {Step::kReadRecord, 0x6700, ErrorCode::kDevice, "bad_parameters", "wrong length"},
      {Step::kReadRecord, 0x6983, ErrorCode::kDevice, "authentication_blocked", "blocked"},
      {Step::kReadRecord, 0x6985, ErrorCode::kDevice, "conditions_not_satisfied", "conditions"},
      {Step::kReadRecord, 0x6A81, ErrorCode::kDevice, "not_supported", "function not supported"},
      {Step::kReadRecord, 0x6A86, ErrorCode::kDevice, "bad_parameters", "incorrect P1 P2"},
      {Step::kReadRecord, 0x6B00, ErrorCode::kDevice, "bad_parameters", "wrong P1 P2"},
      {Step::kReadRecord, 0x6F00, ErrorCode::kDevice, "card_error", "without precise diagnosis"},
      {Step::kReadRecord, 0x6123, ErrorCode::kDevice, "protocol_error", "GET RESPONSE"},
      {Step::kReadRecord, 0x6C20, ErrorCode::kDevice, "protocol_error", "wrong Le"},
      {Step::kReadRecord, 0x6400, ErrorCode::kDevice, "card_error", "unknown status word"},
  };
  for (const auto& expected : cases) {
    Command command = expected.step == Step::kSelectApplication ? SelectApplication()
                      : expected.step == Step::kSelectFile      ? SelectFile(0x05)
                                                                : ReadRecord(0x09, 0x00, 0x20);
    const Error error = StatusWordError(command, expected.status);
    INFO(error.detail);
    CHECK(error.code == expected.code);
    CHECK(error.reason == expected.reason);
    CHECK_THAT(error.detail, Catch::Contains(expected.words));
  }
  CHECK(StatusWordError(SelectApplication(), 0x6A82).detail ==
        "SELECT SSSE answered 6A82: file not found");
  CHECK(StatusWordError(ReadRecord(0x0D, 0x04, 6), 0x6A83).detail ==
        "READ RECORD 0D (P2 04) answered 6A83: record not found");
  CHECK(IsMoreData(0x6110));
  CHECK(IsWrongLe(0x6C05));
  CHECK_FALSE(IsMoreData(0x9000));
  CHECK(WantsOtherP2(0x6A86));
  CHECK(WantsOtherP2(0x6A83));
  CHECK(WantsOtherP2(0x6B00));
  CHECK_FALSE(WantsOtherP2(0x6982));
}

TEST_CASE("padding of every kind is cut off") {
  auto trimmed = [](std::vector<std::uint8_t> bytes) {
    auto span = TrimPadding(bytes);
    return std::string(span.begin(), span.end());
  };
  CHECK(trimmed(B({'A', '1', 0x00, 0x00})) == "A1");
  CHECK(trimmed(B({'A', '1', 0xFF, 0xFF})) == "A1");
  CHECK(trimmed(B({'A', '1', 0x20, 0x20})) == "A1");
  CHECK(trimmed(B({'A', ' ', 'B', 0x20})) == "A B");  // Inner spaces stay.
  CHECK(trimmed(B({'A', 0x00, 'B'})) == "A");         // Nothing after a NUL counts.
  CHECK(trimmed(B({0x00, 0x00})).empty());
  CHECK(trimmed(B({0xFF})).empty());
  CHECK(trimmed({}).empty());
}

TEST_CASE("names decode from GBK and GB18030, rare characters included") {
  CHECK(Text(B({0xD5, 0xC5, 0xCE, 0xB0})) == "张伟");
  CHECK(Text(B({0xCD, 0xF5, 0xFE, 0x9F})) == "王䶮");               // 䶮 U+4DAE is FE9F.
  CHECK(Text(B({0x95, 0x34, 0xB2, 0x35, 0xCC, 0xEF})) == "𠮷田");   // Ext. B, four bytes.
  CHECK(Text(B({0x82, 0x31, 0xE0, 0x37})) == "㵘");                 // Ext. A, four bytes.
  CHECK(Text(B({0xC2, 0xF2, 0xA1, 0xA4, 0xB0, 0xA2})) == "买·阿");  // The middle dot A1A4.
  CHECK(Text({}).empty());

  auto bad = Gb18030ToUtf8(B({0xD5, 0x20}));
  REQUIRE_FALSE(bad);
  CHECK(bad.error().code == ErrorCode::kInvalidData);
  CHECK(bad.error().reason == "card_data_invalid");
  auto cut = Gb18030ToUtf8(B({0xCD, 0xF5, 0x95, 0x34}));  // Four-byte form cut in half.
  REQUIRE_FALSE(cut);
  CHECK_THAT(cut.error().detail, Catch::Contains("cut short"));

  const FieldSpec& name = *FindField(0x09);
  for (int pad : {0x00, 0x20, 0xFF}) {
    auto bytes = B({0x95, 0x34, 0xB2, 0x35, 0xCC, 0xEF});
    bytes.resize(30, static_cast<std::uint8_t>(pad));
    auto decoded = DecodeField(name, bytes);
    REQUIRE(decoded);
    CHECK(*decoded == "𠮷田");
  }
}

TEST_CASE("BCD digits and dates, F-padded") {
  CHECK(DecodeBcdDigits(B({0x44, 0x03, 0xFF})).value() == "4403");
  CHECK(DecodeBcdDigits(B({0x44, 0x03, 0x0F})).value() == "44030");
  CHECK(DecodeBcdDigits(B({0x1F})).value() == "1");
  CHECK_FALSE(DecodeBcdDigits(B({0x4A})));
  CHECK_FALSE(DecodeBcdDigits(B({0xF4})));  // A digit after padding.

  CHECK(DecodeBcdDate(B({0x20, 0x31, 0x05, 0x18})).value() == "2031-05-18");
  CHECK(DecodeBcdDate(B({0x20, 0x00, 0x02, 0x29})).value() == "2000-02-29");
  CHECK(DecodeBcdDate(B({0xFF, 0xFF, 0xFF, 0xFF})).value().empty());  // No expiry.
  CHECK(DecodeBcdDate(B({0x00, 0x00, 0x00, 0x00})).value().empty());
  CHECK_FALSE(DecodeBcdDate(B({0x19, 0x99, 0x02, 0x29})));  // Not a leap year.
  CHECK_FALSE(DecodeBcdDate(B({0x19, 0x99, 0x13, 0x01})));
  CHECK_FALSE(DecodeBcdDate(B({0x19, 0x99, 0x01, 0x00})));
  CHECK_FALSE(DecodeBcdDate(B({0x20, 0x31, 0x05, 0xFF})));  // Six digits.
  auto bad = DecodeBcdDate(B({0x20, 0x3A, 0x05, 0x18}));
  REQUIRE_FALSE(bad);
  CHECK(bad.error().reason == "card_data_invalid");

  const FieldSpec& nation = *FindField(0x0B);
  CHECK(DecodeField(nation, B({0x01})).value() == "01");
  CHECK(DecodeField(nation, B({0x1F})).value() == "01");
  CHECK(DecodeField(nation, B({0x56})).value() == "56");
}

TEST_CASE("gender and codes decode, odd bytes are refused") {
  const FieldSpec& gender = *FindField(0x0A);
  CHECK(DecodeField(gender, B({'1'})).value() == "male");
  CHECK(DecodeField(gender, B({'2'})).value() == "female");
  CHECK(DecodeField(gender, B({0x01})).value() == "male");
  CHECK(DecodeField(gender, B({0x02})).value() == "female");
  CHECK(DecodeField(gender, B({'9'})).value() == "unknown");
  CHECK_FALSE(DecodeField(gender, B({'M'})));

  const FieldSpec& number = *FindField(0x07);
  CHECK(DecodeField(number, B({'A', '0', '3', 0x00, 0x00})).value() == "A03");
  auto control = DecodeField(number, B({'A', 0x07, '3'}));
  REQUIRE_FALSE(control);
  CHECK_THAT(control.error().detail, Catch::Contains("EF05 item 07 (card_number)"));
  auto gbk_in_code = DecodeField(number, B({0xD5, 0xC5}));
  CHECK_FALSE(gbk_in_code);
}

TEST_CASE("a READ RECORD answer holds one item of the asked tag") {
  const FieldSpec& version = *FindField(0x03);
  // The value is a view into the answer: the answers outlive it.
  const auto answer = B({0x03, 0x04, '3', '.', '0', '0'});
  auto value = RecordValue(version, answer);
  REQUIRE(value);
  CHECK(std::string(value->begin(), value->end()) == "3.00");
  // Long form length.
  const auto long_answer = B({0x03, 0x81, 0x02, '3', '.'});
  auto long_form = RecordValue(version, long_answer);
  REQUIRE(long_form);
  CHECK(long_form->size() == 2);

  auto wrong_tag = RecordValue(version, B({0x04, 0x01, 'x'}));
  REQUIRE_FALSE(wrong_tag);
  CHECK_THAT(wrong_tag.error().detail, Catch::Contains("the answer has tag 04"));
  auto truncated = RecordValue(version, B({0x03, 0x04, '3', '.'}));
  REQUIRE_FALSE(truncated);
  CHECK_THAT(truncated.error().detail, Catch::Contains("truncated"));
  auto too_long = RecordValue(version, B({0x03, 0x05, '3', '.', '0', '0', '0'}));
  REQUIRE_FALSE(too_long);
  CHECK_THAT(too_long.error().detail, Catch::Contains("at most 4"));
  CHECK_FALSE(RecordValue(version, B({0x03})));
  CHECK_FALSE(RecordValue(version, {}));
}

TEST_CASE("items parse in sequence; malformed ones are refused") {
  const auto bytes = B({0x01, 0x02, 'A', 'B', 0x0A, 0x01, '1', 0x09, 0x00});
  auto items = ParseTlvs(bytes);
  REQUIRE(items);
  REQUIRE(items->size() == 3);
  CHECK((*items)[0].tag == 0x01);
  CHECK((*items)[0].value.size() == 2);
  CHECK((*items)[2].value.empty());
  CHECK(ParseTlvs({}).value().empty());
  CHECK_FALSE(ParseTlvs(B({0x01})));                    // No length.
  CHECK_FALSE(ParseTlvs(B({0x01, 0x05, 'A'})));         // Runs past the end.
  CHECK_FALSE(ParseTlvs(B({0x01, 0x81})));              // 81 without its byte.
  CHECK_FALSE(ParseTlvs(B({0x01, 0x82, 0x00, 0x01})));  // Two-byte lengths are not ours.
  CHECK(ParseTlvs(B({0x01, 0x81, 0x01, 'A'})).value().size() == 1);
}

TEST_CASE("a whole card decodes from its items, and a missing item is named") {
  std::vector<std::uint8_t> bytes;
  auto add = [&](int tag, std::vector<std::uint8_t> value) {
    bytes.push_back(static_cast<std::uint8_t>(tag));
    bytes.push_back(static_cast<std::uint8_t>(value.size()));
    bytes.insert(bytes.end(), value.begin(), value.end());
  };
  auto ascii = [](const std::string& text) {
    return std::vector<std::uint8_t>(text.begin(), text.end());
  };
  add(0x01, ascii("440300D156031864"));
  add(0x02, ascii("1"));
  add(0x03, ascii("3.00"));
  add(0x04, ascii("440300000000"));
  add(0x05, B({0x20, 0x21, 0x05, 0x18}));
  add(0x06, B({0x20, 0x31, 0x05, 0x18}));
  add(0x07, ascii("A03419582"));
  add(0x08, ascii("440304198803152711"));
  add(0x09, B({0xD5, 0xC5, 0xCE, 0xB0, 0x00, 0x00}));
  add(0x0A, ascii("1"));
  add(0x0B, B({0x01}));
  add(0x0C, B({0x44, 0x03, 0xFF}));  // Birthplace: read past, not kept.
  add(0x0D, B({0x19, 0x88, 0x03, 0x15}));
  auto card = DecodeItems(bytes);
  REQUIRE(card);
  CHECK(card->RegionCode() == "440300");
  CHECK(card->name == "张伟");
  CHECK(card->issue_date == "2021-05-18");
  CHECK(card->birth_date == "1988-03-15");
  CHECK(card->gender == "male");
  CHECK(card->nation == "01");

  bytes.resize(bytes.size() - 6);  // Without 0D.
  auto missing = DecodeItems(bytes);
  REQUIRE_FALSE(missing);
  CHECK_THAT(missing.error().detail, Catch::Contains("item 0D (birth_date) is missing"));
}

}  // namespace
}  // namespace kiosk::devices::ssse
