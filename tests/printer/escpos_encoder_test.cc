#include "drivers/printer/escpos_encoder.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "drivers/printer/text_width.h"
#include "tests/printer/decode_helpers.h"

namespace kiosk::devices {
namespace {

using testing::DecodedAlign;
using testing::DecodedJob;
using testing::DecodedLine;
using testing::EncodeAndDecode;

using Bytes = std::vector<std::uint8_t>;

Bytes Encode(const ReceiptDocument& document, const PrinterProfile& profile) {
  auto bytes = EncodeReceipt(document, profile);
  INFO((bytes ? std::string() : bytes.error().Describe()));
  REQUIRE(bytes.has_value());
  return *bytes;
}

Error EncodeError(const ReceiptDocument& document, const PrinterProfile& profile) {
  auto bytes = EncodeReceipt(document, profile);
  REQUIRE_FALSE(bytes.has_value());
  return bytes.error();
}

bool Contains(const Bytes& haystack, const Bytes& needle) {
  return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) !=
         haystack.end();
}

std::string WithoutSpaces(std::string text) {
  std::erase(text, ' ');
  return text;
}

std::vector<std::string> Texts(const DecodedJob& job) {
  std::vector<std::string> texts;
  for (const DecodedLine& line : job.lines) texts.push_back(line.text);
  return texts;
}

PrinterProfile Profile58WithCutter() {
  PrinterProfile profile = Generic58mmProfile();
  profile.has_cutter = true;
  return profile;
}

TEST_CASE("built-in profiles", "[printer][profile]") {
  const PrinterProfile wide = Generic80mmProfile();
  CHECK(wide.columns == 48);
  CHECK(wide.paper_width_mm == 80);
  CHECK(wide.has_cutter);
  const PrinterProfile narrow = Generic58mmProfile();
  CHECK(narrow.columns == 32);
  CHECK(narrow.paper_width_mm == 58);
  CHECK(ValidateProfile(wide).has_value());
  CHECK(ValidateProfile(narrow).has_value());

  auto by_name = BuiltInProfile("generic-58mm");
  REQUIRE(by_name.has_value());
  CHECK(by_name->columns == 32);
  auto unknown = BuiltInProfile("epson-tm-t88");
  REQUIRE_FALSE(unknown.has_value());
  CHECK(unknown.error().code == ErrorCode::kNotFound);
}

TEST_CASE("a job starts with ESC @ and enters Chinese mode", "[printer][encoder]") {
  const Bytes bytes = Encode(ReceiptDocument{{Text{"hello"}}}, Generic80mmProfile());
  REQUIRE(bytes.size() >= 4);
  CHECK(Bytes(bytes.begin(), bytes.begin() + 4) == Bytes{0x1B, '@', 0x1C, '&'});
  const DecodedJob job = EncodeAndDecode(ReceiptDocument{{Text{"hello"}}}, Generic80mmProfile());
  CHECK(job.sent_enter_chinese_mode);
}

TEST_CASE("a profile already in Chinese mode at power-on gets no FS &", "[printer][encoder]") {
  PrinterProfile profile = Generic80mmProfile();
  profile.chinese_mode_at_power_on = true;
  const ReceiptDocument document{{Text{"参保证明"}}};
  const Bytes bytes = Encode(document, profile);
  CHECK_FALSE(Contains(bytes, {0x1C, '&'}));
  CHECK(Bytes(bytes.begin(), bytes.begin() + 2) == Bytes{0x1B, '@'});

  const DecodedJob job = EncodeAndDecode(document, profile);
  CHECK_FALSE(job.sent_enter_chinese_mode);
  REQUIRE(job.lines.size() == 1);
  CHECK(job.lines[0].text == "参保证明");

  // The same bytes on a printer that starts in code-page mode are garbage,
  // and the decoder says so.
  const testing::DecodedStream wrong = testing::DecodeEscPos(bytes, {});
  CHECK_FALSE(wrong.errors.empty());
}

TEST_CASE("Chinese text round-trips through encoder and decoder", "[printer][encoder]") {
  const std::string text = "社会保障卡查询结果：参保状态正常，累计缴费一百二十个月。";
  const DecodedJob job = EncodeAndDecode(ReceiptDocument{{Text{text}}}, Generic80mmProfile());
  std::string joined;
  for (const DecodedLine& line : job.lines) {
    CHECK(line.columns <= 48);
    CHECK(line.align == DecodedAlign::kLeft);
    joined += line.text;
  }
  CHECK(joined == text);
  CHECK(job.lines.size() == 2);  // 56 columns of text on a 48-column line.
}

TEST_CASE("text is encoded as GB18030", "[printer][encoder]") {
  const Bytes bytes = Encode(ReceiptDocument{{Text{"中A"}}}, Generic80mmProfile());
  CHECK(Contains(bytes, {0xD6, 0xD0, 'A', 0x0A}));
}

TEST_CASE("a character only GB18030 has encodes as four bytes and round-trips",
          "[printer][encoder]") {
  // U+20000 (CJK Extension B) is outside GBK; GB18030 writes it 95 32 82 36.
  const std::string rare = "\xF0\xA0\x80\x80";
  const ReceiptDocument document{{Text{"姓名：" + rare + "明"}}};
  const Bytes bytes = Encode(document, Generic80mmProfile());
  CHECK(Contains(bytes, {0x95, 0x32, 0x82, 0x36}));

  const DecodedJob job = EncodeAndDecode(document, Generic80mmProfile());
  REQUIRE(job.lines.size() == 1);
  CHECK(job.lines[0].text == "姓名：" + rare + "明");
  CHECK(job.lines[0].columns == 10);
}

TEST_CASE("a title is bold, double size, centered and wrapped to half the columns",
          "[printer][encoder]") {
  const DecodedJob job =
      EncodeAndDecode(ReceiptDocument{{Title{"城乡居民基本养老保险参保缴费证明"}, Text{"after"}}},
                      Generic58mmProfile());
  REQUIRE(job.lines.size() == 3);
  for (int i = 0; i < 2; ++i) {
    const DecodedLine& line = job.lines[i];
    CHECK(line.align == DecodedAlign::kCenter);
    CHECK(line.width_magnification == 2);
    CHECK(line.height_magnification == 2);
    CHECK(line.emphasized);
    CHECK(line.columns <= 32);
  }
  CHECK(job.lines[0].text + job.lines[1].text == "城乡居民基本养老保险参保缴费证明");
  // Modes are back to normal for what follows.
  const DecodedLine& after = job.lines[2];
  CHECK(after.text == "after");
  CHECK(after.align == DecodedAlign::kLeft);
  CHECK(after.width_magnification == 1);
  CHECK_FALSE(after.emphasized);
}

TEST_CASE("text alignment uses ESC a and is reset afterwards", "[printer][encoder]") {
  const DecodedJob job = EncodeAndDecode(
      ReceiptDocument{{Text{"center", Align::kCenter}, Text{"right", Align::kRight}, Text{"left"}}},
      Generic80mmProfile());
  REQUIRE(job.lines.size() == 3);
  CHECK(job.lines[0].align == DecodedAlign::kCenter);
  CHECK(job.lines[1].align == DecodedAlign::kRight);
  CHECK(job.lines[2].align == DecodedAlign::kLeft);
}

// Checks the lines of one KeyValue: every line holding (part of) the value
// fills the paper exactly, so the value ends at the right edge.
void CheckKeyValue(const KeyValue& pair, const PrinterProfile& profile) {
  const DecodedJob job = EncodeAndDecode(ReceiptDocument{{pair}}, profile);
  INFO(pair.key << " = " << pair.value << " on " << profile.name);
  REQUIRE_FALSE(job.lines.empty());
  const auto key_width = DisplayWidth(pair.key);
  const auto value_width = DisplayWidth(pair.value);
  REQUIRE(key_width.has_value());
  REQUIRE(value_width.has_value());

  for (const DecodedLine& line : job.lines) {
    // The decoder measures what the printer prints; text_width must agree.
    CHECK(DisplayWidth(line.text).value_or(-1) == line.columns);
    CHECK(line.columns <= profile.columns);
    CHECK(line.align == DecodedAlign::kLeft);
  }
  if (*key_width + 1 + *value_width <= profile.columns) {
    REQUIRE(job.lines.size() == 1);
    const DecodedLine& line = job.lines[0];
    CHECK(line.columns == profile.columns);
    CHECK(line.text.starts_with(pair.key));
    CHECK(line.text.ends_with(pair.value));
  } else {
    // The key on its own line(s), then the value flush right.
    auto key_lines = WrapToColumns(pair.key, profile.columns);
    REQUIRE(key_lines.has_value());
    REQUIRE(job.lines.size() > key_lines->size());
    std::string key;
    std::string value;
    for (std::size_t i = 0; i < job.lines.size(); ++i) {
      const DecodedLine& line = job.lines[i];
      if (i < key_lines->size()) {
        key += line.text;
        continue;
      }
      CHECK(line.columns == profile.columns);
      value += line.text.substr(line.text.find_first_not_of(' '));
    }
    CHECK(WithoutSpaces(key) == WithoutSpaces(pair.key));
    CHECK(WithoutSpaces(value) == WithoutSpaces(pair.value));
  }
}

TEST_CASE("key and value are padded in display columns", "[printer][encoder]") {
  const std::vector<KeyValue> pairs = {
      {"姓名", "张三"},
      {"Name", "Zhang San"},
      {"社会保障号码", "110101********1234"},
      {"缴费月数", "120 个月"},
      {"金额 Amount", "¥1,234.56"},
      {"", "value only"},
      {"key only", ""},
      {"参保单位", "北京市朝阳区某某街道社区卫生服务中心"},
      {"缴费基数说明", "按上年度社会平均工资 60% 核定"},
      {"本次业务办理的详细地址（含街道门牌号）", "北京市朝阳区建国门外大街一号"},
  };
  for (const PrinterProfile& profile : {Generic80mmProfile(), Generic58mmProfile()}) {
    for (const KeyValue& pair : pairs) CheckKeyValue(pair, profile);
  }
}

TEST_CASE("a key and value that just fit share a line", "[printer][encoder]") {
  // 58 mm: 32 columns = 10 (key) + 1 space + 21 (value).
  const KeyValue pair{"参保状态：", "正常参保 since 2020年"};
  REQUIRE(DisplayWidth(pair.key).value() + 1 + DisplayWidth(pair.value).value() == 32);
  const DecodedJob job = EncodeAndDecode(ReceiptDocument{{pair}}, Generic58mmProfile());
  REQUIRE(job.lines.size() == 1);
  CHECK(job.lines[0].text == "参保状态： 正常参保 since 2020年");
  CHECK(job.lines[0].columns == 32);
}

TEST_CASE("a separator fills the line", "[printer][encoder]") {
  const DecodedJob wide = EncodeAndDecode(ReceiptDocument{{Separator{}}}, Generic80mmProfile());
  REQUIRE(wide.lines.size() == 1);
  CHECK(wide.lines[0].text == std::string(48, '-'));
  const DecodedJob narrow =
      EncodeAndDecode(ReceiptDocument{{Separator{'='}}}, Generic58mmProfile());
  REQUIRE(narrow.lines.size() == 1);
  CHECK(narrow.lines[0].text == std::string(32, '='));

  const Error error = EncodeError(ReceiptDocument{{Separator{'\x1B'}}}, Generic80mmProfile());
  CHECK(error.code == ErrorCode::kInvalidArgument);
  CHECK_THAT(error.detail, Catch::Contains("receipt element 0 (Separator)"));
}

TEST_CASE("QR payloads round-trip through GS ( k", "[printer][encoder]") {
  const std::string url = "https://si.example.gov.cn/verify?id=2024-000123&sig=9f8e7d";
  const std::string long_payload(700, 'Q');  // Needs the high length byte.
  const DecodedJob job =
      EncodeAndDecode(ReceiptDocument{{Text{"before"}, QrCode{url, 6}, QrCode{long_payload, 4},
                                       QrCode{"凭证号：123", 8}, Text{"after"}}},
                      Generic80mmProfile());
  REQUIRE(job.qr_codes.size() == 3);
  CHECK(job.qr_codes[0].payload == url);
  CHECK(job.qr_codes[0].model == 2);
  CHECK(job.qr_codes[0].module_size == 6);
  CHECK(job.qr_codes[0].error_correction == 'M');
  CHECK(job.qr_codes[0].line_index == 1);
  CHECK(job.qr_codes[1].payload == long_payload);
  CHECK(job.qr_codes[1].module_size == 4);
  // Payloads are bytes: UTF-8 goes out as it is, not as GB18030.
  CHECK(job.qr_codes[2].payload == "凭证号：123");
  REQUIRE(job.lines.size() == 2);
  CHECK(job.lines[1].text == "after");
  CHECK(job.lines[1].align == DecodedAlign::kLeft);
}

TEST_CASE("QR codes are refused when they cannot be printed", "[printer][encoder]") {
  PrinterProfile no_qr = Generic58mmProfile();
  no_qr.native_qr = false;
  no_qr.raster = false;  // With raster it prints as an image (escpos_raster_test.cc).
  Error error = EncodeError(ReceiptDocument{{QrCode{"x", 4}}}, no_qr);
  CHECK(error.code == ErrorCode::kInvalidArgument);
  CHECK_THAT(error.detail, Catch::Contains("prints QR codes neither natively"));

  error = EncodeError(ReceiptDocument{{QrCode{"x", 0}}}, Generic80mmProfile());
  CHECK_THAT(error.detail, Catch::Contains("module size 0"));
  error = EncodeError(ReceiptDocument{{QrCode{"", 4}}}, Generic80mmProfile());
  CHECK_THAT(error.detail, Catch::Contains("payload is 0 bytes"));
  error = EncodeError(ReceiptDocument{{QrCode{std::string(2332, 'x'), 4}}}, Generic80mmProfile());
  CHECK_THAT(error.detail, Catch::Contains("payload is 2332 bytes"));
}

TEST_CASE("cut only where there is a cutter", "[printer][encoder]") {
  const ReceiptDocument document{{Text{"receipt"}, Cut{}}};

  const Bytes with_cutter = Encode(document, Generic80mmProfile());
  CHECK(Contains(with_cutter, {0x1D, 'V', 66, 0}));
  const DecodedJob cut = EncodeAndDecode(document, Generic80mmProfile());
  REQUIRE(cut.cuts.size() == 1);
  CHECK(cut.cuts[0].partial);
  CHECK(cut.cuts[0].line_index == 1);

  const DecodedJob cut58 = EncodeAndDecode(document, Profile58WithCutter());
  CHECK(cut58.cuts.size() == 1);

  const Bytes without_cutter = Encode(document, Generic58mmProfile());
  CHECK_FALSE(Contains(without_cutter, {0x1D, 'V'}));
  const DecodedJob torn = EncodeAndDecode(document, Generic58mmProfile());
  CHECK(torn.cuts.empty());
  // Fed instead, so the last line clears the tear bar.
  REQUIRE(torn.lines.size() > 1);
  CHECK(torn.lines.back().fed);
}

TEST_CASE("feed prints blank lines", "[printer][encoder]") {
  const DecodedJob job = EncodeAndDecode(ReceiptDocument{{Text{"a"}, Feed{3}, Feed{0}, Text{"b"}}},
                                         Generic80mmProfile());
  CHECK(Texts(job) == std::vector<std::string>{"a", "", "", "", "b"});
  CHECK(job.lines[1].fed);

  const Error error = EncodeError(ReceiptDocument{{Feed{256}}}, Generic80mmProfile());
  CHECK(error.code == ErrorCode::kInvalidArgument);
}

TEST_CASE("invalid UTF-8 is refused with the element and offset", "[printer][encoder]") {
  Error error = EncodeError(ReceiptDocument{{Title{"ok"}, Text{"abc\xFF"}}}, Generic80mmProfile());
  CHECK(error.code == ErrorCode::kInvalidData);
  CHECK_THAT(error.detail, Catch::Contains("receipt element 1 (Text text)"));
  CHECK_THAT(error.detail, Catch::Contains("byte offset 3"));

  error = EncodeError(ReceiptDocument{{KeyValue{"姓名", "\xE5\xBC"}}}, Generic80mmProfile());
  CHECK(error.code == ErrorCode::kInvalidData);
  CHECK_THAT(error.detail, Catch::Contains("receipt element 0 (KeyValue value)"));

  error = EncodeError(ReceiptDocument{{Title{"\xC0\x80"}}}, Generic80mmProfile());
  CHECK(error.code == ErrorCode::kInvalidData);
  CHECK_THAT(error.detail, Catch::Contains("overlong"));
}

TEST_CASE("text without a GB18030 form is refused", "[printer][encoder]") {
  // A private-use code point that glibc's GB18030 table leaves unmapped.
  const Error error = EncodeError(ReceiptDocument{{Text{"ab\xEE\x9E\x8D"}}}, Generic80mmProfile());
  CHECK(error.code == ErrorCode::kInvalidArgument);
  CHECK_THAT(error.detail, Catch::Contains("U+E78D at byte offset 2 has no GB18030 form"));
}

TEST_CASE("control characters cannot smuggle commands into a receipt", "[printer][encoder]") {
  Error error = EncodeError(ReceiptDocument{{Text{"name\x1D"
                                                  "V\x42"}}},
                            Generic80mmProfile());
  CHECK(error.code == ErrorCode::kInvalidArgument);
  CHECK_THAT(error.detail, Catch::Contains("U+001D"));
  error = EncodeError(ReceiptDocument{{KeyValue{"key\n", "v"}}}, Generic80mmProfile());
  CHECK(error.code == ErrorCode::kInvalidArgument);
}

TEST_CASE("a profile too narrow for a title is refused", "[printer][encoder]") {
  PrinterProfile tiny = Generic58mmProfile();
  tiny.columns = 3;
  const Error error = EncodeError(ReceiptDocument{{Text{"x"}}}, tiny);
  CHECK(error.code == ErrorCode::kInvalidArgument);
  CHECK_THAT(error.detail, Catch::Contains("columns is 3"));
}

TEST_CASE("a whole receipt decodes cleanly on both paper widths", "[printer][encoder]") {
  const ReceiptDocument document{{
      Title{"参保信息查询凭证"},
      Text{"北京市朝阳区", Align::kCenter},
      Separator{'-'},
      KeyValue{"姓名", "张三"},
      KeyValue{"社会保障号码", "110101********1234"},
      Separator{'-'},
      Text{"企业职工基本养老保险"},
      KeyValue{"参保状态", "正常参保"},
      KeyValue{"累计缴费", "120 个月"},
      KeyValue{"个人缴费", "¥ 1,234.56"},
      Separator{'='},
      QrCode{"https://si.example.gov.cn/v/ABC123", 6},
      Text{"请妥善保管本凭证。Keep this receipt.", Align::kCenter},
      Feed{2},
      Cut{},
  }};
  for (const PrinterProfile& profile : {Generic80mmProfile(), Generic58mmProfile()}) {
    const DecodedJob job = EncodeAndDecode(document, profile);
    INFO(profile.name);
    for (const DecodedLine& line : job.lines) CHECK(line.columns <= profile.columns);
    CHECK(job.lines.front().text == "参保信息查询凭证");
    CHECK(job.qr_codes.size() == 1);
    CHECK(job.cuts.size() == (profile.has_cutter ? 1u : 0u));
  }
}

}  // namespace
}  // namespace kiosk::devices
