#include "drivers/id_card/id_card_text.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "drivers/id_card/id_card_codes.h"
#include "drivers/id_card/id_card_photo.h"
#include "drivers/id_card/id_card_text_encoder.h"
#include "drivers/id_card/ucs2_text.h"
#include "tests/emulators/sam_emulator.h"

namespace kiosk::devices {
namespace {

using Bytes = std::vector<std::uint8_t>;
using emulators::CardText;
using emulators::EmulatedIdCard;

EmulatedIdCard ZhangWei() {
  EmulatedIdCard card;
  card.name = "张伟";
  card.gender_code = "1";
  card.nation_code = "01";
  card.birth_date = "19880315";
  card.address = "广东省深圳市福田区莲花街道景田北路云帆花园3栋502房";
  card.id_number = "440304198803152711";
  card.issuing_authority = "深圳市公安局福田分局";
  card.valid_from = "20150610";
  card.valid_to = "20350610";
  return card;
}

// Overwrites the UCS-2 code unit at byte offset `at`.
void PutUnit(Bytes& text, std::size_t at, char16_t unit) {
  text[at] = static_cast<std::uint8_t>(unit & 0xFF);
  text[at + 1] = static_cast<std::uint8_t>(unit >> 8);
}

Bytes ReadAnswerData(const Bytes& text, const Bytes& photo) {
  Bytes data = {
      static_cast<std::uint8_t>(text.size() >> 8), static_cast<std::uint8_t>(text.size() & 0xFF),
      static_cast<std::uint8_t>(photo.size() >> 8), static_cast<std::uint8_t>(photo.size() & 0xFF)};
  data.insert(data.end(), text.begin(), text.end());
  data.insert(data.end(), photo.begin(), photo.end());
  return data;
}

TEST_CASE("the field layout covers the 256 bytes without gaps") {
  const CardTextField fields[] = {kNameField,    kGenderField,   kNationField,    kBirthDateField,
                                  kAddressField, kIdNumberField, kAuthorityField, kValidFromField,
                                  kValidToField, kReservedField};
  std::size_t offset = 0;
  for (const auto& field : fields) {
    CHECK(field.offset == offset);
    offset += field.size;
  }
  CHECK(offset == kCardTextBytes);
}

TEST_CASE("every field of the text decodes") {
  auto card = DecodeCardText(CardText(ZhangWei()));
  REQUIRE(card);
  CHECK(card->name == "张伟");
  CHECK(card->gender_code == "1");
  CHECK(card->gender == "男");
  CHECK(card->nation_code == "01");
  CHECK(card->nation == "汉");
  CHECK(card->birth_date == "1988-03-15");
  CHECK(card->address == "广东省深圳市福田区莲花街道景田北路云帆花园3栋502房");
  CHECK(card->id_number == "440304198803152711");
  CHECK(card->issuing_authority == "深圳市公安局福田分局");
  CHECK(card->valid_from == "2015-06-10");
  CHECK(card->valid_to == "2035-06-10");
  CHECK_FALSE(card->LongTermValid());
  CHECK(card->appended_address.empty());
  CHECK(card->CurrentAddress() == card->address);
  CHECK(card->photo.Empty());
}

TEST_CASE("长期 validity is kept as 长期") {
  EmulatedIdCard elder = ZhangWei();
  elder.name = "黄秀英";
  elder.gender_code = "2";
  elder.birth_date = "19520903";
  elder.id_number = "44200019520903062X";
  elder.valid_from = "20081015";
  elder.valid_to = "长期";
  auto card = DecodeCardText(CardText(elder));
  REQUIRE(card);
  CHECK(card->valid_to == "长期");
  CHECK(card->LongTermValid());
  CHECK(card->gender == "女");
  CHECK(card->id_number.back() == 'X');
}

TEST_CASE("all 56 nations and 97, 98 decode to the words the card prints") {
  const char* const kExpected[] = {
      "汉",     "蒙古",   "回",       "藏",     "维吾尔",   "苗",   "彝",     "壮",
      "布依",   "朝鲜",   "满",       "侗",     "瑶",       "白",   "土家",   "哈尼",
      "哈萨克", "傣",     "黎",       "傈僳",   "佤",       "畲",   "高山",   "拉祜",
      "水",     "东乡",   "纳西",     "景颇",   "柯尔克孜", "土",   "达斡尔", "仫佬",
      "羌",     "布朗",   "撒拉",     "毛南",   "仡佬",     "锡伯", "阿昌",   "普米",
      "塔吉克", "怒",     "乌孜别克", "俄罗斯", "鄂温克",   "德昂", "保安",   "裕固",
      "京",     "塔塔尔", "独龙",     "鄂伦春", "赫哲",     "门巴", "珞巴",   "基诺"};
  for (int code = 1; code <= 56; ++code) {
    EmulatedIdCard person = ZhangWei();
    person.nation_code = (code < 10 ? "0" : "") + std::to_string(code);
    auto card = DecodeCardText(CardText(person));
    REQUIRE(card);
    CHECK(card->nation_code == person.nation_code);
    CHECK(card->nation == kExpected[code - 1]);
  }
  CHECK(NationName("97") == "其他");
  CHECK(NationName("98") == "外国血统");
  for (const char* unknown : {"00", "57", "96", "99", "1", "001", "0a", ""}) {
    INFO(unknown);
    CHECK_FALSE(NationName(unknown));
  }
}

TEST_CASE("gender codes 0, 1, 2 and 9 decode; others are refused") {
  CHECK(GenderName("0") == "未知");
  CHECK(GenderName("1") == "男");
  CHECK(GenderName("2") == "女");
  CHECK(GenderName("9") == "未说明");
  CHECK_FALSE(GenderName("3"));
  CHECK_FALSE(GenderName("男"));
  // Codes 0 and 9 say nothing of sex, so the ID number's digit is not checked.
  for (const char* code : {"0", "9"}) {
    EmulatedIdCard person = ZhangWei();
    person.gender_code = code;
    auto card = DecodeCardText(CardText(person));
    REQUIRE(card);
    CHECK(card->gender_code == code);
  }
  EmulatedIdCard unknown = ZhangWei();
  unknown.gender_code = "5";
  auto refused = DecodeCardText(CardText(unknown));
  REQUIRE_FALSE(refused);
  CHECK_THAT(refused.error().detail, Catch::Contains("gender"));
}

TEST_CASE("odd padding: NUL, NUL then garbage, ideographic spaces, no padding at all") {
  Bytes text = CardText(ZhangWei());
  // Name: "张伟" then U+0000 and leftovers of an earlier name.
  PutUnit(text, 4, 0x0000);
  PutUnit(text, 6, u'李');
  PutUnit(text, 8, u'四');
  // Address padded with U+3000 instead of spaces.
  for (std::size_t at = kAddressField.offset + 27 * 2; at < kAddressField.offset + 70; at += 2) {
    PutUnit(text, at, 0x3000);
  }
  // Authority padded with NUL.
  for (std::size_t at = kAuthorityField.offset + 10 * 2; at < kAuthorityField.offset + 30;
       at += 2) {
    PutUnit(text, at, 0x0000);
  }
  // Reserved all NUL (some cards) - it is not decoded at all.
  for (std::size_t at = kReservedField.offset; at < kCardTextBytes; at += 2) PutUnit(text, at, 0);
  auto card = DecodeCardText(text);
  REQUIRE(card);
  CHECK(card->name == "张伟");
  CHECK(card->address == "广东省深圳市福田区莲花街道景田北路云帆花园3栋502房");
  CHECK(card->issuing_authority == "深圳市公安局福田分局");

  // A name that fills all 15 characters has no padding.
  EmulatedIdCard full = ZhangWei();
  full.name = "阿依古丽买买提阿依古丽买买提阿";
  auto filled = DecodeCardText(CardText(full));
  REQUIRE(filled);
  CHECK(filled->name == full.name);
}

TEST_CASE("names keep the middle dot and characters outside the BMP") {
  EmulatedIdCard person = ZhangWei();
  person.name = "阿依古丽·买买提";
  auto card = DecodeCardText(CardText(person));
  REQUIRE(card);
  CHECK(card->name == "阿依古丽·买买提");

  person.name = "王𠀋";  // U+2000B, a surrogate pair in UTF-16.
  card = DecodeCardText(CardText(person));
  REQUIRE(card);
  CHECK(card->name == "王𠀋");
}

TEST_CASE("UCS-2 fields: leading spaces trimmed, broken surrogates and controls refused") {
  CHECK(DecodeUcs2Field(Bytes{0x20, 0x00, 0x41, 0x00, 0x20, 0x00}).value() == "A");
  CHECK(DecodeUcs2Field(Bytes{}).value().empty());
  CHECK(DecodeUcs2Field(Bytes{0x20, 0x00, 0x20, 0x00}).value().empty());
  CHECK(DecodeUcs2Field(Bytes{0x41}).error().code == ErrorCode::kInvalidData);
  CHECK_FALSE(DecodeUcs2Field(Bytes{0x00, 0xD8, 0x41, 0x00}));  // High surrogate, no low.
  CHECK_FALSE(DecodeUcs2Field(Bytes{0x00, 0xDC}));              // Low surrogate alone.
  CHECK_FALSE(DecodeUcs2Field(Bytes{0x00, 0xD8}));              // High surrogate at the end.
  CHECK_FALSE(DecodeUcs2Field(Bytes{0x41, 0x00, 0x0A, 0x00, 0x42, 0x00}));  // A line feed.
  CHECK_FALSE(DecodeUcs2Field(Bytes{0x85, 0x00}));                          // C1 control.
}

TEST_CASE("a misread card is refused with the field and never its text") {
  struct Case {
    const char* what;
    void (*spoil)(EmulatedIdCard&);
    const char* field;
  };
  const Case cases[] = {
      {"wrong check character", [](EmulatedIdCard& c) { c.id_number[17] = '2'; }, "ID number"},
      {"lower-case x",
       [](EmulatedIdCard& c) {
         c.id_number = "44200019520903062x";
         c.birth_date = "19520903";
         c.gender_code = "2";
       },
       "ID number"},
      {"15-digit number", [](EmulatedIdCard& c) { c.id_number = "440304880315271"; }, "ID number"},
      {"birth date differs", [](EmulatedIdCard& c) { c.birth_date = "19880316"; }, "ID number"},
      {"sex differs", [](EmulatedIdCard& c) { c.gender_code = "2"; }, "ID number"},
      {"not a date", [](EmulatedIdCard& c) { c.birth_date = "19880230"; }, "birth date"},
      {"letters in a date", [](EmulatedIdCard& c) { c.valid_from = "2015O610"; }, "valid from"},
      {"ends before it starts", [](EmulatedIdCard& c) { c.valid_to = "20100101"; }, "valid to"},
      {"neither date nor 长期", [](EmulatedIdCard& c) { c.valid_to = "永久"; }, "valid to"},
      {"unknown nation", [](EmulatedIdCard& c) { c.nation_code = "60"; }, "nation"},
      {"empty name", [](EmulatedIdCard& c) { c.name = ""; }, "name"},
      {"empty address", [](EmulatedIdCard& c) { c.address = "   "; }, "address"},
      {"empty authority", [](EmulatedIdCard& c) { c.issuing_authority = ""; }, "issuing authority"},
  };
  for (const auto& c : cases) {
    EmulatedIdCard person = ZhangWei();
    c.spoil(person);
    auto card = DecodeCardText(CardText(person));
    INFO(c.what);
    REQUIRE_FALSE(card);
    CHECK(card.error().code == ErrorCode::kInvalidData);
    CHECK(card.error().reason == "card_data_invalid");
    CHECK_THAT(card.error().detail, Catch::Contains(c.field));
    CHECK_THAT(card.error().detail, !Catch::Contains("张伟"));
    CHECK_THAT(card.error().detail, !Catch::Contains("4403041988"));
  }
}

TEST_CASE("the 30 01 answer: lengths, text, and the photo kept raw") {
  Bytes photo(kCardPhotoBytes);
  for (std::size_t i = 0; i < photo.size(); ++i) photo[i] = static_cast<std::uint8_t>(i ^ 0x5C);
  auto card = DecodeTextAndPhoto(ReadAnswerData(CardText(ZhangWei()), photo));
  REQUIRE(card);
  CHECK(card->name == "张伟");
  REQUIRE(card->photo.Bytes().size() == kCardPhotoBytes);
  CHECK(Bytes(card->photo.Bytes().begin(), card->photo.Bytes().end()) == photo);

  // Without the licensed library nothing is shown.
  auto decoder = MakeUnlicensedPhotoDecoder();
  auto image = decoder->Decode(card->photo);
  REQUIRE_FALSE(image);
  CHECK(image.error().reason == "wlt_decoder_unavailable");

  card->Wipe();
  CHECK(card->name.empty());
  CHECK(card->id_number.empty());
  CHECK(card->photo.Empty());
}

TEST_CASE("30 01 answers with wrong lengths are refused") {
  const Bytes text = CardText(ZhangWei());
  const Bytes photo(kCardPhotoBytes, 0x11);
  Bytes data = ReadAnswerData(text, photo);
  CHECK_FALSE(DecodeTextAndPhoto(Bytes{0x01, 0x00}));
  Bytes wrong_text_length = data;
  wrong_text_length[1] = 0x02;  // 258
  CHECK_FALSE(DecodeTextAndPhoto(wrong_text_length));
  Bytes wrong_photo_length = data;
  wrong_photo_length[2] = 0x05;
  CHECK_FALSE(DecodeTextAndPhoto(wrong_photo_length));
  Bytes short_data = data;
  short_data.pop_back();
  CHECK_THAT(DecodeTextAndPhoto(short_data).error().detail, Catch::Contains("announced 1280"));
  Bytes long_data = data;
  long_data.push_back(0);
  CHECK_FALSE(DecodeTextAndPhoto(long_data));
  CHECK_FALSE(DecodeCardText(Bytes(255, 0x20)));
}

TEST_CASE("the appended address decodes; blank is none") {
  Bytes data;
  for (char16_t unit : u"广东省深圳市宝安区西乡街道") {
    if (unit == 0) break;
    data.push_back(static_cast<std::uint8_t>(unit & 0xFF));
    data.push_back(static_cast<std::uint8_t>(unit >> 8));
  }
  while (data.size() < 70) data.insert(data.end(), {0x20, 0x00});
  CHECK(DecodeAppendedAddress(data).value() == "广东省深圳市宝安区西乡街道");
  CHECK(DecodeAppendedAddress(Bytes(70, 0x00)).value().empty());
  CHECK(DecodeAppendedAddress(Bytes{}).value().empty());
  CHECK_FALSE(DecodeAppendedAddress(Bytes(72, 0x20)));
  CHECK_FALSE(DecodeAppendedAddress(Bytes(3, 0x20)));
}

TEST_CASE("the encoder lays a card out as the emulator does, and round-trips") {
  auto decoded = DecodeCardText(CardText(ZhangWei()));
  REQUIRE(decoded);
  auto encoded = EncodeCardText(*decoded);
  REQUIRE(encoded);
  CHECK(*encoded == CardText(ZhangWei()));

  IdCard too_long = *decoded;
  too_long.name = std::string(16 * 3, 'a');  // 48 ASCII letters: more than 15 characters.
  CHECK(EncodeCardText(too_long).error().code == ErrorCode::kInvalidArgument);
  IdCard not_utf8 = *decoded;
  not_utf8.address = "\xFF\xFE";
  CHECK_FALSE(EncodeCardText(not_utf8));
}

}  // namespace
}  // namespace kiosk::devices
