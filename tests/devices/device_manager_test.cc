// The device manager over simulators standing in for real backends: what
// it reports, how it retries an absent device, how it reopens a lost one
// and hands the new one the handlers, and the hardware profile.

#include "drivers/manager/device_manager.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "drivers/card_reader/sim_card_reader.h"
#include "drivers/id_card/sim_id_card_reader.h"
#include "drivers/scanner/sim_barcode_scanner.h"

namespace kiosk::devices {
namespace {

using namespace std::chrono_literals;
using Clock = DeviceManager::Clock;

const std::string kConfig = KIOSK_CONFIG_DIR;

DeviceSpec Spec(DeviceClass device_class, std::string backend) {
  DeviceSpec spec;
  spec.device_class = device_class;
  spec.backend = std::move(backend);
  return spec;
}

HardwareProfile Profile(std::vector<DeviceSpec> specs) {
  HardwareProfile profile;
  profile.reopen_interval = 2s;
  profile.reopen_max_interval = 8s;
  profile.devices = std::move(specs);
  return profile;
}

// Collects every report, by class.
struct Reports {
  std::vector<DeviceReport> all;
  DeviceManager::StatusHandler Handler() {
    return [this](const DeviceReport& report) { all.push_back(report); };
  }
  std::vector<DeviceReport> Of(DeviceClass device_class) const {
    std::vector<DeviceReport> found;
    for (const auto& report : all) {
      if (report.device_class == device_class) found.push_back(report);
    }
    return found;
  }
};

// Opens simulated ID card readers, keeping a handle on the newest, and can
// be told to fail.
struct IdReaderFactory {
  int opened = 0;
  int failures_left = 0;
  SimIdCardReader* newest = nullptr;
  std::function<Result<std::unique_ptr<IdCardReader>>(const DeviceSpec&)> Opener() {
    return [this](const DeviceSpec&) -> Result<std::unique_ptr<IdCardReader>> {
      ++opened;
      if (failures_left > 0) {
        --failures_left;
        return Fail(ErrorCode::kNotFound, "no such device /dev/ttyUSB9");
      }
      auto reader = SimIdCardReader::Create(kConfig + "/sim/id_cards.json");
      if (!reader) return std::unexpected(reader.error());
      newest = reader->get();
      return std::unique_ptr<IdCardReader>(std::move(*reader));
    };
  }
};

}  // namespace

TEST_CASE("every class is reported once at the start; one not fitted says so") {
  IdReaderFactory factory;
  DeviceOpeners openers;
  openers.id_card_reader = factory.Opener();
  DeviceManager manager(
      Profile({Spec(DeviceClass::kIdCardReader, "sam"), Spec(DeviceClass::kBarcodeReader, "none")}),
      openers);
  Reports reports;
  manager.SetStatusHandler(reports.Handler());
  manager.CheckNow();
  REQUIRE(reports.all.size() == 4);
  auto id = reports.Of(DeviceClass::kIdCardReader);
  REQUIRE(id.size() == 1);
  CHECK(id[0].state == DeviceState::kOnline);
  CHECK(id[0].backend == "sam");
  CHECK(id[0].detail.empty());
  auto card = reports.Of(DeviceClass::kCardReader);  // Not in the profile at all.
  REQUIRE(card.size() == 1);
  CHECK(card[0].state == DeviceState::kNoDevice);
  CHECK(card[0].backend == "none");
  CHECK(card[0].detail.find("not fitted") != std::string::npos);
  CHECK(reports.Of(DeviceClass::kBarcodeReader)[0].backend == "none");

  manager.CheckNow();  // Nothing changed: nothing reported.
  CHECK(reports.all.size() == 4);
  CHECK(manager.Reports().size() == 4);
}

TEST_CASE("a device that cannot be opened is retried with a growing pause") {
  IdReaderFactory factory;
  factory.failures_left = 3;
  DeviceOpeners openers;
  openers.id_card_reader = factory.Opener();
  DeviceManager manager(Profile({Spec(DeviceClass::kIdCardReader, "sam")}), openers);
  Reports reports;
  manager.SetStatusHandler(reports.Handler());
  const auto t0 = Clock::now();

  manager.CheckNow(t0);
  CHECK(factory.opened == 1);
  auto id = reports.Of(DeviceClass::kIdCardReader);
  REQUIRE(id.size() == 1);
  CHECK(id[0].state == DeviceState::kNoDevice);
  CHECK(id[0].detail.find("/dev/ttyUSB9") != std::string::npos);

  manager.CheckNow(t0 + 1s);
  CHECK(factory.opened == 1);  // Not before the pause of 2 s.
  manager.CheckNow(t0 + 2s);
  CHECK(factory.opened == 2);  // Then 4 s …
  manager.CheckNow(t0 + 5s);
  CHECK(factory.opened == 2);
  manager.CheckNow(t0 + 6s);
  CHECK(factory.opened == 3);  // … then 8 s, the most.
  manager.CheckNow(t0 + 13s);
  CHECK(factory.opened == 3);
  manager.CheckNow(t0 + 14s);
  CHECK(factory.opened == 4);
  id = reports.Of(DeviceClass::kIdCardReader);
  REQUIRE(id.size() == 2);  // The same failure is not reported again.
  CHECK(id[1].state == DeviceState::kOnline);
  CHECK(manager.id_card_reader().State() == DeviceState::kOnline);
}

TEST_CASE("a lost device is closed and reopened, and gets the handlers again") {
  IdReaderFactory factory;
  DeviceOpeners openers;
  openers.id_card_reader = factory.Opener();
  DeviceManager manager(Profile({Spec(DeviceClass::kIdCardReader, "sam")}), openers);
  Reports reports;
  manager.SetStatusHandler(reports.Handler());
  std::vector<IdCardEvent> events;
  manager.id_card_reader().SetEventHandler(
      [&events](IdCardEvent event) { events.push_back(event); });
  const auto t0 = Clock::now();
  manager.CheckNow(t0);
  REQUIRE(factory.newest != nullptr);
  REQUIRE(factory.newest->Place("zhang-wei"));
  CHECK(events == std::vector{IdCardEvent::kPlaced});

  factory.newest->SetState(DeviceState::kNoDevice);  // Unplugged.
  manager.CheckNow(t0 + 1s);
  auto id = reports.Of(DeviceClass::kIdCardReader);
  REQUIRE(id.size() == 2);
  CHECK(id[1].state == DeviceState::kNoDevice);
  CHECK(id[1].detail.find("lost") != std::string::npos);
  CHECK(manager.id_card_reader().State() == DeviceState::kNoDevice);
  IdCardReadOptions options;
  options.timeout = 100ms;
  auto read = manager.id_card_reader().Read(options);
  REQUIRE_FALSE(read);
  CHECK(read.error().code == ErrorCode::kDeviceNotReady);
  CHECK(read.error().reason == "no_device");

  manager.CheckNow(t0 + 3s);  // Plugged back in: a new backend.
  CHECK(factory.opened == 2);
  id = reports.Of(DeviceClass::kIdCardReader);
  REQUIRE(id.size() == 3);
  CHECK(id[2].state == DeviceState::kOnline);
  REQUIRE(factory.newest->Place("li-na"));
  CHECK(events == std::vector{IdCardEvent::kPlaced, IdCardEvent::kPlaced});
  auto card = manager.id_card_reader().Read(options);
  REQUIRE(card);
  CHECK(card->name == "李娜");
}

TEST_CASE("a self-healing backend (PC/SC, a simulator) is watched, not reopened") {
  SimCardReader* sim = nullptr;
  int opened = 0;
  DeviceOpeners openers;
  openers.card_reader = [&](const DeviceSpec&) -> Result<std::unique_ptr<CardReader>> {
    ++opened;
    auto reader = SimCardReader::Create(kConfig + "/sim/social_security_cards.json");
    if (!reader) return std::unexpected(reader.error());
    sim = reader->get();
    return std::unique_ptr<CardReader>(std::move(*reader));
  };
  DeviceManager manager(Profile({Spec(DeviceClass::kCardReader, "pcsc")}), openers);
  Reports reports;
  manager.SetStatusHandler(reports.Handler());
  const auto t0 = Clock::now();
  manager.CheckNow(t0);
  REQUIRE(sim != nullptr);
  sim->SetState(DeviceState::kNoDevice);
  manager.CheckNow(t0 + 5s);
  manager.CheckNow(t0 + 10s);
  CHECK(opened == 1);
  sim->SetState(DeviceState::kOnline);
  manager.CheckNow(t0 + 11s);
  auto card = reports.Of(DeviceClass::kCardReader);
  REQUIRE(card.size() == 3);
  CHECK(card[1].state == DeviceState::kNoDevice);
  CHECK(card[1].detail == "the device reports no_device");
  CHECK(card[2].state == DeviceState::kOnline);
}

TEST_CASE("a scanner keeps scanning across a reopen; nothing attached refuses") {
  SimBarcodeScanner* sim = nullptr;
  DeviceOpeners openers;
  bool present = false;
  openers.barcode_reader = [&](const DeviceSpec&) -> Result<std::unique_ptr<BarcodeScanner>> {
    if (!present) return Fail(ErrorCode::kNotFound, "no /dev/input/by-id/scanner");
    auto scanner = std::make_unique<SimBarcodeScanner>();
    sim = scanner.get();
    return std::unique_ptr<BarcodeScanner>(std::move(scanner));
  };
  DeviceManager manager(Profile({Spec(DeviceClass::kBarcodeReader, "scanner")}), openers);
  std::vector<std::string> scanned;
  manager.barcode_reader().SetScanHandler([&scanned](ScanEvent event) {
    scanned.push_back(event.payload ? event.payload->text : event.payload.error().reason);
  });
  auto started = manager.barcode_reader().StartScanning();
  REQUIRE_FALSE(started);
  CHECK(started.error().reason == "no_device");
  const auto t0 = Clock::now();
  manager.CheckNow(t0);
  CHECK(manager.barcode_reader().State() == ScannerState::kInoperative);

  present = true;
  manager.CheckNow(t0 + 2s);
  REQUIRE(sim != nullptr);
  CHECK(manager.barcode_reader().State() == ScannerState::kOn);  // The wish was kept.
  REQUIRE(sim->Scan("first"));
  sim->SetUnplugged(true);
  manager.CheckNow(t0 + 3s);
  CHECK(manager.Reports()[2].state == DeviceState::kNoDevice);
  manager.CheckNow(t0 + 5s);
  REQUIRE(sim->Scan("second"));
  CHECK(scanned == std::vector<std::string>{"first", "second"});
}

TEST_CASE("the hardware profile") {
  SECTION("the shipped one") {
    auto profile = LoadHardwareProfile(kConfig + "/devices/hardware.json");
    REQUIRE(profile);
    REQUIRE(profile->devices.size() == 4);
    const DeviceSpec* card = profile->Find(DeviceClass::kCardReader);
    REQUIRE(card != nullptr);
    CHECK(card->backend == "pcsc");
    CHECK(card->profile == kConfig + "/devices/pcsc_card_reader.json");
    CHECK_FALSE(card->ReopenWhenLost());
    CHECK(profile->Find(DeviceClass::kIdCardReader)->ReopenWhenLost());
    const DeviceSpec* printer = profile->Find(DeviceClass::kReceiptPrinter);
    REQUIRE(printer != nullptr);
    CHECK(printer->backend == "escpos");
    CHECK(printer->profile == kConfig + "/devices/receipt_printer.json");
    CHECK(printer->ReopenWhenLost());
    CHECK(profile->watch_interval == 1000ms);
    auto simulated = Simulated(*profile);
    for (const auto& spec : simulated.devices) {
      CHECK(spec.backend == "sim");
      CHECK(spec.profile.empty());
    }
  }
  auto refused = [](const std::string& text) {
    auto parsed = ParseHardwareProfile(text, "/etc/kiosk/hardware.json");
    REQUIRE_FALSE(parsed);
    CHECK(parsed.error().code == ErrorCode::kInvalidData);
    return parsed.error().detail;
  };
  CHECK(refused("[]").find("not a JSON object") != std::string::npos);
  CHECK(refused(R"({"format_version": 2})").find("format_version") != std::string::npos);
  CHECK(refused(R"({"format_version": 1, "watch_ms": 5})").find("watch_ms") != std::string::npos);
  CHECK(refused(R"({"format_version": 1, "watch_interval_ms": 0})").find("watch_interval_ms") !=
        std::string::npos);
  CHECK(refused(R"({"format_version": 1, "devices": {"printer": {"backend": "sim"}}})")
            .find("devices.printer: not a device class") != std::string::npos);
  CHECK(refused(R"({"format_version": 1, "devices": {"card_reader": {"backend": "sam",
                   "profile": "x.json"}}})")
            .find("cannot drive a card_reader") != std::string::npos);
  CHECK(refused(R"({"format_version": 1, "devices": {"id_card_reader": {"backend": "sam"}}})")
            .find("needs \"profile\"") != std::string::npos);
  CHECK(refused(R"({"format_version": 1, "devices": {"id_card_reader": {"backend": "sim",
                   "port": "/dev/ttyS0"}}})")
            .find("\"port\" is not understood") != std::string::npos);
}

}  // namespace kiosk::devices

