// `kioskctl card read` as maintenance staff run it: the real binary on a
// private pcscd with vpcd and the card emulator; its JSON, masking and
// exit statuses, and the profile it reads.

#include "kiosk/app/kioskctl_card.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "drivers/card_reader/pcsc_card_reader_profile.h"
#include "tests/emulators/ssse_card_emulator.h"
#include "tests/pcsc/private_pcscd.h"
#include "tests/support/run_program.h"

namespace kiosk::ctl {
namespace {

using emulators::SsseCardEmulator;
using emulators::SsseFaultPlan;

using Outcome = testing::ProgramOutcome;

// Runs kioskctl with `args` (it inherits PCSCLITE_CSOCK_NAME), collecting
// both outputs; kills it after 60 s.
Outcome RunKioskctl(std::vector<std::string> args) {
  args.insert(args.begin(), KIOSKCTL_PATH);
  return testing::RunProgram(std::move(args), std::chrono::seconds(60));
}

std::map<std::string, emulators::EmulatedSsseCard> Cards(const std::string& file) {
  auto cards = emulators::LoadEmulatedSsseCards(file);
  REQUIRE(cards);
  return *cards;
}

struct Rig {
  Rig() {
    testing::PrivatePcscd::SocketPath();
    REQUIRE(pcscd.Start());
    emulator = std::make_unique<SsseCardEmulator>(pcscd.Port());
    sim = Cards(std::string(KIOSK_CONFIG_DIR) + "/sim/social_security_cards.json");
    test = Cards(std::string(KIOSK_SOURCE_DIR) + "/tests/pcsc/data/ssse_cards.json");
  }
  testing::PrivatePcscd pcscd;
  std::unique_ptr<SsseCardEmulator> emulator;
  std::map<std::string, emulators::EmulatedSsseCard> sim;
  std::map<std::string, emulators::EmulatedSsseCard> test;
};

TEST_CASE("kioskctl card read prints the card, the number masked") {
  Rig rig;
  REQUIRE(rig.emulator->Insert(rig.sim.at("zhang-wei")));
  const Outcome masked = RunKioskctl({"card", "read", "--timeout", "20"});
  INFO(masked.err);
  REQUIRE(masked.status == 0);
  const auto json = nlohmann::json::parse(masked.out);
  CHECK(json["name"] == "张伟");
  CHECK(json["card_number"] == "A03419582");
  CHECK(json["region_code"] == "440300");
  CHECK(json["ssn"] == "440***********2711");
  CHECK(json["gender"] == "male");
  CHECK(json["birth_date"] == "1988-03-15");
  CHECK(json["issue_date"] == "2021-05-18");
  CHECK(json["expiry_date"] == "2031-05-18");
  CHECK(json["reader"] == "Virtual PCD 00 00");
  CHECK(masked.out.find("440304198803152711") == std::string::npos);

  const Outcome unmasked = RunKioskctl({"card", "read", "--unmasked", "--timeout", "20"});
  REQUIRE(unmasked.status == 0);
  CHECK(nlohmann::json::parse(unmasked.out)["ssn"] == "440304198803152711");
}

TEST_CASE("kioskctl card read: a rare name, and the reader by pattern") {
  Rig rig;
  SsseCardEmulator slot1(static_cast<std::uint16_t>(rig.pcscd.Port() + 1));
  REQUIRE(slot1.Insert(rig.test.at("ji-tian")));
  const Outcome outcome =
      RunKioskctl({"card", "read", "--reader", "virtual*01", "--timeout", "20"});
  INFO(outcome.err);
  REQUIRE(outcome.status == 0);
  const auto json = nlohmann::json::parse(outcome.out);
  CHECK(json["name"] == "𠮷田㵘");
  CHECK(json["reader"] == "Virtual PCD 00 01");

  CHECK(RunKioskctl({"card", "read", "--reader", "gemalto", "--timeout", "1"}).status == 4);
}

TEST_CASE("kioskctl card read: each failure has its exit status") {
  Rig rig;
  // No card.
  const Outcome empty = RunKioskctl({"card", "read", "--timeout", "1"});
  CHECK(empty.status == 5);
  CHECK_THAT(empty.err, Catch::Contains("[no_card]"));

  // kioskctl waits for a card with one in: the next must not meet the
  // last one's ghost. pcscd has seen it leave when a short read finds none.
  auto remove = [&] {
    rig.emulator->Remove();
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (RunKioskctl({"card", "read", "--timeout", "0.2"}).status != 5) {
      REQUIRE(std::chrono::steady_clock::now() < deadline);
    }
  };

  // Wrong card.
  REQUIRE(rig.emulator->Insert(rig.test.at("bank-card")));
  const Outcome wrong = RunKioskctl({"card", "read", "--timeout", "20"});
  CHECK(wrong.status == 7);
  CHECK_THAT(wrong.err, Catch::Contains("SELECT SSSE answered 6A82"));
  remove();

  // Status words and data, each after the last card has left pcscd's view.
  struct Case {
    std::optional<std::uint16_t> status;
    const char* on;
    const char* card;
    int exit;
  };
  const Case cases[] = {
      {0x6A83, "read_07", "li-na", 8},      {0x6982, "read_08", "li-na", 9},
      {0x6D00, "select_ef05", "li-na", 10}, {std::nullopt, "any", "truncated-name", 11},
      {0x6581, "read_09", "li-na", 12},
  };
  for (const auto& expected : cases) {
    INFO(expected.on << " " << expected.card);
    SsseFaultPlan plan;
    plan.status = expected.status;
    plan.on = expected.on;
    rig.emulator->SetFault(plan);
    const auto& card =
        rig.sim.contains(expected.card) ? rig.sim.at(expected.card) : rig.test.at(expected.card);
    REQUIRE(rig.emulator->Insert(card));
    const Outcome outcome = RunKioskctl({"card", "read", "--timeout", "20"});
    INFO(outcome.err);
    CHECK(outcome.status == expected.exit);
    remove();
  }

  // Pulled out mid-read.
  SsseFaultPlan removal;
  removal.remove_at_apdu = 6;
  rig.emulator->SetFault(removal);
  REQUIRE(rig.emulator->Insert(rig.sim.at("li-na")));
  const Outcome removed = RunKioskctl({"card", "read", "--timeout", "20"});
  CHECK(removed.status == 6);
  CHECK_THAT(removed.err, Catch::Contains("[card_removed]"));

  // pcscd gone.
  rig.pcscd.Stop();
  const Outcome offline = RunKioskctl({"card", "read", "--timeout", "1"});
  CHECK(offline.status == 3);
  CHECK_THAT(offline.err, Catch::Contains("[pcscd_not_running]"));
}

TEST_CASE("kioskctl card read: no reader, and usage errors") {
  testing::PrivatePcscd::SocketPath();
  testing::PrivatePcscd pcscd;
  REQUIRE(pcscd.Start(testing::WithVpcd::kNo));
  CHECK(RunKioskctl({"card", "read", "--timeout", "1"}).status == 4);
  CHECK(RunKioskctl({"card", "write"}).status == 2);
  CHECK(RunKioskctl({"card", "read", "--timeout", "-1"}).status == 2);
  CHECK(RunKioskctl({"card", "read", "--frobnicate"}).status == 2);
  CHECK(RunKioskctl({"card", "read", "--profile", "/nonexistent.json"}).status == 1);
}

TEST_CASE("every reason the reader gives has its exit status") {
  const std::pair<const char*, int> cases[] = {
      {"pcscd_not_running", 3},
      {"no_reader", 4},
      {"no_card", 5},
      {"card_removed", 6},
      {"wrong_card", 7},
      {"file_not_found", 8},
      {"record_not_found", 8},
      {"security_status_not_satisfied", 9},
      {"card_blocked", 9},
      {"not_supported", 10},
      {"card_data_invalid", 11},
      {"protocol_error", 12},
      {"card_unresponsive", 12},
      {"reader_busy", 13},
      {"pcsc_error", 1},
  };
  for (const auto& [reason, status] : cases) {
    INFO(reason);
    CHECK(CardExitStatus(Error(ErrorCode::kDevice, "x", reason)) == status);
  }
}

TEST_CASE("the reader profile is parsed strictly") {
  auto shipped = devices::LoadPcscCardReaderProfile(std::string(KIOSK_CONFIG_DIR) +
                                                    "/devices/pcsc_card_reader.json");
  REQUIRE(shipped);
  CHECK(shipped->reader_pattern.empty());
  CHECK(shipped->read_timeout == std::chrono::milliseconds(5000));
  CHECK(shipped->removal_grace == std::chrono::milliseconds(1500));
  CHECK(shipped->service_retry == std::chrono::milliseconds(500));
  auto parsed = devices::ParsePcscCardReaderProfile(
      nlohmann::json::parse(R"({"reader_pattern": "ACR*", "service_retry_ms": 100})"));
  REQUIRE(parsed);
  CHECK(parsed->reader_pattern == "ACR*");
  auto unknown = devices::ParsePcscCardReaderProfile(nlohmann::json::parse(R"({"reader": "x"})"));
  REQUIRE_FALSE(unknown);
  CHECK_THAT(unknown.error().detail, Catch::Contains("'reader'"));
  CHECK_FALSE(
      devices::ParsePcscCardReaderProfile(nlohmann::json::parse(R"({"read_timeout_ms": "5000"})")));
  CHECK_FALSE(
      devices::ParsePcscCardReaderProfile(nlohmann::json::parse(R"({"service_retry_ms": 0})")));
}

}  // namespace
}  // namespace kiosk::ctl
