#include "drivers/id_card/sim_id_card_reader.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "drivers/id_card/sim_id_cards.h"

namespace kiosk::devices {
namespace {

using namespace std::chrono_literals;

const std::string kCardsFile = std::string(KIOSK_CONFIG_DIR) + "/sim/id_cards.json";

std::unique_ptr<SimIdCardReader> MakeReader() {
  auto reader = SimIdCardReader::Create(kCardsFile);
  REQUIRE(reader);
  return std::move(*reader);
}

IdCardReadOptions Options(std::chrono::milliseconds timeout = 1s) {
  IdCardReadOptions options;
  options.timeout = timeout;
  return options;
}

TEST_CASE("the simulated ID cards are the central service's citizens") {
  auto cards = LoadSimIdCards(kCardsFile);
  REQUIRE(cards);
  std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/central/data/citizens.json");
  const auto citizens = nlohmann::json::parse(in)["citizens"];
  int matched = 0;
  for (const auto& citizen : citizens) {
    const std::string id = citizen["id"];
    if (!cards->contains(id)) continue;
    INFO(id);
    const IdCard& card = cards->at(id);
    CHECK(card.name == citizen["name"].get<std::string>());
    CHECK(card.id_number == citizen["ssn"].get<std::string>());
    CHECK(card.birth_date == citizen["birth_date"].get<std::string>());
    CHECK(card.gender == (citizen["gender"] == "male" ? "男" : "女"));
    ++matched;
  }
  for (const char* id : {"zhang-wei", "li-na", "chen-jie", "zhao-min", "huang-xiuying"}) {
    CHECK(cards->contains(id));
  }
  CHECK(matched >= 5);
  CHECK(cards->at("huang-xiuying").LongTermValid());
  CHECK_FALSE(cards->at("chen-jie").appended_address.empty());
  CHECK(cards->at("ayi-gul").nation == "维吾尔");
}

TEST_CASE("a placed card is read; placing and taking raise events") {
  auto reader = MakeReader();
  std::vector<IdCardEvent> events;
  reader->SetEventHandler([&](IdCardEvent event) { events.push_back(event); });
  REQUIRE(reader->Place("chen-jie"));
  CHECK(reader->CardPresent());
  auto card = reader->Read(Options());
  REQUIRE(card);
  CHECK(card->name == "陈杰");
  CHECK(card->CurrentAddress() == card->appended_address);
  IdCardReadOptions without = Options();
  without.appended_address = false;
  CHECK(reader->Read(without)->appended_address.empty());
  reader->Take();
  CHECK(events == std::vector<IdCardEvent>{IdCardEvent::kPlaced, IdCardEvent::kTaken});
  CHECK(reader->Place("nobody").error().code == ErrorCode::kNotFound);
}

TEST_CASE("a read waits for a card placed meanwhile") {
  auto reader = MakeReader();
  std::jthread citizen([&] {
    std::this_thread::sleep_for(100ms);
    (void)reader->Place("li-na");
  });
  auto card = reader->Read(Options(2s));
  REQUIRE(card);
  CHECK(card->name == "李娜");
}

TEST_CASE("no card: no_card after the timeout") {
  auto reader = MakeReader();
  const auto started = std::chrono::steady_clock::now();
  auto card = reader->Read(Options(200ms));
  REQUIRE_FALSE(card);
  CHECK(card.error().reason == "no_card");
  CHECK(card.error().code == ErrorCode::kDeviceNotReady);
  CHECK(std::chrono::steady_clock::now() - started >= 200ms);
}

TEST_CASE("a read can be canceled while it waits") {
  auto reader = MakeReader();
  std::stop_source stop;
  IdCardReadOptions options = Options(10s);
  options.stop = stop.get_token();
  std::jthread canceler([&] {
    std::this_thread::sleep_for(50ms);
    stop.request_stop();
  });
  auto card = reader->Read(options);
  REQUIRE_FALSE(card);
  CHECK(card.error().code == ErrorCode::kCanceled);
}

TEST_CASE("simulated faults give the SAM reader's errors, once each") {
  auto reader = MakeReader();
  std::vector<IdCardEvent> events;
  reader->SetEventHandler([&](IdCardEvent event) { events.push_back(event); });
  REQUIRE(reader->Place("zhang-wei"));

  reader->SetFault(*SimIdCardFaultFromName("no-card"));
  CHECK(reader->Read(Options()).error().reason == "no_card");
  reader->SetFault(*SimIdCardFaultFromName("read-failed"));
  CHECK(reader->Read(Options()).error().reason == "read_failed");
  reader->SetFault(*SimIdCardFaultFromName("authentication-failed"));
  CHECK(reader->Read(Options()).error().reason == "sam_rejected_card");
  CHECK(reader->Read(Options()));  // Faults happen once.

  reader->SetFault(*SimIdCardFaultFromName("removed-during-read"));
  auto removed = reader->Read(Options());
  REQUIRE_FALSE(removed);
  CHECK(removed.error().reason == "card_removed");
  CHECK_FALSE(reader->CardPresent());
  CHECK(events.back() == IdCardEvent::kTaken);
  CHECK_FALSE(SimIdCardFaultFromName("melted"));
}

TEST_CASE("an offline simulated reader refuses to read") {
  auto reader = MakeReader();
  reader->SetState(DeviceState::kOffline);
  REQUIRE(reader->Place("zhang-wei"));
  CHECK(reader->Read(Options()).error().code == ErrorCode::kDeviceNotReady);
}

TEST_CASE("a card file with a misread number is refused naming the card") {
  const std::string path = std::filesystem::temp_directory_path() /
                           ("kiosk-idcards-" + std::to_string(::getpid()) + ".json");
  {
    std::ofstream out(path);
    out << R"({"cards": [{"id": "bad", "name": "某人", "gender_code": "1", "nation_code": "01",
        "birth_date": "1988-03-15", "address": "某地", "id_number": "440304198803152712",
        "issuing_authority": "某局", "valid_from": "2015-06-10", "valid_to": "2035-06-10"}]})";
  }
  auto cards = LoadSimIdCards(path);
  std::filesystem::remove(path);
  REQUIRE_FALSE(cards);
  CHECK_THAT(cards.error().detail, Catch::Contains("card bad"));
  CHECK_THAT(cards.error().detail, Catch::Contains("ID number"));
}

}  // namespace
}  // namespace kiosk::devices
