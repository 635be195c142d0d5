// `kioskctl idcard read` as maintenance staff run it: the real binary
// against the SAM emulator on a pty, its JSON, masking and exit statuses.

#include "kiosk/app/kioskctl_idcard.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/emulators/sam_emulator.h"
#include "tests/support/run_program.h"

namespace kiosk::ctl {
namespace {

using emulators::FaultPlan;
using emulators::SamFault;

using Outcome = testing::ProgramOutcome;

// Runs kioskctl with `args`, collecting both outputs; kills it after 30 s.
Outcome RunKioskctl(std::vector<std::string> args) {
  args.insert(args.begin(), KIOSKCTL_PATH);
  return testing::RunProgram(std::move(args), std::chrono::seconds(30));
}

// A profile with short timings, so faults resolve quickly; removed on exit.
class TestProfile {
 public:
  TestProfile() {
    path_ = std::filesystem::temp_directory_path() /
            ("kiosk-idcard-profile-" + std::to_string(::getpid()) + ".json");
    std::ofstream(path_) << R"({"transport": "serial", "port": "/dev/null",
      "answer_timeout_ms": 300, "read_answer_timeout_ms": 600, "poll_interval_ms": 50})";
  }
  ~TestProfile() { std::filesystem::remove(path_); }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

struct Rig {
  Rig() {
    auto pty = emulators::SamEmulator::OpenPty();
    REQUIRE(pty);
    emulator = std::move(*pty);
    auto loaded =
        emulators::LoadEmulatedIdCards(std::string(KIOSK_CONFIG_DIR) + "/sim/id_cards.json");
    REQUIRE(loaded);
    people = std::move(*loaded);
  }
  Outcome Read(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"idcard",    "read",        "--port",    emulator->PortPath(),
                                     "--profile", profile.str(), "--timeout", "2"};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunKioskctl(args);
  }
  std::unique_ptr<emulators::SamEmulator> emulator;
  std::map<std::string, emulators::EmulatedIdCard> people;
  TestProfile profile;
};

TEST_CASE("kioskctl idcard read prints the card as JSON, masked") {
  Rig rig;
  rig.emulator->PlaceCard(rig.people.at("zhang-wei"));
  const Outcome outcome = rig.Read();
  INFO(outcome.err);
  REQUIRE(outcome.status == 0);
  const auto json = nlohmann::json::parse(outcome.out);
  CHECK(json["name"] == "张伟");
  CHECK(json["gender"] == "男");
  CHECK(json["nation"] == "汉");
  CHECK(json["birth_date"] == "1988-03-15");
  CHECK(json["id_number"] == "440***********2711");
  CHECK(json["address"] == "广东省深圳市福田区****");
  CHECK(json["issuing_authority"] == "深圳市公安局福田分局");
  CHECK(json["valid_from"] == "2015-06-10");
  CHECK(json["valid_to"] == "2035-06-10");
  CHECK(json["photo_wlt_bytes"] == 1024);
  CHECK_FALSE(json.contains("appended_address"));
  CHECK(outcome.out.find("440304198803152711") == std::string::npos);
  CHECK(outcome.out.find("莲花街道") == std::string::npos);
}

TEST_CASE("kioskctl idcard read --unmasked shows everything, the appended address too") {
  Rig rig;
  rig.emulator->PlaceCard(rig.people.at("chen-jie"));
  const Outcome outcome = rig.Read({"--unmasked"});
  INFO(outcome.err);
  REQUIRE(outcome.status == 0);
  const auto json = nlohmann::json::parse(outcome.out);
  CHECK(json["id_number"] == "440306197906211356");
  CHECK(json["address"] == "广东省深圳市宝安区新安街道建安一路华景苑7栋301");
  CHECK(json["appended_address"] == "广东省深圳市宝安区西乡街道宝源路晴川花园2栋1106");

  rig.emulator->TakeCard();
  rig.emulator->PlaceCard(rig.people.at("huang-xiuying"));
  const Outcome elder = rig.Read();
  REQUIRE(elder.status == 0);
  const auto elder_json = nlohmann::json::parse(elder.out);
  CHECK(elder_json["valid_to"] == "长期");
  CHECK(elder_json["address"] == "广东省中山市****");
  CHECK(elder_json["id_number"] == "442***********062X");
}

