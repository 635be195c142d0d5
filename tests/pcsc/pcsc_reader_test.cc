// PcscCardReader on its real stack: a private pcscd with vpcd, the card
// emulator inserted and removed over TCP. pcscd polls vpcd about every
// 400 ms, so every wait here is for an event, with generous limits.

#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "drivers/card_reader/pcsc_card_reader.h"
#include "drivers/card_reader/reader_pattern.h"
#include "tests/emulators/ssse_card_emulator.h"
#include "tests/pcsc/private_pcscd.h"

namespace kiosk::devices {
namespace {

using emulators::EmulatedSsseCard;
using emulators::SsseCardEmulator;
using emulators::SsseFaultPlan;
using namespace std::chrono_literals;

constexpr auto kEventWait = 15s;

std::map<std::string, EmulatedSsseCard> Cards(const std::string& file) {
  auto cards = emulators::LoadEmulatedSsseCards(file);
  REQUIRE(cards);
  return *cards;
}
std::map<std::string, EmulatedSsseCard> SimCards() {
  return Cards(std::string(KIOSK_CONFIG_DIR) + "/sim/social_security_cards.json");
}
std::map<std::string, EmulatedSsseCard> TestCards() {
  return Cards(std::string(KIOSK_SOURCE_DIR) + "/tests/pcsc/data/ssse_cards.json");
}

PcscCardReaderProfile Profile(std::string pattern = "") {
  PcscCardReaderProfile profile;
  profile.reader_pattern = std::move(pattern);
  profile.service_retry = 100ms;
  return profile;
}

// Events and states as the reader reports them, waited for by value.
class Recorder {
 public:
  void Attach(PcscCardReader& reader) {
    reader.SetEventHandler([this](CardEvent event) {
      std::lock_guard lock(mutex_);
      events_.push_back(event);
      cv_.notify_all();
    });
    reader.SetStateHandler([this](DeviceState) { cv_.notify_all(); });
  }
  // The next event, or nullopt after `wait`.
  std::optional<CardEvent> Next(std::chrono::milliseconds wait = kEventWait) {
    std::unique_lock lock(mutex_);
    if (!cv_.wait_for(lock, wait, [&] { return !events_.empty(); })) return std::nullopt;
    const CardEvent event = events_.front();
    events_.pop_front();
    return event;
  }
  bool WaitForState(const PcscCardReader& reader, DeviceState state,
                    std::chrono::milliseconds wait = kEventWait) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, wait, [&] { return reader.State() == state; });
  }
  std::size_t Pending() {
    std::lock_guard lock(mutex_);
    return events_.size();
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<CardEvent> events_;
};

struct Stack {
  Stack() {
    testing::PrivatePcscd::SocketPath();
    auto started = pcscd.Start();
    REQUIRE(started);
  }
  ~Stack() {
    if (!succeeded) UNSCOPED_INFO("pcscd log:\n" << pcscd.Log());
  }
  testing::PrivatePcscd pcscd;
  bool succeeded = false;
};

CardReadOptions Within(std::chrono::milliseconds timeout) {
  CardReadOptions options;
  options.timeout = timeout;
  return options;
}

TEST_CASE("reader names match by substring or glob, case ignored") {
  const std::vector<std::string> names = {"Virtual PCD 00 00", "Virtual PCD 00 01",
                                          "ACS ACR39U ICC Reader 01 00"};
  CHECK(MatchReader("", names) == "Virtual PCD 00 00");
  CHECK(MatchReader("acr39", names) == "ACS ACR39U ICC Reader 01 00");
  CHECK(MatchReader("*pcd 00 01", names) == "Virtual PCD 00 01");
  CHECK(MatchReader("virtual*01", names) == "Virtual PCD 00 01");
  CHECK(MatchReader("ACS*[0-9] 00", names) == "ACS ACR39U ICC Reader 01 00");
  CHECK_FALSE(MatchReader("PCD 00", std::vector<std::string>{}));
  CHECK_FALSE(MatchReader("gemalto", names));
  CHECK_FALSE(MatchReader("pcd", {"Virtual PCD 00 00"}) != "Virtual PCD 00 00");
  CHECK_FALSE(ReaderNameMatches("virtual", "ACS ACR39U"));
  CHECK_FALSE(ReaderNameMatches("*00", "Virtual PCD 00 01"));  // A glob covers the whole name.
}

TEST_CASE("several citizens in turn: inserted, read, removed") {
  Stack stack;
  PcscCardReader reader(Profile());
  Recorder recorder;
  recorder.Attach(reader);
  reader.Start();
  REQUIRE(recorder.WaitForState(reader, DeviceState::kOnline));
  CHECK(reader.ReaderName() == "Virtual PCD 00 00");
  CHECK_FALSE(reader.CardPresent());

  SsseCardEmulator emulator(stack.pcscd.Port());
  auto sim = SimCards();
  auto test = TestCards();
  const std::vector<EmulatedSsseCard> people = {sim.at("zhang-wei"),  sim.at("huang-xiuying"),
                                                test.at("wang-yan"),  test.at("ji-tian"),
                                                test.at("ouyang-ff"), test.at("p2-04")};
  for (const auto& person : people) {
    INFO(person.id);
    REQUIRE(emulator.Insert(person));
    REQUIRE(recorder.Next() == CardEvent::kInserted);
    CHECK(reader.CardPresent());
    auto card = reader.ReadCard();
    REQUIRE(card);
    CHECK(card->name == person.name);
    CHECK(card->ssn == person.ssn);
    CHECK(card->card_number == person.card_number);
    CHECK(card->RegionCode() == person.card_identifier.substr(0, 6));
    CHECK(card->birth_date == person.birth_date);
    CHECK(card->expiry_date == person.expiry_date);
    CHECK(card->gender == person.gender);
    CHECK(reader.LastReadStats().used_p2_04 == person.wants_p2_04);
    emulator.Remove();
    REQUIRE(recorder.Next() == CardEvent::kRemoved);
    CHECK_FALSE(reader.CardPresent());
  }
  CHECK(recorder.Pending() == 0);
  reader.Stop();
  stack.succeeded = true;
}

TEST_CASE("Read waits for a card inserted after it began") {
  Stack stack;
  PcscCardReader reader(Profile());
  SsseCardEmulator emulator(stack.pcscd.Port());
  std::thread inserter([&] {
    std::this_thread::sleep_for(300ms);  // Pacing only: Read must be waiting by then or not.
    REQUIRE(emulator.Insert(SimCards().at("li-na")));
  });
  auto card = reader.Read(Within(20s));
  inserter.join();
  REQUIRE(card);
  CHECK(card->name == "李娜");
  stack.succeeded = true;
}

TEST_CASE("a card without the SSSE application is the wrong card") {
  Stack stack;
  PcscCardReader reader(Profile());
  SsseCardEmulator emulator(stack.pcscd.Port());
  REQUIRE(emulator.Insert(TestCards().at("bank-card")));
  auto card = reader.Read(Within(20s));
  REQUIRE_FALSE(card);
  CHECK(card.error().reason == "wrong_card");
  CHECK(card.error().code == ErrorCode::kDeviceNotReady);
  CHECK(emulator.ApdusReceived() == 1);
  stack.succeeded = true;
}

TEST_CASE("status words, 61xx and 6Cxx through pcscd") {
  Stack stack;
  PcscCardReader reader(Profile());
  // Each card goes in after pcscd has seen the last one leave.
  Recorder recorder;
  recorder.Attach(reader);
  reader.Start();
  REQUIRE(recorder.WaitForState(reader, DeviceState::kOnline));
  SsseCardEmulator emulator(stack.pcscd.Port());
  const auto person = TestCards().at("unpadded");
  struct Case {
    std::uint16_t status;
    const char* on;
    const char* reason;
  };
  const Case cases[] = {{0x6982, "read_08", "security_status_not_satisfied"},
                        {0x6A82, "select_ef06", "file_not_found"},
                        {0x6D00, "select_app", "not_supported"},
                        {0x6E00, "select_app", "not_supported"},
                        {0x6F00, "read_01", "card_error"}};
  for (const auto& expected : cases) {
    INFO(expected.on << " " << std::hex << expected.status);
    SsseFaultPlan plan;
    plan.status = expected.status;
    plan.on = expected.on;
    emulator.SetFault(plan);
    REQUIRE(emulator.Insert(person));
    REQUIRE(recorder.Next() == CardEvent::kInserted);
    auto card = reader.Read(Within(20s));
    REQUIRE_FALSE(card);
    CHECK(card.error().reason == expected.reason);
    emulator.Remove();
    REQUIRE(recorder.Next() == CardEvent::kRemoved);
  }
  SsseFaultPlan flows;
  flows.get_response_chunk = 3;
  flows.exact_le = true;
  emulator.SetFault(flows);
  REQUIRE(emulator.Insert(person));
  auto card = reader.Read(Within(20s));
  REQUIRE(card);
  CHECK(card->name == "林");
  CHECK(reader.LastReadStats().apdus > 40);
  stack.succeeded = true;
}

TEST_CASE("a card pulled out mid-read is a clean card_removed error") {
  Stack stack;
  PcscCardReaderProfile profile = Profile();
  profile.removal_grace = 3000ms;  // Past pcscd's 400 ms poll, with room for a slow machine.
  PcscCardReader reader(profile);
  Recorder recorder;
  recorder.Attach(reader);
  reader.Start();
  REQUIRE(recorder.WaitForState(reader, DeviceState::kOnline));
  SsseCardEmulator emulator(stack.pcscd.Port());
  for (int at : {2, 9}) {
    INFO("removed at APDU " << at);
    SsseFaultPlan plan;
    plan.remove_at_apdu = at;
    emulator.SetFault(plan);
    REQUIRE(emulator.Insert(SimCards().at("chen-jie")));
    REQUIRE(recorder.Next() == CardEvent::kInserted);
    auto card = reader.Read(Within(20s));
    REQUIRE_FALSE(card);
    CHECK(card.error().reason == "card_removed");
    CHECK(card.error().code == ErrorCode::kDeviceNotReady);
    REQUIRE(recorder.Next() == CardEvent::kRemoved);
    CHECK(reader.State() == DeviceState::kOnline);
    emulator.WaitUntilRemoved();
  }
  // The reader reads the next card as if nothing happened.
  emulator.SetFault({});
  REQUIRE(emulator.Insert(SimCards().at("chen-jie")));
  auto card = reader.Read(Within(20s));
  REQUIRE(card);
  CHECK(card->name == "陈杰");
  stack.succeeded = true;
}

TEST_CASE("no card within the timeout, and a wait canceled") {
  Stack stack;
  PcscCardReader reader(Profile());
  auto card = reader.Read(Within(1500ms));
  REQUIRE_FALSE(card);
  CHECK(card.error().reason == "no_card");
  CHECK_THAT(card.error().detail, Catch::Contains("Virtual PCD 00 00"));

  std::stop_source stop;
  CardReadOptions options = Within(60s);
  options.stop = stop.get_token();
  const auto started = std::chrono::steady_clock::now();
  std::thread canceler([&] {
    std::this_thread::sleep_for(300ms);
    stop.request_stop();
  });
  auto canceled = reader.Read(options);
  canceler.join();
  REQUIRE_FALSE(canceled);
  CHECK(canceled.error().code == ErrorCode::kCanceled);
  CHECK(std::chrono::steady_clock::now() - started < 30s);
  stack.succeeded = true;
}

TEST_CASE("the reader is chosen by its pattern") {
  Stack stack;
  PcscCardReader second(Profile("*pcd 00 01"));
  Recorder recorder;
  recorder.Attach(second);
  second.Start();
  REQUIRE(recorder.WaitForState(second, DeviceState::kOnline));
  CHECK(second.ReaderName() == "Virtual PCD 00 01");

  // A card in slot 0 is not in our reader.
  SsseCardEmulator slot0(stack.pcscd.Port());
  REQUIRE(slot0.Insert(SimCards().at("zhao-min")));
  SsseCardEmulator slot1(static_cast<std::uint16_t>(stack.pcscd.Port() + 1));
  REQUIRE(slot1.Insert(SimCards().at("wu-ting")));
  REQUIRE(recorder.Next() == CardEvent::kInserted);
  auto card = second.Read(Within(20s));
  REQUIRE(card);
  CHECK(card->name == "吴婷");

  PcscCardReader none(Profile("gemalto"));
  Recorder none_recorder;
  none_recorder.Attach(none);
  none.Start();
  REQUIRE(none_recorder.WaitForState(none, DeviceState::kNoDevice));
  auto missing = none.Read(Within(1000ms));
  REQUIRE_FALSE(missing);
  CHECK(missing.error().reason == "no_reader");
  CHECK_THAT(missing.error().detail, Catch::Contains("'gemalto'"));
  stack.succeeded = true;
}

TEST_CASE("no reader at all is kNoDevice") {
  testing::PrivatePcscd::SocketPath();
  testing::PrivatePcscd pcscd;
  REQUIRE(pcscd.Start(testing::WithVpcd::kNo));
  PcscCardReader reader(Profile());
  Recorder recorder;
  recorder.Attach(reader);
  reader.Start();
  REQUIRE(recorder.WaitForState(reader, DeviceState::kNoDevice));
  auto card = reader.Read(Within(1000ms));
  REQUIRE_FALSE(card);
  CHECK(card.error().reason == "no_reader");
}

TEST_CASE("pcscd not running is kOffline, retried until it comes") {
  testing::PrivatePcscd::SocketPath();
  testing::PrivatePcscd pcscd;
  PcscCardReader reader(Profile());
  Recorder recorder;
  recorder.Attach(reader);
  auto card = reader.Read(Within(1000ms));
  REQUIRE_FALSE(card);
  CHECK(card.error().reason == "pcscd_not_running");
  reader.Start();
  CHECK(reader.State() == DeviceState::kOffline);

  REQUIRE(pcscd.Start());
  REQUIRE(recorder.WaitForState(reader, DeviceState::kOnline));
  SsseCardEmulator emulator(pcscd.Port());
  REQUIRE(emulator.Insert(SimCards().at("liang-guohua")));
  REQUIRE(recorder.Next() == CardEvent::kInserted);

  // pcscd goes away with the card in: offline, and the card is gone for us.
  pcscd.Stop();
  REQUIRE(recorder.WaitForState(reader, DeviceState::kOffline));
  CHECK(recorder.Next() == CardEvent::kRemoved);
  CHECK_FALSE(reader.CardPresent());
  reader.Stop();
}

}  // namespace
}  // namespace kiosk::devices
