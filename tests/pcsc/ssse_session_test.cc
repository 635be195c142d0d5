// The read sequence over a card model (the emulator's logic without vpcd):
// every citizen, every padding, 61xx, 6Cxx, P2 = 04, every status word at
// every step, broken items, a card gone mid-read.

#include "drivers/card_reader/ssse_session.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "drivers/card_reader/sim_card_reader.h"
#include "tests/emulators/ssse_card_emulator.h"

namespace kiosk::devices::ssse {
namespace {

using emulators::EmulatedSsseCard;
using emulators::SsseCardModel;
using emulators::SsseFaultPlan;

class ModelChannel final : public ApduChannel {
 public:
  ModelChannel(EmulatedSsseCard card, SsseFaultPlan plan = {}) : model_(std::move(card), plan) {}
  Result<Bytes> Transmit(const Command& command) override {
    sent.push_back(command.apdu);
    if (fail_at > 0 && static_cast<int>(sent.size()) >= fail_at) {
      return std::unexpected(Error(ErrorCode::kDeviceNotReady, "gone", "card_removed"));
    }
    return model_.Answer(command.apdu);
  }
  SsseCardModel model_;
  std::vector<Bytes> sent;
  int fail_at = 0;
};

std::map<std::string, EmulatedSsseCard> TestCards() {
  auto cards = emulators::LoadEmulatedSsseCards(std::string(KIOSK_SOURCE_DIR) +
                                                "/tests/pcsc/data/ssse_cards.json");
  REQUIRE(cards);
  return *cards;
}

TEST_CASE("every simulated citizen reads back as the sim file holds them") {
  const std::string file = std::string(KIOSK_CONFIG_DIR) + "/sim/social_security_cards.json";
  auto expected = LoadSimCards(file);
  REQUIRE(expected);
  auto cards = emulators::LoadEmulatedSsseCards(file);
  REQUIRE(cards);
  REQUIRE(cards->size() == expected->size());
  for (const auto& [id, want] : *expected) {
    INFO(id);
    ModelChannel channel(cards->at(id));
    SsseReadStats stats;
    auto card = ReadSsseCard(channel, &stats);
    REQUIRE(card);
    CHECK(card->card_identifier == want.card_identifier);
    CHECK(card->card_type == want.card_type);
    CHECK(card->spec_version == want.spec_version);
    CHECK(card->issuing_institution == want.issuing_institution);
    CHECK(card->issue_date == want.issue_date);
    CHECK(card->expiry_date == want.expiry_date);
    CHECK(card->card_number == want.card_number);
    CHECK(card->ssn == want.ssn);
    CHECK(card->name == want.name);
    CHECK(card->gender == want.gender);
    CHECK(card->nation == want.nation);
    CHECK(card->birth_date == want.birth_date);
    CHECK(stats.apdus == 15);  // 3 SELECTs, 12 READ RECORDs.
    CHECK_FALSE(stats.used_p2_04);
  }
}

TEST_CASE("rare names and every padding variant decode") {
  auto cards = TestCards();
  struct Expected {
    const char* id;
    const char* name;
    const char* number;
    const char* expiry;
    const char* nation;
  };
  const Expected cases[] = {
      {"wang-yan", "王䶮", "A00000011", "2030-01-02", "01"},
      {"ji-tian", "𠮷田㵘", "B00000022", "2028-06-30", "02"},  // Space padding.
      {"ouyang-ff", "欧阳娜娜", "C00000033", "", "01"},        // 0xFF padding, no expiry.
      {"unpadded", "林", "D0044", "2032-02-28", "01"},         // Short values, nation 1F.
      {"long-name", "买买提·艾力·阿不都热合曼", "E00000055", "2031-07-01", "05"},
  };
  for (const auto& expected : cases) {
    INFO(expected.id);
    ModelChannel channel(cards.at(expected.id));
    auto card = ReadSsseCard(channel);
    REQUIRE(card);
    CHECK(card->name == expected.name);
    CHECK(card->card_number == expected.number);
    CHECK(card->expiry_date == expected.expiry);
    CHECK(card->nation == expected.nation);
    CHECK(card->RegionCode() == cards.at(expected.id).card_identifier.substr(0, 6));
  }
}

TEST_CASE("a card that wants P2 = 04 is read with it after the first refusal") {
  ModelChannel channel(TestCards().at("p2-04"));
  SsseReadStats stats;
  auto card = ReadSsseCard(channel, &stats);
  REQUIRE(card);
  CHECK(card->name == "周芷若");
  CHECK(stats.used_p2_04);
  CHECK(stats.apdus == 16);  // One refused READ RECORD, then P2 = 04 throughout.
  CHECK(channel.sent.back()[3] == 0x04);
}

TEST_CASE("61xx answers are collected with GET RESPONSE") {
  SsseFaultPlan plan;
  plan.get_response_chunk = 5;
  ModelChannel channel(TestCards().at("long-name"), plan);
  SsseReadStats stats;
  auto card = ReadSsseCard(channel, &stats);
  REQUIRE(card);
  CHECK(card->name == "买买提·艾力·阿不都热合曼");
  CHECK(channel.model_.Count("get_response") > 12);
  CHECK(stats.apdus == 15 + channel.model_.Count("get_response"));
}

TEST_CASE("6Cxx makes the command go again with the Le the card names") {
  SsseFaultPlan plan;
  plan.exact_le = true;
  ModelChannel channel(TestCards().at("unpadded"), plan);  // Items shorter than the spec.
  auto card = ReadSsseCard(channel);
  REQUIRE(card);
  CHECK(card->card_number == "D0044");
  // READ RECORD 07: Le 0B first, then 07 (tag, length, 5 bytes).
  bool resent = false;
  for (std::size_t i = 1; i < channel.sent.size(); ++i) {
    if (channel.sent[i - 1] == Bytes{0x00, 0xB2, 0x07, 0x00, 0x0B} &&
        channel.sent[i] == Bytes{0x00, 0xB2, 0x07, 0x00, 0x07}) {
      resent = true;
    }
  }
  CHECK(resent);
}

TEST_CASE("a card that never stops asking for more is a protocol error") {
  SsseFaultPlan plan;
  plan.status = 0x6110;
  plan.on = "get_response";
  plan.get_response_chunk = 4;
  ModelChannel channel(TestCards().at("wang-yan"), plan);
  auto card = ReadSsseCard(channel);
  REQUIRE_FALSE(card);
  CHECK(card.error().reason == "protocol_error");
  CHECK(channel.model_.Count("get_response") == 8);

  SsseFaultPlan wrong_le;
  wrong_le.status = 0x6C10;
  wrong_le.on = "read_01";
  ModelChannel again(TestCards().at("wang-yan"), wrong_le);
  auto looping = ReadSsseCard(again);
  REQUIRE_FALSE(looping);
  CHECK(looping.error().reason == "protocol_error");
  CHECK(again.model_.Count("read_01") == 3);
}

TEST_CASE("a card without the SSSE application is the wrong card") {
  ModelChannel channel(TestCards().at("bank-card"));
  auto card = ReadSsseCard(channel);
  REQUIRE_FALSE(card);
  CHECK(card.error().code == ErrorCode::kDeviceNotReady);
  CHECK(card.error().reason == "wrong_card");
  CHECK(channel.sent.size() == 1);
}

TEST_CASE("every status word at every step fails the read with its own reason") {
  const auto base = TestCards().at("wang-yan");
  struct Expected {
    std::uint16_t status;
    const char* on;
    const char* reason;
  };
  const Expected cases[] = {
      {0x6A82, "select_app", "wrong_card"},
      {0x6A82, "select_ef05", "file_not_found"},
      {0x6A82, "select_ef06", "file_not_found"},
      {0x6982, "select_ef06", "security_status_not_satisfied"},
      {0x6982, "read_08", "security_status_not_satisfied"},
      {0x6D00, "select_app", "not_supported"},
      {0x6E00, "select_app", "not_supported"},
      {0x6D00, "read_09", "not_supported"},
      {0x6283, "select_ef05", "card_blocked"},
      {0x6581, "read_05", "card_memory_failure"},
      {0x6F00, "read_0D", "card_error"},
  };
  for (const auto& expected : cases) {
    INFO(expected.on << " " << std::hex << expected.status);
    SsseFaultPlan plan;
    plan.status = expected.status;
    plan.on = expected.on;
    ModelChannel channel(base, plan);
    auto card = ReadSsseCard(channel);
    REQUIRE_FALSE(card);
    CHECK(card.error().reason == expected.reason);
  }
  // 6A83 to every read, P2 = 04 included: the record is not there.
  SsseFaultPlan missing;
  missing.status = 0x6A83;
  missing.on = "read_09";
  ModelChannel channel(base, missing);
  auto card = ReadSsseCard(channel);
  REQUIRE_FALSE(card);
  CHECK(card.error().reason == "record_not_found");
  CHECK_THAT(card.error().detail, Catch::Contains("READ RECORD 09 (P2 04) answered 6A83"));
  CHECK(channel.model_.Count("read_09") == 2);
}

TEST_CASE("broken items are invalid data, naming the item") {
  auto cards = TestCards();
  ModelChannel truncated(cards.at("truncated-name"));
  auto card = ReadSsseCard(truncated);
  REQUIRE_FALSE(card);
  CHECK(card.error().code == ErrorCode::kInvalidData);
  CHECK(card.error().reason == "card_data_invalid");
  CHECK_THAT(card.error().detail, Catch::Contains("item 09 (name)"));
  CHECK_THAT(card.error().detail, Catch::Contains("truncated"));

  ModelChannel bad_date(cards.at("bad-date"));
  auto dated = ReadSsseCard(bad_date);
  REQUIRE_FALSE(dated);
  CHECK_THAT(dated.error().detail, Catch::Contains("item 0D (birth_date)"));
}

TEST_CASE("a channel that fails mid-read ends the read with its error") {
  for (int at : {1, 2, 8, 15}) {
    INFO(at);
    ModelChannel channel(TestCards().at("wang-yan"));
    channel.fail_at = at;
    auto card = ReadSsseCard(channel);
    REQUIRE_FALSE(card);
    CHECK(card.error().reason == "card_removed");
    CHECK(channel.sent.size() == static_cast<std::size_t>(at));
  }
}

}  // namespace
}  // namespace kiosk::devices::ssse
