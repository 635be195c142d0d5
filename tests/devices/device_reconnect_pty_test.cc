// The device manager through a real stack: the kiosk's real openers, the
// SAM ID card reader on a pseudo-terminal that goes away (the reader is
// unplugged) and comes back under the same name (replugged), the way udev
// keeps a /dev/serial/by-id link. Also the scanner profile the openers read.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "drivers/manager/device_manager.h"
#include "drivers/scanner/scanner_profile.h"
#include "kiosk/app/real_devices.h"
#include "tests/emulators/sam_emulator.h"
#include "tests/support/temp_dir.h"

namespace kiosk::devices {
namespace {

using namespace std::chrono_literals;

const std::string kConfig = KIOSK_CONFIG_DIR;

using kiosk::testing::TempDir;

void Write(const std::string& path, const nlohmann::json& json) {
  std::ofstream(path) << json.dump(2);
}

// Reports as they come from the manager's thread, with a wait for one.
class ReportLog {
 public:
  DeviceManager::StatusHandler Handler() {
    return [this](const DeviceReport& report) {
      std::lock_guard lock(mutex_);
      reports_.push_back(report);
      changed_.notify_all();
    };
  }
  // Waits until the newest report of the ID card reader is `state`.
  bool WaitFor(DeviceState state, std::chrono::milliseconds timeout = 10s) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] {
      for (auto it = reports_.rbegin(); it != reports_.rend(); ++it) {
        if (it->device_class == DeviceClass::kIdCardReader) return it->state == state;
      }
      return false;
    });
  }
  std::string LastDetail() {
    std::lock_guard lock(mutex_);
    for (auto it = reports_.rbegin(); it != reports_.rend(); ++it) {
      if (it->device_class == DeviceClass::kIdCardReader) return it->detail;
    }
    return "";
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<DeviceReport> reports_;
};

emulators::EmulatedIdCard Person(const std::string& id) {
  auto cards = emulators::LoadEmulatedIdCards(kConfig + "/sim/id_cards.json");
  REQUIRE(cards);
  return cards->at(id);
}

void Link(const std::string& link, const std::string& target) {
  std::error_code ignored;
  std::filesystem::remove(link, ignored);
  std::filesystem::create_symlink(target, link);
}

}  // namespace

TEST_CASE("an ID card reader unplugged and replugged is reopened and reads again") {
  TempDir dir;
  const std::string port = dir.File("ttyIDREADER");
  Write(dir.File("id_card_reader.json"), {{"transport", "serial"},
                                          {"port", port},
                                          {"answer_timeout_ms", 300},
                                          {"read_answer_timeout_ms", 1500},
                                          {"poll_interval_ms", 50}});
  Write(dir.File("hardware.json"),
        {{"format_version", 1},
         {"watch_interval_ms", 50},
         {"reopen_interval_ms", 100},
         {"reopen_max_interval_ms", 400},
         {"devices",
          {{"id_card_reader", {{"backend", "sam"}, {"profile", "id_card_reader.json"}}},
           {"card_reader", {{"backend", "none"}}},
           {"barcode_reader", {{"backend", "none"}}}}}});
  auto profile = LoadHardwareProfile(dir.File("hardware.json"));
  REQUIRE(profile);

  auto first = emulators::SamEmulator::OpenPty();
  REQUIRE(first);
  Link(port, (*first)->PortPath());

  ReportLog log;
  DeviceManager manager(*profile, RealDeviceOpeners());
  manager.SetStatusHandler(log.Handler());
  std::mutex events_mutex;
  int placed = 0;
  manager.id_card_reader().SetEventHandler([&](IdCardEvent event) {
    std::lock_guard lock(events_mutex);
    if (event == IdCardEvent::kPlaced) ++placed;
  });
  manager.id_card_reader().StartWatching();
  manager.Start();
  REQUIRE(log.WaitFor(DeviceState::kOnline));

  IdCardReadOptions options;
  options.timeout = 3s;
  (*first)->PlaceCard(Person("zhang-wei"));
  auto card = manager.id_card_reader().Read(options);
  REQUIRE(card);
  CHECK(card->name == "张伟");

  // Unplugged: the pty and its link vanish.
  first->reset();
  std::filesystem::remove(port);
  REQUIRE(log.WaitFor(DeviceState::kNoDevice));
  auto gone = manager.id_card_reader().Read(options);
  REQUIRE_FALSE(gone);
  CHECK(gone.error().code == ErrorCode::kDeviceNotReady);
  // The reopen attempts say what is missing.
  std::this_thread::sleep_for(300ms);
  CHECK(log.LastDetail().find(port) != std::string::npos);

  // Replugged under the same name.
  auto second = emulators::SamEmulator::OpenPty();
  REQUIRE(second);
  Link(port, (*second)->PortPath());
  REQUIRE(log.WaitFor(DeviceState::kOnline));
  (*second)->PlaceCard(Person("li-na"));
  card = manager.id_card_reader().Read(options);
  REQUIRE(card);
  CHECK(card->name == "李娜");
  {
    // Watching was handed to the new reader: it saw the card arrive.
    const auto deadline = std::chrono::steady_clock::now() + 5s;
    while (std::chrono::steady_clock::now() < deadline) {
      std::lock_guard lock(events_mutex);
      if (placed >= 2) break;
    }
    std::lock_guard lock(events_mutex);
    CHECK(placed >= 2);
  }
  manager.Stop();
  manager.id_card_reader().SetEventHandler({});
}

TEST_CASE("the scanner profile") {
  auto shipped = LoadScannerProfile(kConfig + "/devices/scanner.json");
  REQUIRE(shipped);
  CHECK(shipped->type == ScannerType::kHid);
  CHECK(shipped->terminator == "enter");

  auto serial = ParseScannerProfile(
      nlohmann::json{{"device", "/dev/ttyACM0"}, {"baud", 115200}, {"aim", true}});
  REQUIRE(serial);
  CHECK(serial->type == ScannerType::kSerial);  // From the path.
  CHECK(serial->baud == 115200);
  CHECK(serial->aim_identifier);

  auto refused = [](const nlohmann::json& json) {
    auto parsed = ParseScannerProfile(json);
    REQUIRE_FALSE(parsed);
    return parsed.error().detail;
  };
  CHECK(refused({{"type", "hid"}}).find("\"device\" is missing") != std::string::npos);
  CHECK(refused({{"device", "/srv/scanner"}}).find("cannot tell") != std::string::npos);
  CHECK(refused({{"device", "/dev/ttyS0"}, {"baud", 300}}).find("baud") != std::string::npos);
  CHECK(refused({{"device", "/dev/ttyS0"}, {"terminator", "cr"}}).find("terminator") !=
        std::string::npos);
  CHECK(refused({{"device", "/dev/ttyS0"}, {"speed", 9600}}).find("\"speed\" is not") !=
        std::string::npos);

  // Opening what is not there says so, as the manager's report will.
  ScannerProfile missing;
  missing.type = ScannerType::kSerial;
  missing.device = "/dev/ttyNOSUCHSCANNER";
  auto opened = OpenBarcodeScanner(missing);
  REQUIRE_FALSE(opened);
  CHECK(opened.error().code == ErrorCode::kNotFound);
}

}  // namespace kiosk::devices