TEST_CASE("kioskctl idcard read exit statuses name the failure") {
  Rig rig;
  SECTION("no card") {
    const Outcome outcome = rig.Read({"--timeout", "0.4"});
    CHECK(outcome.status == 4);
    CHECK_THAT(outcome.err, Catch::Contains("no_card"));
    CHECK(outcome.out.empty());
  }
  SECTION("card taken away during the read") {
    rig.emulator->PlaceCard(rig.people.at("li-na"));
    rig.emulator->SetFault({SamFault::kRemovedDuringRead, 1, 0x3001});
    const Outcome outcome = rig.Read();
    CHECK(outcome.status == 5);
    CHECK_THAT(outcome.err, Catch::Contains("card_removed"));
  }
  SECTION("the line keeps corrupting the answer") {
    rig.emulator->PlaceCard(rig.people.at("li-na"));
    rig.emulator->SetFault({SamFault::kBadChecksum, -1, 0x3001});
    const Outcome outcome = rig.Read();
    CHECK(outcome.status == 10);
    CHECK_THAT(outcome.err, Catch::Contains("bad checksum"));
  }
  SECTION("one corrupt answer is recovered from") {
    rig.emulator->PlaceCard(rig.people.at("li-na"));
    rig.emulator->SetFault({SamFault::kBadChecksum, 1, 0x3001});
    CHECK(rig.Read().status == 0);
  }
  SECTION("authentication failure") {
    rig.emulator->PlaceCard(rig.people.at("li-na"));
    rig.emulator->SetFault({SamFault::kAuthentication, 1, 0x2002});
    const Outcome outcome = rig.Read();
    CHECK(outcome.status == 7);
    CHECK_THAT(outcome.err, Catch::Contains("SW3 32"));
  }
  SECTION("a silent reader") {
    rig.emulator->SetFault({SamFault::kSilent, -1, std::nullopt});
    CHECK(rig.Read().status == 9);
  }
  // Personal data never reaches the error output.
  CHECK(std::string::npos ==
        RunKioskctl({"idcard", "read", "--port", "/nonexistent/tty"}).err.find("李娜"));
}

TEST_CASE("kioskctl idcard read: the reader cannot be opened, usage errors") {
  const Outcome missing = RunKioskctl({"idcard", "read", "--port", "/nonexistent/ttyID"});
  CHECK(missing.status == 3);
  CHECK_THAT(missing.err, Catch::Contains("/nonexistent/ttyID"));
  // No USB reader here (and no device has vendor 0000).
  CHECK(RunKioskctl({"idcard", "read", "--usb", "0000:0001"}).status == 3);
  CHECK(RunKioskctl({"idcard", "read", "--usb", "nope"}).status == 2);
  CHECK(RunKioskctl({"idcard", "read", "--port", "/dev/x", "--usb", "0000:0001"}).status == 2);
  CHECK(RunKioskctl({"idcard", "read", "--timeout", "-1"}).status == 2);
  CHECK(RunKioskctl({"idcard", "read", "--frobnicate"}).status == 2);
  CHECK(RunKioskctl({"idcard", "write"}).status == 2);
}

TEST_CASE("addresses are cut after the district") {
  CHECK(MaskAddressToDistrict("广东省深圳市福田区莲花街道景田北路云帆花园3栋502房") ==
        "广东省深圳市福田区****");
  CHECK(MaskAddressToDistrict("广东省广州市天河区天河路1号") == "广东省广州市天河区****");
  CHECK(MaskAddressToDistrict("广东省中山市石岐街道民生路23号") == "广东省中山市****");
  CHECK(MaskAddressToDistrict("新疆维吾尔自治区乌鲁木齐市天山区解放南路街道红山路156号") ==
        "新疆维吾尔自治区乌鲁木齐市天山区****");
  CHECK(MaskAddressToDistrict("北京市海淀区中关村大街1号") == "北京市海淀区****");
  CHECK(MaskAddressToDistrict("上海市浦东新区世纪大道100号") == "上海市浦东新区****");
  CHECK(MaskAddressToDistrict("浙江省湖州市长兴县雉城街道") == "浙江省湖州市长兴县****");
  CHECK(MaskAddressToDistrict("内蒙古自治区呼伦贝尔市鄂温克族自治旗巴彦托海镇") ==
        "内蒙古自治区呼伦贝尔市鄂温克族自治旗****");
  CHECK(MaskAddressToDistrict("云南省大理白族自治州大理市下关镇") ==
        "云南省大理白族自治州大理市****");
  CHECK(MaskAddressToDistrict("广东省深圳市福田区") == "广东省深圳市福田区");
  CHECK(MaskAddressToDistrict("某处") == "****");
  CHECK(MaskAddressToDistrict("") == "****");
}

TEST_CASE("exit statuses by reason") {
  CHECK(IdCardExitStatus(Error(ErrorCode::kDeviceNotReady, "", "no_card")) == 4);
  CHECK(IdCardExitStatus(Error(ErrorCode::kDeviceNotReady, "", "select_failed")) == 6);
  CHECK(IdCardExitStatus(Error(ErrorCode::kInvalidData, "", "card_data_invalid")) == 8);
  CHECK(IdCardExitStatus(Error(ErrorCode::kTimeout, "", "incomplete_answer")) == 9);
  CHECK(IdCardExitStatus(Error(ErrorCode::kIo, "", "checksum_error")) == 10);
  CHECK(IdCardExitStatus(Error(ErrorCode::kDevice, "", "sam_self_test_failed")) == 11);
  CHECK(IdCardExitStatus(Error(ErrorCode::kIo, "")) == 1);
}

}  // namespace
}  // namespace kiosk::ctl