namespace kiosk::devices {

TEST_CASE("a new hardware profile reopens only the devices it changes") {
  IdReaderFactory factory;
  DeviceOpeners openers;
  openers.id_card_reader = factory.Opener();
  std::vector<DeviceClass> closed;
  openers.closed = [&closed](DeviceClass device_class) { closed.push_back(device_class); };
  DeviceSpec reader = Spec(DeviceClass::kIdCardReader, "sam");
  reader.settings = R"({"port": "/dev/ttyS0"})";
  DeviceManager manager(Profile({reader}), openers);
  Reports reports;
  manager.SetStatusHandler(reports.Handler());
  manager.CheckNow();
  REQUIRE(factory.opened == 1);

  // The same settings (another version's copy of the same file).
  CHECK(manager.Reconfigure(Profile({reader}), openers).empty());
  CHECK(factory.opened == 1);
  CHECK(closed.empty());

  // Other settings: closed and opened again at once, the handlers kept.
  reader.settings = R"({"port": "/dev/ttyS1"})";
  CHECK(manager.Reconfigure(Profile({reader}), openers) ==
        std::vector<DeviceClass>{DeviceClass::kIdCardReader});
  CHECK(factory.opened == 2);
  CHECK(closed == std::vector<DeviceClass>{DeviceClass::kIdCardReader});
  CHECK(manager.Reports()[1].state == DeviceState::kOnline);

  // No longer fitted: closed and reported so.
  CHECK(manager.Reconfigure(Profile({Spec(DeviceClass::kIdCardReader, "none")}), openers).empty());
  CHECK(closed.size() == 2);
  CHECK_FALSE(manager.id_card_reader().Read({}).has_value());
  auto last = reports.Of(DeviceClass::kIdCardReader).back();
  CHECK(last.backend == "none");
  CHECK(last.detail.find("not fitted") != std::string::npos);
}

}  // namespace kiosk::devices
